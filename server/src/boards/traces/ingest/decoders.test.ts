import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spansFromOtlp } from './otlp.ts';
import { decodeOtlpProtobuf, encodeOtlpProtobuf } from './otlp-protobuf.ts';
import { spansFromZipkin } from './zipkin.ts';
import { spansFromJaeger } from './jaeger.ts';
import { normaliseId } from './ids.ts';
import type { SpanOutcome, StoredSpan } from './span-document.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

function stored(outcomes: SpanOutcome[]): StoredSpan[] {
  const problems = outcomes.filter((outcome) => 'problem' in outcome);
  expect(problems).toEqual([]);
  return outcomes as StoredSpan[];
}

describe('OTLP JSON (the specification example trace.json)', () => {
  it('stores the server span with lowercase ids, ns times and its service', () => {
    const [span] = stored(spansFromOtlp(fixture('otlp-trace.json')));
    expect(span!.id).toBe('5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174');
    expect(span!.document).toMatchObject({
      '@timestamp': '2018-12-13T14:51:00.000Z',
      start: '2018-12-13T14:51:00.000000000Z',
      duration_ns: 1_000_000_000,
      duration_precision: 'ns',
      parent_span_id: 'eee19b7ec3c1b173',
      service: 'my.service',
      name: "I'm a server span",
      kind: 'server',
      status: { code: 'unset' },
      is_error: false,
      attributes: { 'my.span.attr': 'some value' },
      scope: { name: 'my.library', version: '1.0.0' },
      source: 'otlp',
    });
  });

  it('reads the one-line form the same as the pretty-printed one', () => {
    const text = readFileSync(new URL('./__fixtures__/otlp-trace.json', import.meta.url), 'utf8');
    expect(spansFromOtlp(JSON.parse(JSON.stringify(JSON.parse(text))))).toEqual(
      spansFromOtlp(fixture('otlp-trace.json')),
    );
  });

  it('takes int64 times as numbers, enum names, an empty parent id and sub-ms digits', () => {
    const [span] = stored(
      spansFromOtlp({
        resourceSpans: [
          {
            resource: { attributes: [] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: 'ab',
                    spanId: '1',
                    parentSpanId: '',
                    name: 'root',
                    kind: 'SPAN_KIND_CLIENT',
                    // As JSON.parse reads an int64 sent as a number.
                    startTimeUnixNano: JSON.parse('1544712660123456789') as number,
                    endTimeUnixNano: '1544712660123457789',
                    status: { code: 2, message: 'boom' },
                    attributes: [
                      { key: 'http.method', value: { stringValue: 'POST' } },
                      { key: 'http.status_code', value: { intValue: '503' } },
                      { key: 'big', value: { intValue: '9007199254740993' } },
                      { key: 'list', value: { arrayValue: { values: [{ boolValue: true }] } } },
                    ],
                    events: [{ timeUnixNano: '1544712660123457000', name: 'retry', attributes: [] }],
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const document = span!.document;
    expect(document.trace_id).toBe('000000000000000000000000000000ab');
    expect(document.span_id).toBe('0000000000000001');
    expect(document.parent_span_id).toBeUndefined();
    expect(document.service).toBe('unknown_service');
    expect(document.kind).toBe('client');
    expect(document.status).toEqual({ code: 'error', message: 'boom' });
    expect(document.is_error).toBe(true);
    // A JSON number loses digits past 2^53: what the producer sent is what is kept.
    expect(document.start.startsWith('2018-12-13T14:51:00.123')).toBe(true);
    expect(document['http.request.method']).toBe('POST');
    expect(document['http.response.status_code']).toBe(503);
    expect(document.attributes).toMatchObject({ big: '9007199254740993', list: [true] });
    expect(document.events).toEqual([
      { time: '2018-12-13T14:51:00.123457000Z', name: 'retry', attributes: {} },
    ]);
  });

  it('refuses a span with a bad id, naming the span and the field, and keeps the others', () => {
    const outcomes = spansFromOtlp({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: 'not-an-id!',
                  spanId: '01',
                  name: 'bad',
                  startTimeUnixNano: '1544712660000000000',
                  endTimeUnixNano: '1544712660000000001',
                },
                {
                  traceId: '01',
                  spanId: '02',
                  name: 'good',
                  startTimeUnixNano: '1544712660000000000',
                  endTimeUnixNano: '1544712660000000001',
                },
              ],
            },
          ],
        },
      ],
    });
    expect(outcomes[0]).toEqual({
      problem: expect.stringMatching(/^span "bad" .*traceId "not-an-id!" is neither hex/),
    });
    expect(outcomes[1]).toHaveProperty('id');
  });
});

