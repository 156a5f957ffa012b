import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp, uniqueIndex } from './helpers.ts';
import { failedTaskEvent } from './containers-fixtures.ts';

/**
 * Issue #17 rows 1, 2 and 7: one caller's body can neither stall the server nor cost another
 * caller's events, and the engine's own words never reach the caller. Real engine, real batcher.
 */
const INGEST_TOKEN = 'ingest-0123456789abcdef0123456789abcdef';
const headers = { 'x-lookout-ingest-token': INGEST_TOKEN, 'content-type': 'application/json' };

const event = (name: string) => failedTaskEvent(name, Date.parse('2026-11-20T10:00:00Z'));

describe('ingest bodies: limits while parsing, summaries, one poison event costs only itself', () => {
  const eventsIndex = uniqueIndex('test-ingest-limits');
  let app: FastifyInstance;
  const post = (payload: string, contentType = 'application/json') =>
    app.inject({
      method: 'POST',
      url: '/api/ingest/ecs-events',
      headers: { ...headers, 'content-type': contentType },
      payload,
    });
  const stored = async () => {
    await app.es.indices.refresh({ index: eventsIndex });
    return (await app.es.count({ index: eventsIndex })).count;
  };

  beforeAll(async () => {
    app = await testApp({ INGEST_TOKEN, ECS_EVENTS_INDEX: eventsIndex });
  });
  afterAll(async () => {
    await app.es.indices.delete({ index: eventsIndex, ignore_unavailable: true });
    await app.close();
  });

  it('refuses an array of 1,000,000 objects with 413 naming the limit, without a 177 MB answer', async () => {
    const response = await post(`[${Array(1_000_000).fill('{}').join(',')}]`);
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toContain(
      'more than 5000 events in one request (the limit of events per request)',
    );
    expect(response.body.length).toBeLessThan(500);
    const zeros = await post(
      `[${JSON.stringify(event('one-valid'))},${Array(2_000_000).fill('0').join(',')}]`,
    );
    expect(zeros.statusCode).toBe(413);
  });

  it('refuses a body over the byte limit by its content-length, before reading it', async () => {
    const response = await post(`[${'{}'.repeat(0)}${' '.repeat(6 * 1024 * 1024)}]`);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: 'Payload Too Large' });
  });

  it('reads a pretty-printed event, a pretty-printed array and NDJSON, each exactly their events', async () => {
    const pretty = await post(JSON.stringify(event('pretty'), null, 2));
    expect(pretty.json()).toMatchObject({ received: 1, indexed: 1, rejectedCount: 0 });
    const array = await post(JSON.stringify([event('array-1'), event('array-2')], null, 2));
    expect(array.json()).toMatchObject({ received: 2, indexed: 2 });
    const ndjson = await post(
      [event('nd-1'), event('nd-2'), event('nd-3')].map((value) => JSON.stringify(value)).join('\n'),
      'application/x-ndjson',
    );
    expect(ndjson.json()).toMatchObject({ received: 3, indexed: 3 });
    expect(await stored()).toBe(6);
  });

  it('answers a body that is no JSON at all with one rejection saying what is accepted', async () => {
    const response = await post('this is\nnot json\nat all', 'text/plain');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(
      'no event stored: #0 is not JSON: neither one JSON document, a JSON array, nor NDJSON (one JSON value a line)',
    );
  });

  it('summarises: counts every rejection, lists the first 20', async () => {
    const body = [event('summary-valid'), ...Array.from({ length: 30 }, (_, n) => ({ n }))];
    const response = await post(JSON.stringify(body));
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer).toMatchObject({ received: 31, indexed: 1, rejectedCount: 30 });
    expect(answer.rejected).toHaveLength(20);
    expect(answer.rejected[0]).toMatchObject({ position: 1 });
  });

  it('stores every one of 260 concurrent valid events while poison events fail alone, with clean reasons', async () => {
    const before = await stored();
    const deep = JSON.stringify(event('poison-deep')).replace(
      /^\{/,
      `{"extra":${'['.repeat(5_000)}${']'.repeat(5_000)},`,
    );
    const longArn = event('poison-arn');
    longArn.detail.taskArn = `${longArn.detail.taskArn}/${'x'.repeat(2_000)}`;
    const answers = await Promise.all([
      post(deep),
      post(JSON.stringify(longArn)),
      ...Array.from({ length: 260 }, (_, n) => post(JSON.stringify(event(`concurrent-${n}`)))),
    ]);
    const [deepAnswer, arnAnswer, ...valid] = answers;
    expect(deepAnswer!.statusCode).toBe(400);
    expect(deepAnswer!.json().message).toBe(
      'no event stored: #0 nested deeper than 32 levels (the limit per event)',
    );
    expect(arnAnswer!.statusCode).toBe(400);
    expect(arnAnswer!.json().message).toBe(
      "no event stored: #0 id longer than 512 bytes (the engine's limit)",
    );
    expect(valid.map((answer) => answer.statusCode)).toEqual(Array(260).fill(200));
    expect((await stored()) - before).toBe(260);
  });

  it('tells the caller a short reason and the field when the engine refuses an event', async () => {
    // A valid event whose version does not fit `lookout.version` (integer): the engine refuses it
    // with `document_parsing_exception: [1:1234] failed to parse field [lookout.version]…`.
    const huge = JSON.stringify(event('engine-refuses')).replace(
      /"version":4\b/,
      '"version":99999999999999999999',
    );
    const response = await post(huge);
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(
      'no event stored: #0 field lookout.version has a value its mapping does not accept',
    );
    expect(response.body).not.toMatch(/exception|\[1:\d+\]|StreamReadConstraints/);
  });
});
