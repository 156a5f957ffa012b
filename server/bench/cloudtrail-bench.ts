/**
 * CloudTrail board benchmark (issue #3): prints the figures behind the DESIGN.md "Budgets", each
 * next to its baseline measured in the same run. It prints; it never fails on a number.
 *
 *   1. Data: about a million demo events written as CloudTrail log files (the demo generator), in a
 *      temporary directory (reused between runs with --keep).
 *   2. Ingest rate: `ingestCloudTrail` (the `lookout ingest cloudtrail` code path) into `ct-bench-*`
 *      against a raw `_bulk` of the same documents into `ct-benchraw-*` (same template, batch size
 *      and concurrency), pre-serialised NDJSON, then again including reading the files. Each run
 *      starts from empty bench indices on a warmed-up engine; the ingest runs first and last. CPU
 *      seconds of this process, of Elasticsearch and of everything else show what bounds each run.
 *      Budget: ingestion ≥ 80% of the raw `_bulk`.
 *   3. Endpoint latency: each CloudTrail endpoint through the BFF, interleaved one-for-one with the
 *      same search request sent directly to Elasticsearch, once as is (both sides share the request
 *      cache) and once with the request cache cleared before every request. Budget: ≤ 20% (or 5 ms)
 *      more.
 *   4. De-duplication: 20 identical concurrent summary requests reach Elasticsearch once.
 *
 * Run (dev engine on ES_URL, default http://127.0.0.1:9200; `lookout es start` starts one):
 *   pnpm --filter @lookout/server bench:cloudtrail [-- --events 1000000 --days 7 --seed 1 --keep]
 * Flags: --events N (default 1,000,000; sets the scale) or --scale X, --days D (7), --seed S (1),
 * --requests N per endpoint (60, after 5 warm-ups), --keep (keep the log files and the indices).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Client, estypes } from '@elastic/elasticsearch';
import { buildApp } from '../src/app/build-app.ts';
import { DEMO_EVENTS_PER_DAY, generateCloudTrailLogs } from '../src/boards/cloudtrail/demo/generate-logs.ts';
import { ingestCloudTrail } from '../src/boards/cloudtrail/ingest/ingest-cloudtrail.ts';
import { findLogFiles, readLogFile, readLogFiles } from '../src/boards/cloudtrail/ingest/read-log-files.ts';
import { toCloudTrailDocument } from '../src/boards/cloudtrail/ingest/to-document.ts';
import { cloudtrailIndexPattern, cloudtrailIndexTemplate } from '../src/boards/cloudtrail/mapping.ts';
import { buildSummarySearch } from '../src/boards/cloudtrail/query.ts';
import { loadConfig } from '../src/app/config.ts';
import { silentProgress, terminalProgress } from '../src/core/progress.ts';
import type { TimeRange } from '../src/core/time-range.ts';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates, type IndexTemplate } from '../src/es/templates.ts';
import {
  BatchCutter,
  benchLatency,
  deleteIndices,
  directEs,
  esVersion,
  int,
  mb,
  measureRun,
  printTable,
  requestCacheClearer,
  sendBatches,
  sendDirect,
  waitForMerges,
  withPeakRss,
  type DirectEs,
  printIngestComparison,
  type IngestRun,
  parseBenchFlags,
  tableCases,
  type TableCase,
  type BenchFlags,
} from './bench-kit.ts';
import { cloudtrailBoard } from '../src/boards/cloudtrail/board.ts';

const PREFIX = 'ct-bench-';
const RAW_PREFIX = 'ct-benchraw-';
const TEMPLATES: IndexTemplate[] = [
  benchTemplate(PREFIX, 'lookout-cloudtrail-bench'),
  benchTemplate(RAW_PREFIX, 'lookout-cloudtrail-benchraw'),
];
/** The bulk writer's defaults (es/bulk-writer.ts): one `_bulk` body, requests in flight. */
const FLUSH_BYTES = 5_000_000;
const CONCURRENCY = 3;
const CONCURRENT_REQUESTS = 20;
const MINUTE = 60_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Flags and output

type Flags = BenchFlags;

