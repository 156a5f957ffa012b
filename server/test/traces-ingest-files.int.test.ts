import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { createEsClient } from '../src/es/client.ts';
import { silentProgress } from '../src/core/progress.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { spanIndexTemplate, type SpanDocument } from '../src/boards/traces/mapping.ts';
import { ingestTraceFiles } from '../src/boards/traces/ingest/ingest-trace-files.ts';
import { testConfig, uniqueIndex } from './helpers.ts';

const fixtures = new URL('../src/boards/traces/ingest/__fixtures__/', import.meta.url);
const prefix = uniqueIndex('traces-files');

describe('lookout ingest traces', () => {
  let client: Client;
  let dir: string;

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    await installIndexTemplates(client, [spanIndexTemplate({ traces: { indexPrefix: prefix } })]);
    dir = await mkdtemp(path.join(tmpdir(), 'lookout-traces-'));
    // The Collector's file exporter: one ExportTraceServiceRequest a line, gzipped here.
    const request = JSON.parse(await readFile(new URL('otlp-trace.json', fixtures), 'utf8'));
    const parent = structuredClone(request);
    const parentSpan = parent.resourceSpans[0].scopeSpans[0].spans[0];
    parentSpan.spanId = 'EEE19B7EC3C1B173';
    delete parentSpan.parentSpanId;
    parent.resourceSpans[0].resource.attributes[0].value.stringValue = 'edge';
    const lines = [JSON.stringify(request), JSON.stringify(parent), '{"not": "a trace"}'].join('\n');
    await writeFile(path.join(dir, 'collector.jsonl.gz'), gzipSync(lines));
    await writeFile(path.join(dir, 'jaeger.json'), await readFile(new URL('jaeger-download.json', fixtures)));
    await writeFile(path.join(dir, 'zipkin.json'), await readFile(new URL('zipkin-v2.json', fixtures)));
  });

  afterAll(async () => {
    const indices = await client.cat.indices({ index: `${prefix}-*`, h: 'index', format: 'json' });
    const names = indices.map((index) => index.index!);
    if (names.length > 0) await client.indices.delete({ index: names });
    await rm(dir, { recursive: true, force: true });
    await client.close();
  });

  it('reads OTLP lines, Jaeger and Zipkin files in a directory and names what it refuses', async () => {
    const report = await ingestTraceFiles(client, [dir], { indexPrefix: prefix, progress: silentProgress });
    expect(report).toMatchObject({ files: 3, spans: 7, indexed: 7, alreadyPresent: 0 });
    expect(report.rejected).toEqual([
      {
        file: path.join(dir, 'collector.jsonl.gz'),
        line: 3,
        reason: expect.stringMatching(/neither OTLP JSON/),
      },
    ]);
    const response = await client.search<SpanDocument>({ index: `${prefix}-*`, size: 20 });
    const byId = new Map(response.hits.hits.map((hit) => [hit._id!, hit._source!]));
    expect(byId.get('5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174')).toMatchObject({
      service: 'my.service',
      parent_service: 'edge',
    });
    expect(byId.get('000000000000000006e2a3a5c1f2b4d9-4d5e6f7a8b9c0d1e')).toMatchObject({
      service: 'mysql',
      parent_service: 'frontend',
      duration_ns: 312_000_000,
    });
    expect([...byId.values()].map((span) => span.source).sort()).toEqual([
      'jaeger',
      'jaeger',
      'otlp',
      'otlp',
      'zipkin',
      'zipkin',
      'zipkin',
    ]);
  });

  it('counts a second run as already present', async () => {
    const report = await ingestTraceFiles(client, [dir], { indexPrefix: prefix, progress: silentProgress });
    expect(report).toMatchObject({ indexed: 0, alreadyPresent: 7 });
  });
});
