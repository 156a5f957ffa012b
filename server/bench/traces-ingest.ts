/**
 * Traces ingest benchmark (issue #12, "Budgets"): spans through `POST /v1/traces` (protobuf and
 * JSON, as an OTLP exporter sends them) next to a raw `_bulk` of the same documents, measured in
 * the same run. It prints; it never fails on a number.
 *
 *   1. Data: N spans (traces of 20 spans over 6 services) as OTLP requests of --per-request spans,
 *      written once as protobuf (the official definitions) and as JSON files in a temporary folder.
 *   2. Runs, each from empty bench indices: the BFF fed the protobuf files, a raw `_bulk` of the
 *      same documents pre-serialised, a raw `_bulk` that also reads the JSON files and decodes
 *      them, the BFF fed the JSON files. The BFF's side includes what the raw side does not do:
 *      the parent_service lookup (mget) and back-fill search of each request.
 *      Budget: ingestion ≥ 80% of the raw `_bulk`.
 *
 * Run (ES_URL, default the dev engine; only its own indices `traces-bench*` and templates):
 *   pnpm --filter @lookout/server bench:traces [-- --spans 1000000 --per-request 1000 --concurrency 4]
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app/build-app.ts';
import { loadConfig } from '../src/app/config.ts';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { spanIndexName, spanIndexTemplate } from '../src/boards/traces/mapping.ts';
import { encodeOtlpProtobuf } from '../src/boards/traces/ingest/otlp-protobuf.ts';
import { spansFromOtlp } from '../src/boards/traces/ingest/otlp.ts';
import type { StoredSpan } from '../src/boards/traces/ingest/span-document.ts';
import {
  BatchCutter,
  deleteIndices,
  measureRun,
  parseBenchFlags,
  printIngestComparison,
  sendBatches,
  waitForMerges,
  type IngestRun,
} from './bench-kit.ts';

const PREFIX = 'traces-bench-otlp';
const RAW_PREFIX = 'traces-bench-raw';
const INGEST_TOKEN = 'bench-ingest-token-0123456789abcdef';
const SERVICES = ['gateway', 'checkout', 'cart', 'payments', 'inventory', 'postgres'];
const SPANS_PER_TRACE = 20;
const FLUSH_BYTES = 5_000_000;

const flags = parseBenchFlags(
  process.argv.slice(2),
  { spans: '100000', 'per-request': '1000', concurrency: '4' },
  [],
);
const totalSpans = Math.round(flags.spans!);
const perRequest = Math.round(flags['per-request']!);
const concurrency = Math.round(flags.concurrency!);

/** One request's spans: whole traces, a gateway root and a call tree below it. */
function otlpRequest(first: number, count: number, startMs: number) {
  const byService = new Map<string, object[]>();
  for (let n = first; n < first + count; n++) {
    const trace = Math.floor(n / SPANS_PER_TRACE);
    const position = n % SPANS_PER_TRACE;
    const service = position === 0 ? SERVICES[0]! : SERVICES[1 + (position % (SERVICES.length - 1))]!;
    const startNs = BigInt(startMs + trace) * 1_000_000n + BigInt(position * 1_000);
    const span = {
      traceId: Buffer.from((trace + 1).toString(16).padStart(32, '0'), 'hex'),
      spanId: Buffer.from((n + 1).toString(16).padStart(16, '0'), 'hex'),
      ...(position === 0
        ? {}
        : {
            parentSpanId: Buffer.from(
              (n - position + 1 + Math.floor((position - 1) / 4)).toString(16).padStart(16, '0'),
              'hex',
            ),
          }),
      name: position === 0 ? 'GET /checkout' : `call ${service}`,
      kind: position === 0 ? 2 : 3,
      startTimeUnixNano: String(startNs),
      endTimeUnixNano: String(startNs + BigInt(50_000 + ((n * 7919) % 900_000))),
      attributes: [
        { key: 'http.request.method', value: { stringValue: 'GET' } },
        { key: 'http.route', value: { stringValue: '/checkout' } },
        { key: 'http.response.status_code', value: { intValue: 200 } },
      ],
      status: { code: n % 97 === 0 ? 2 : 0 },
    };
    byService.set(service, [...(byService.get(service) ?? []), span]);
  }
  return {
    resourceSpans: [...byService].map(([service, spans]) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [{ scope: { name: 'bench' }, spans }],
    })),
  };
}