function parseFlags(argv: string[]): Flags {
  const flags = parseBenchFlags(
    argv,
    { events: '1000000', days: '7', scale: undefined, seed: '1', requests: '60' },
    ['keep'],
  );
  const days = Math.round(flags.days!);
  return {
    days,
    // The generator draws about DEMO_EVENTS_PER_DAY × scale scenarios a day (a few make 2+ events).
    scale: flags.scale ?? flags.events! / (DEMO_EVENTS_PER_DAY * days),
    seed: Math.round(flags.seed!),
    requests: Math.round(flags.requests!),
    keep: flags.keep,
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Data set

interface Dataset {
  /** What `ingest cloudtrail` is pointed at. */
  logsDir: string;
  root: string;
  /** End of the generated data (the generator's `now`, on a minute). */
  nowMs: number;
  files: number;
  records: number;
  generatedSeconds?: number;
}

function datasetRoot(flags: Flags): string {
  return path.join(
    os.tmpdir(),
    `lookout-ct-bench-${flags.days}d-x${flags.scale.toFixed(4)}-seed${flags.seed}`,
  );
}

/** Writes the log files, or reuses those of an earlier run with the same parameters. */
async function prepareDataset(flags: Flags): Promise<Dataset> {
  const root = datasetRoot(flags);
  const logsDir = path.join(root, 'AWSLogs');
  // Outside AWSLogs/: the reader would take a `.json` file there for a log file.
  const manifestFile = path.join(root, 'bench-manifest.json');
  const params = { days: flags.days, scale: flags.scale, seed: flags.seed };
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as typeof params & Dataset;
    const same =
      manifest.days === params.days && manifest.scale === params.scale && manifest.seed === params.seed;
    if (same && existsSync(logsDir)) return { ...manifest, root, logsDir, generatedSeconds: undefined };
  }
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });

  const now = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
  const progress = terminalProgress();
  progress.start(
    'Writing demo CloudTrail log files',
    Math.round(DEMO_EVENTS_PER_DAY * flags.scale * flags.days),
    'events',
  );
  let lastUpdate = 0;
  const start = performance.now();
  const totals = await generateCloudTrailLogs({
    dir: root,
    ...params,
    now,
    onFile: (_files, records) => {
      if (Date.now() - lastUpdate < 200) return;
      lastUpdate = Date.now();
      progress.update(records);
    },
  });
  const generatedSeconds = (performance.now() - start) / 1000;
  progress.done(`${int(totals.files)} files, ${int(totals.records)} events`);
  const dataset = { ...params, nowMs: now.getTime(), ...totals };
  await writeFile(manifestFile, JSON.stringify(dataset));
  return { ...dataset, root, logsDir, generatedSeconds };
}

// ---------------------------------------------------------------------------------------------
// Elasticsearch housekeeping

/** The CloudTrail template for a bench prefix; above `lookout-cloudtrail` (`ct-*`, priority 200). */
function benchTemplate(prefix: string, name: string): IndexTemplate {
  const template = cloudtrailIndexTemplate(prefix);
  return { name, body: { ...template.body, priority: 250 } };
}

async function freshIndices(client: Client, patterns: string[]): Promise<void> {
  await deleteIndices(client, patterns);
  await installIndexTemplates(client, TEMPLATES);
  await waitForMerges(client);
}

async function countDocuments(client: Client, prefix: string): Promise<number> {
  const { count } = await client.count({ index: cloudtrailIndexPattern(prefix), allow_no_indices: true });
  return count;
}

// ---------------------------------------------------------------------------------------------
// 2. Ingest rate

const ALL_BENCH_INDICES = [`${PREFIX}*`, `${RAW_PREFIX}*`];
/** Bulk bodies sent before the first timed run, so no run pays for the engine's warm-up. */
const WARMUP_BATCHES = 20;

async function runIngest(client: Client, dataset: Dataset, label: string): Promise<IngestRun> {
  await freshIndices(client, ALL_BENCH_INDICES);
  const run = await measureRun(client, () =>
    ingestCloudTrail(client, [dataset.logsDir], {
      indexPrefix: PREFIX,
      progress: silentProgress,
      refresh: true,
      flushBytes: FLUSH_BYTES,
    }),
  );
  if (run.result.rejected.length > 0) console.warn(`${label}: ${run.result.rejected.length} rejected`);
  return { label, documents: run.result.indexed, extra: run.result.alreadyPresent, ...run };
}

/** Client-side time per stage, single thread, no Elasticsearch (the preparation pass measures it). */
interface StageTimes {
  records: number;
  readParseMs: number;
  convertMs: number;
  serialiseMs: number;
}