describe('OTLP protobuf (official definitions)', () => {
  it('decodes what an exporter encodes into the same documents as the JSON form', () => {
    const bytes = encodeOtlpProtobuf({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'my.service' } }] },
          scopeSpans: [
            {
              scope: { name: 'my.library', version: '1.0.0' },
              spans: [
                {
                  traceId: Buffer.from('5b8efff798038103d269b633813fc60c', 'hex'),
                  spanId: Buffer.from('eee19b7ec3c1b174', 'hex'),
                  parentSpanId: Buffer.from('eee19b7ec3c1b173', 'hex'),
                  name: "I'm a server span",
                  startTimeUnixNano: '1544712660000000000',
                  endTimeUnixNano: '1544712661000000000',
                  kind: 2,
                  attributes: [{ key: 'my.span.attr', value: { stringValue: 'some value' } }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(spansFromOtlp(decodeOtlpProtobuf(bytes))).toEqual(spansFromOtlp(fixture('otlp-trace.json')));
  });

  it('keeps nanosecond digits beyond 2^53 exactly', () => {
    const bytes = encodeOtlpProtobuf({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: Buffer.alloc(16, 1),
                  spanId: Buffer.alloc(8, 2),
                  name: 'x',
                  startTimeUnixNano: '1733256000123456789',
                  endTimeUnixNano: '1733256000123457790',
                },
              ],
            },
          ],
        },
      ],
    });
    const [span] = stored(spansFromOtlp(decodeOtlpProtobuf(bytes)));
    expect(span!.document.start).toBe('2024-12-03T20:00:00.123456789Z');
    expect(span!.document.duration_ns).toBe(1001);
  });

  it('throws on bytes that are not a request', () => {
    expect(() => decodeOtlpProtobuf(Buffer.from('{"resourceSpans": []}'))).toThrow();
  });
});

describe('Zipkin v2', () => {
  const spans = () => stored(spansFromZipkin(fixture('zipkin-v2.json')));

  it('stores the shared server half apart, as the child of the client half', () => {
    const [client, server] = spans();
    expect(client!.id).toBe('00000000000000005af7183fb1d4cf5f-352bff9a74ca9ad2');
    expect(server!.id).toBe('00000000000000005af7183fb1d4cf5f-352bff9a74ca9ad2-server');
    expect(server!.document).toMatchObject({
      parent_span_id: '352bff9a74ca9ad2',
      service: 'api',
      kind: 'server',
    });
    expect(server!.document.events).toEqual([
      { time: '2019-04-30T06:02:52.356000Z', name: 'wr', attributes: {} },
    ]);
  });

  it('reads microsecond times, the error tag and the common tags', () => {
    const [client, , root] = spans();
    expect(client!.document).toMatchObject({
      start: '2019-04-30T06:02:52.355737Z',
      duration_ns: 1_431_000,
      duration_precision: 'us',
      service: 'backend',
      kind: 'client',
      status: { code: 'error', message: 'Internal Server Error' },
      is_error: true,
      'http.request.method': 'GET',
      'http.route': '/api',
      'http.response.status_code': 500,
    });
    expect(root!.document.parent_span_id).toBeUndefined();
  });
});

describe('Jaeger JSON (UI download)', () => {
  it('pads ids, maps span.kind, the error tag, CHILD_OF and logs', () => {
    const [server, query] = stored(spansFromJaeger(fixture('jaeger-download.json')));
    expect(server!.document).toMatchObject({
      trace_id: '000000000000000006e2a3a5c1f2b4d9',
      span_id: '00000000001a2b3c',
      service: 'frontend',
      kind: 'server',
      duration_ns: 716_064_000,
      'http.response.status_code': 200,
      resource: { hostname: 'web-1', 'service.name': 'frontend' },
    });
    expect(server!.document.events[0]).toMatchObject({ name: 'HTTP request received' });
    expect(query!.document).toMatchObject({
      parent_span_id: '00000000001a2b3c',
      service: 'mysql',
      kind: 'client',
      is_error: true,
      'db.system': 'mysql',
    });
  });
});

describe('ids', () => {
  it('accepts base64 of 16 and 8 bytes and refuses other lengths', () => {
    expect(normaliseId('W47/95gDgQPSabYzgT/GDA==', 'trace')).toEqual({
      id: '5b8efff798038103d269b633813fc60c',
    });
    expect(normaliseId('7uGbfsPBsXQ=', 'span')).toEqual({ id: 'eee19b7ec3c1b174' });
    expect(normaliseId('AAE=', 'span')).toHaveProperty('problem');
    expect(normaliseId('00000000000000000', 'span')).toHaveProperty('problem');
    expect(normaliseId('0000000000000000', 'span')).toEqual({ problem: 'is all zeros (an invalid id)' });
  });
});