/** The proto3 JSON form of the same request: hex ids, int64 as strings. */
function asJson(request: ReturnType<typeof otlpRequest>): string {
  return JSON.stringify(request, (_key, value: unknown) =>
    value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer'
      ? Buffer.from((value as { data: number[] }).data).toString('hex')
      : value,
  );
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, TRACES_INDEX_PREFIX: PREFIX, INGEST_TOKEN, LOG_LEVEL: 'warn' });
  const client = createEsClient(config.es);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lookout-traces-bench-'));
  const files: { protobuf: string[]; json: string[] } = { protobuf: [], json: [] };
  const startMs = Date.UTC(2026, 10, 20, 12);
  for (let first = 0, n = 0; first < totalSpans; first += perRequest, n++) {
    const request = otlpRequest(first, Math.min(perRequest, totalSpans - first), startMs);
    const protobufFile = path.join(dir, `${n}.pb`);
    const jsonFile = path.join(dir, `${n}.json`);
    await writeFile(protobufFile, encodeOtlpProtobuf(request));
    await writeFile(jsonFile, asJson(request));
    files.protobuf.push(protobufFile);
    files.json.push(jsonFile);
  }
  console.log(
    `${totalSpans.toLocaleString('en-US')} spans in ${files.json.length} requests of ${perRequest}; ${concurrency} in flight`,
  );

  const rawTemplate = {
    ...spanIndexTemplate({ traces: { indexPrefix: RAW_PREFIX } }),
    name: 'lookout-spans-benchraw',
  };
  await installIndexTemplates(client, [spanIndexTemplate({ traces: { indexPrefix: PREFIX } }), rawTemplate]);
  const app = await buildApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/traces`;

  const clean = async () => {
    await deleteIndices(client, [`${PREFIX}-*`, `${RAW_PREFIX}-*`]);
    await waitForMerges(client);
  };

  async function throughBff(label: string, list: string[], contentType: string): Promise<IngestRun> {
    await clean();
    const measured = await measureRun(client, async () => {
      let next = 0;
      let refused = 0;
      const worker = async () => {
        while (next < list.length) {
          const body = await readFile(list[next++]!);
          const response = await fetch(url, {
            method: 'POST',
            body,
            headers: { 'content-type': contentType, 'x-lookout-ingest-token': INGEST_TOKEN },
          });
          if (response.status !== 200)
            throw new Error(`${label}: ${response.status} ${await response.text()}`);
          const answer = await response.arrayBuffer();
          if (contentType === 'application/json' && answer.byteLength > 2) refused += 1;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return refused;
    });
    await client.indices.refresh({ index: `${PREFIX}-*` });
    const stored = (await client.count({ index: `${PREFIX}-*` })).count;
    return {
      label,
      documents: stored,
      extra: measured.result,
      seconds: measured.seconds,
      peakRss: measured.peakRss,
      cpu: measured.cpu,
    };
  }

  async function rawBulk(
    label: string,
    batches: () => AsyncIterable<Buffer> | Iterable<Buffer>,
  ): Promise<IngestRun> {
    await clean();
    const measured = await measureRun(client, () => sendBatches(client, batches(), concurrency));
    return {
      label,
      documents: measured.result.indexed,
      extra: measured.result.conflicts + measured.result.failed,
      seconds: measured.seconds,
      peakRss: measured.peakRss,
      cpu: measured.cpu,
    };
  }

  const cut = (spans: StoredSpan[], cutter: BatchCutter): Buffer[] =>
    spans.flatMap((span) => {
      const body = cutter.add(
        spanIndexName(RAW_PREFIX, new Date(span.document['@timestamp'])),
        span.id,
        span.document,
      );
      return body ? [body] : [];
    });
  const decode = async (file: string) =>
    spansFromOtlp(JSON.parse(await readFile(file, 'utf8'))) as StoredSpan[];

  // Pre-serialised: the documents of every file, cut into bodies before the clock starts.
  const preCutter = new BatchCutter(FLUSH_BYTES, 'create');
  const prepared: Buffer[] = [];
  for (const file of files.json) prepared.push(...cut(await decode(file), preCutter));
  const last = preCutter.flush();
  if (last) prepared.push(last);

  // A fresh engine's first indices and JIT warm-up would otherwise land on the first run only.
  await throughBff('warm-up', files.protobuf.slice(0, 10), 'application/x-protobuf');
  await rawBulk('warm-up', () => prepared.slice(0, 2));
  const ingestFirst = await throughBff('POST /v1/traces protobuf', files.protobuf, 'application/x-protobuf');
  const raw = await rawBulk('raw _bulk, pre-serialised', () => prepared);
  const rawFromFiles = await rawBulk('raw _bulk + read + decode JSON files', async function* () {
    const cutter = new BatchCutter(FLUSH_BYTES, 'create');
    for (const file of files.json) yield* cut(await decode(file), cutter);
    const tail = cutter.flush();
    if (tail) yield tail;
  });
  const ingestLast = await throughBff('POST /v1/traces JSON', files.json, 'application/json');

  printIngestComparison(
    `Traces ingest, ${totalSpans.toLocaleString('en-US')} spans (${concurrency} requests in flight)`,
    { extra: 'refused/409', rate: 'spans/s' },
    { ingestFirst, raw, rawFromFiles, ingestLast },
  );
  const rate = (run: IngestRun) => run.documents / run.seconds;
  console.log(
    `protobuf / raw _bulk incl. reading = ${((rate(ingestFirst) / rate(rawFromFiles)) * 100).toFixed(0)}%; ` +
      `JSON / raw _bulk incl. reading = ${((rate(ingestLast) / rate(rawFromFiles)) * 100).toFixed(0)}%`,
  );

  await app.close();
  await clean();
  await client.indices.deleteIndexTemplate({ name: rawTemplate.name });
  await client.close();
  await rm(dir, { recursive: true, force: true });
}

await main();