/** Every document as NDJSON in memory, one file at a time with no read-ahead, timing each stage. */
async function serialiseAll(logsDir: string): Promise<{ batches: Buffer[]; stages: StageTimes }> {
  const stages: StageTimes = { records: 0, readParseMs: 0, convertMs: 0, serialiseMs: 0 };
  const batches: Buffer[] = [];
  const cutter = new BatchCutter(FLUSH_BYTES, 'create');
  for await (const found of findLogFiles([logsDir])) {
    if ('reason' in found) continue;
    let start = performance.now();
    const logFile = await readLogFile(found.file);
    stages.readParseMs += performance.now() - start;
    if ('reason' in logFile) continue;
    start = performance.now();
    const docs = logFile.records.map((record) => toCloudTrailDocument(record, RAW_PREFIX));
    stages.convertMs += performance.now() - start;
    start = performance.now();
    for (const result of docs) {
      if (!result.ok) continue;
      stages.records += 1;
      const body = cutter.add(result.doc.index, result.doc.id, result.doc.document);
      if (body) batches.push(body);
    }
    stages.serialiseMs += performance.now() - start;
  }
  const last = cutter.flush();
  if (last) batches.push(last);
  return { batches, stages };
}

/** The same work as the ingest, hand-rolled: read (with read-ahead), convert, serialise, cut. */
async function* batchesFromFiles(logsDir: string): AsyncGenerator<Buffer> {
  const cutter = new BatchCutter(FLUSH_BYTES, 'create');
  for await (const logFile of readLogFiles([logsDir])) {
    if ('reason' in logFile) continue;
    for (const record of logFile.records) {
      const result = toCloudTrailDocument(record, RAW_PREFIX);
      if (!result.ok) continue;
      const body = cutter.add(result.doc.index, result.doc.id, result.doc.document);
      if (body) yield body;
    }
  }
  const last = cutter.flush();
  if (last) yield last;
}

async function runRawBulk(
  client: Client,
  label: string,
  batches: Iterable<Buffer> | AsyncIterable<Buffer>,
): Promise<IngestRun> {
  await freshIndices(client, ALL_BENCH_INDICES);
  const run = await measureRun(client, async () => {
    const sent = await sendBatches(client, batches, CONCURRENCY);
    await client.indices.refresh({ index: cloudtrailIndexPattern(RAW_PREFIX) });
    return sent;
  });
  if (run.result.failed > 0) console.warn(`${label}: ${int(run.result.failed)} documents failed`);
  return { label, documents: run.result.indexed, extra: run.result.conflicts, ...run };
}

/** A few bulk bodies into throwaway indices: the JVM compiles the indexing path before run 1. */
async function warmUpEngine(client: Client, logsDir: string): Promise<void> {
  async function* firstBatches(): AsyncGenerator<Buffer> {
    let sent = 0;
    for await (const body of batchesFromFiles(logsDir)) {
      yield body;
      if (++sent >= WARMUP_BATCHES) return;
    }
  }
  await freshIndices(client, ALL_BENCH_INDICES);
  await sendBatches(client, firstBatches(), CONCURRENCY);
  await deleteIndices(client, ALL_BENCH_INDICES);
}

function printStageTimes(stages: StageTimes): void {
  const perEvent = (totalMs: number) => ((totalMs * 1000) / stages.records).toFixed(1);
  const totalMs = stages.readParseMs + stages.convertMs + stages.serialiseMs;
  printTable(
    'Client-side work per event (one thread, no Elasticsearch; measured while preparing the raw NDJSON)',
    ['stage', 'µs/event', 'seconds', 'events/s alone'],
    (
      [
        ['read + gunzip + JSON.parse', stages.readParseMs],
        ['toCloudTrailDocument', stages.convertMs],
        ['serialise to NDJSON', stages.serialiseMs],
        ['total', totalMs],
      ] as const
    ).map(([stage, time]) => [
      stage,
      perEvent(time),
      (time / 1000).toFixed(1),
      int(stages.records / (time / 1000)),
    ]),
  );
}

/**
 * Every run starts from the same state: no bench index, no merge running, engine warmed up. The
 * ingest runs first and last, so drift over the ~10 minutes shows as a difference between the two;
 * the last one leaves `ct-bench-*` for the latency part.
 */
async function benchIngest(client: Client, dataset: Dataset): Promise<void> {
  console.error('Ingest rate: warming up the engine …');
  await warmUpEngine(client, dataset.logsDir);
  console.error('Ingest rate: ingest cloudtrail (1/2) …');
  const ingestFirst = await runIngest(client, dataset, 'ingest cloudtrail, run 1 (first)');

  console.error('Ingest rate: serialising the same documents for the raw _bulk …');
  const prepared = await withPeakRss(() => serialiseAll(dataset.logsDir));
  const { batches } = prepared.result;
  const ndjsonBytes = batches.reduce((sum, body) => sum + body.length, 0);
  const batchCount = batches.length;
  console.error('Ingest rate: raw _bulk …');
  const raw = await runRawBulk(client, 'raw _bulk, NDJSON ready in memory', batches);
  batches.length = 0; // about 1.7 GB: let it go before the next runs

  console.error('Ingest rate: raw _bulk including reading the files …');
  const rawFromFiles = await runRawBulk(
    client,
    'raw _bulk + read/parse/convert files',
    batchesFromFiles(dataset.logsDir),
  );
  console.error('Ingest rate: ingest cloudtrail (2/2) …');
  const ingestLast = await runIngest(client, dataset, 'ingest cloudtrail, run 2 (last)');
  const stored = await countDocuments(client, PREFIX);

  printIngestComparison(
    `Ingest rate — ${int(dataset.records)} events, ${int(batchCount)} bulk bodies of ≥ ${mb(FLUSH_BYTES)} ` +
      `(${mb(ndjsonBytes)} NDJSON), ${CONCURRENCY} in flight, fresh indices, refresh included`,
    { extra: '409s', rate: 'events/s' },
    { ingestFirst, raw, rawFromFiles, ingestLast },
  );
  console.log(
    `ct-bench-* holds ${int(stored)} documents; 409s are records whose eventID is already in that ` +
      `day's index (the same in every run)`,
  );
  printStageTimes(prepared.result.stages);
  console.log(`peak RSS while preparing the raw NDJSON: ${mb(prepared.peakRss)}`);
}

// ---------------------------------------------------------------------------------------------
// 3. Endpoint latency

const isoRange = (range: TimeRange) => ({
  from: new Date(range.fromMs).toISOString(),
  to: new Date(range.toMs).toISOString(),
});

/** The cases by endpoint of the board's table: the direct side sends what the endpoint builds. */
function endpointCases(dataset: Dataset, days: number, volumeId: string): TableCase[] {
  const day = isoRange({ fromMs: dataset.nowMs - DAY, toMs: dataset.nowMs });
  const all = isoRange({ fromMs: dataset.nowMs - days * DAY, toMs: dataset.nowMs });
  return [
    { name: 'top-calls 24h', endpoint: '/top-calls', query: day },
    { name: `top-calls ${days}d`, endpoint: '/top-calls', query: all },
    { name: 'events 24h, first page', endpoint: '/events', query: day },
    { name: `events ${days}d, q=${volumeId}`, endpoint: '/events', query: { ...all, q: volumeId } },
    { name: 'unknown-ips 24h', endpoint: '/unknown-ips', query: day },
    { name: 'summary 24h', endpoint: '/summary', query: day },
  ];
}

/** The volume id with the most events in the data, for the `q` search. */
async function busiestVolumeId(client: Client): Promise<string> {
  const response = await client.search({
    index: cloudtrailIndexPattern(PREFIX),
    size: 0,
    aggs: { volumes: { terms: { field: 'lookout.resourceIds', include: 'vol-.*', size: 1 } } },
  });
  const buckets = (response.aggregations?.volumes as estypes.AggregationsStringTermsAggregate | undefined)
    ?.buckets;
  const key = Array.isArray(buckets) ? buckets[0]?.key : undefined;
  if (typeof key !== 'string') throw new Error('no volume id in the bench data');
  return key;
}

// ---------------------------------------------------------------------------------------------
// 4. In-flight de-duplication

async function shardQueries(
  client: Client,
): Promise<{ queries: number; cacheHits: number; cacheMisses: number }> {
  const stats = await client.indices.stats({
    index: cloudtrailIndexPattern(PREFIX),
    metric: ['search', 'request_cache'],
  });
  const total = stats._all.total;
  return {
    queries: total?.search?.query_total ?? 0,
    cacheHits: total?.request_cache?.hit_count ?? 0,
    cacheMisses: total?.request_cache?.miss_count ?? 0,
  };
}

/** Shard-level query phases (and request-cache lookups) that `run` caused. */
async function shardQueriesDuring(client: Client, run: () => Promise<unknown>) {
  const before = await shardQueries(client);
  await run();
  const after = await shardQueries(client);
  return {
    queries: after.queries - before.queries,
    cacheHits: after.cacheHits - before.cacheHits,
    cacheMisses: after.cacheMisses - before.cacheMisses,
  };
}

async function benchDedup(client: Client, bffBase: string, es: DirectEs, dataset: Dataset): Promise<void> {
  console.error('De-duplication …');
  const index = cloudtrailIndexPattern(PREFIX);
  // Ranges no earlier request used, so every side starts with a cold request cache.
  const rangeEnding = (minutesBack: number): TimeRange => {
    const toMs = dataset.nowMs - minutesBack * MINUTE;
    return { fromMs: toMs - DAY, toMs };
  };
  const ok = async (response: Promise<Response>) => {
    const answer = await response;
    await answer.arrayBuffer();
    if (!answer.ok) throw new Error(`HTTP ${answer.status} from ${answer.url}`);
  };
  const concurrently = (send: () => Promise<Response>) =>
    Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, () => ok(send())));

  const one = await shardQueriesDuring(client, () =>
    ok(sendDirect(es, buildSummarySearch({}, { index, range: rangeEnding(2) }))),
  );
  const perSearch = Math.max(1, one.queries);
  const bffRange = rangeEnding(3);
  const viaBff = await shardQueriesDuring(client, () =>
    concurrently(() => fetch(`${bffBase}/api/cloudtrail/summary?${new URLSearchParams(isoRange(bffRange))}`)),
  );
  const directRange = rangeEnding(4);
  const direct = await shardQueriesDuring(client, () =>
    concurrently(() => sendDirect(es, buildSummarySearch({}, { index, range: directRange }))),
  );
  const row = (label: string, delta: typeof one) => [
    label,
    int(delta.queries),
    (delta.queries / perSearch).toFixed(1),
    `${int(delta.cacheHits)} / ${int(delta.cacheMisses)}`,
  ];
  printTable(
    `In-flight de-duplication — ${CONCURRENT_REQUESTS} identical concurrent summary requests ` +
      `(shard query phases from ct-bench-* index stats; one search = ${perSearch} shard queries)`,
    ['requests', 'shard queries', 'searches in ES', 'req. cache hit/miss'],
    [
      row('1 direct search (calibration)', one),
      row(`${CONCURRENT_REQUESTS} concurrent to the BFF`, viaBff),
      row(`${CONCURRENT_REQUESTS} concurrent direct to ES`, direct),
    ],
  );
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const config = loadConfig({ ...process.env, CLOUDTRAIL_INDEX_PREFIX: PREFIX, LOG_LEVEL: 'silent' });
  const client = createEsClient(config.es);
  const es = directEs(config);
  let dataset: Dataset | undefined;
  try {
    dataset = await prepareDataset(flags);
    console.log(
      `CloudTrail bench — Elasticsearch ${await esVersion(es)} at ${es.baseUrl}, node ${process.version}, ` +
        `${os.cpus().length} CPUs, ${mb(os.totalmem())} RAM`,
    );
    console.log(
      `data: ${int(dataset.records)} events in ${int(dataset.files)} files, ${flags.days} days ending ` +
        `${new Date(dataset.nowMs).toISOString()} (scale ${flags.scale.toFixed(3)}, seed ${flags.seed}), ` +
        (dataset.generatedSeconds === undefined
          ? `reused from ${dataset.root}`
          : `generated in ${dataset.generatedSeconds.toFixed(0)} s into ${dataset.root}`),
    );

    await benchIngest(client, dataset);

    await waitForMerges(client);
    const app = await buildApp(config, { logger: false });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const bffBase = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const cases = tableCases(
        cloudtrailBoard,
        config,
        endpointCases(dataset, flags.days, await busiestVolumeId(client)),
      );
      await benchLatency(
        cases.map(({ name, bffPath, search }) => ({
          name,
          bff: () => fetch(`${bffBase}${bffPath}`),
          direct: () => sendDirect(es, search),
        })),
        flags.requests,
        requestCacheClearer(es, cloudtrailIndexPattern(PREFIX)),
      );
      await benchDedup(client, bffBase, es, dataset);
    } finally {
      await app.close();
    }
    console.log(`\npeak RSS of the whole bench process: ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    if (!flags.keep) {
      await deleteIndices(client, [`${PREFIX}*`, `${RAW_PREFIX}*`]).catch(() => {});
      await client.indices.deleteIndexTemplate({ name: TEMPLATES.map((t) => t.name) }).catch(() => {});
      await rm(dataset?.root ?? datasetRoot(flags), { recursive: true, force: true });
    }
    await client.close();
  }
}

await main();
