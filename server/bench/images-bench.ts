/**
 * Hotel images board benchmark (issue #6): prints the figures behind the DESIGN.md "Budgets" at a
 * million images, each next to its baseline measured in the same run. It prints; it never fails
 * on a number.
 *
 *   1. Data: about a million demo images as NDJSON files (the images demo generator, scale ≈ 10),
 *      in a temporary directory (reused between runs with --keep).
 *   2. Ingest rate: `ingestImages` (the `lookout ingest images` code path) into
 *      `lookout-images-bench` against a raw `_bulk` of the same documents (the ingest's own
 *      conversion, `index` actions, same template, batch size and concurrency) into
 *      `lookout-images-benchraw`, NDJSON prepared in memory before timing, then again including
 *      reading the files. Each run starts from empty bench indices on a warmed-up engine, refresh
 *      included; the ingest runs first and last. CPU seconds of this process, of Elasticsearch and
 *      of everything else show what bounds each run. Budget: ingestion ≥ 80% of the raw `_bulk`.
 *   3. Search latency: image searches with facets and tag suggestions through the BFF, interleaved
 *      one-for-one with the same search request (from the board's own builders) sent directly to
 *      Elasticsearch, once as is and once with the request cache cleared before every request.
 *      Budget: ≤ 20% (or 5 ms) more.
 *
 * Run (dev engine on ES_URL, default http://127.0.0.1:9200; `lookout es start` starts one):
 *   pnpm --filter @lookout/server bench:images [-- --images 1000000 --seed 1 --keep]
 * Flags: --images N (default 1,000,000; sets the scale) or --scale X, --seed S (1),
 * --requests N per case (60, after 5 warm-ups), --keep (keep the NDJSON files and the indices).
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Client, estypes } from '@elastic/elasticsearch';
import { buildApp } from '../src/app/build-app.ts';
import { generateImages } from '../src/boards/images/demo/generate-images.ts';
import { DEMO_IMAGES } from '../src/boards/images/demo/world.ts';
import { ingestImages } from '../src/boards/images/ingest/ingest-images.ts';
import { toImageDocument } from '../src/boards/images/ingest/to-document.ts';
import { imagesIndexTemplate } from '../src/boards/images/mapping.ts';
import { imagesV1Template, toV1Document } from './images-v1/mapping.ts';
import {
  buildTagSuggestionsSearch,
  planImageSearch,
  planTagSuggestions,
  type ImagesContext,
} from '../src/boards/images/query.ts';
import { imagesBoard } from '../src/boards/images/board.ts';
import { SCORE_THRESHOLDS } from '../src/boards/images/mapping.ts';
import { runImageSearch } from '../src/boards/images/run-search.ts';
import { imagesV1Board } from './images-v1/board.ts';
import { buildImageSearchV1, planImageSearchV1 } from './images-v1/query.ts';
import type { ImageSearchQuery, TagSuggestionsQuery } from '../src/boards/images/schema.ts';
import { loadConfig } from '../src/app/config.ts';
import { silentProgress, terminalProgress } from '../src/core/progress.ts';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates, type IndexTemplate } from '../src/es/templates.ts';
import {
  BatchCutter,
  benchLatency,
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
  type LatencyCase,
  printIngestComparison,
  type IngestRun,
  parseBenchFlags,
} from './bench-kit.ts';

const INDEX = 'lookout-images-bench';
const RAW_INDEX = 'lookout-images-benchraw';
/** The same images under the mapping before issue #18, for the old query path (--baseline). */
const BEFORE_INDEX = 'lookout-images-benchv1';
const TEMPLATES: IndexTemplate[] = [
  benchTemplate(INDEX),
  benchTemplate(RAW_INDEX),
  imagesV1Template(BEFORE_INDEX, BEFORE_INDEX),
];
/** The ingest-rate runs start from these absent (IMAGES_INDEX is `lookout-images` by default). */
const INGEST_INDICES = [INDEX, RAW_INDEX];
/** Every bench index, removed at the end unless --keep. */
const BENCH_INDICES = [INDEX, RAW_INDEX, BEFORE_INDEX];
/** The bulk writer's defaults (es/bulk-writer.ts): one `_bulk` body, requests in flight. */
const FLUSH_BYTES = 5_000_000;
const CONCURRENCY = 3;
/** Bulk bodies sent before the first timed run, so no run pays for the engine's warm-up. */
const WARMUP_BATCHES = 20;
const MINUTE = 60_000;

// ---------------------------------------------------------------------------------------------
// Flags

interface Flags {
  scale: number;
  seed: number;
  requests: number;
  keep: boolean;
  /** Skip the ingest-rate runs: load the bench index once (or reuse it with --keep), then time searches. */
  latencyOnly: boolean;
  /** Also time the old query path on the old mapping (BEFORE_INDEX), side by side. */
  baseline: boolean;
  /** Load the indices and stop (to prepare a --keep run). */
  loadOnly: boolean;
}

function parseFlags(argv: string[]): Flags {
  const flags = parseBenchFlags(argv, { images: '1000000', scale: undefined, seed: '1', requests: '60' }, [
    'keep',
    'latency-only',
    'baseline',
    'load-only',
  ]);
  return {
    // The generator writes round(DEMO_IMAGES × scale) images.
    scale: flags.scale ?? flags.images! / DEMO_IMAGES,
    seed: Math.round(flags.seed!),
    requests: Math.round(flags.requests!),
    keep: flags.keep,
    latencyOnly: flags['latency-only'],
    baseline: flags.baseline,
    loadOnly: flags['load-only'],
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Data set

interface Dataset {
  root: string;
  /** The NDJSON files, what `ingest images` is given. */
  files: string[];
  bytes: number;
  hotels: number;
  images: number;
  visionErrors: number;
  /** `ingestedAt` of every run (the generation time, on a minute): all runs store the same bytes. */
  nowMs: number;
  generatedSeconds?: number;
}

function datasetRoot(flags: Flags): string {
  return path.join(os.tmpdir(), `lookout-images-bench-x${flags.scale.toFixed(4)}-seed${flags.seed}`);
}

/** Writes the NDJSON files, or reuses those of an earlier run with the same parameters. */
async function prepareDataset(flags: Flags): Promise<Dataset> {
  const root = datasetRoot(flags);
  const dir = path.join(root, 'ndjson');
  // Outside ndjson/: only the listed files are ingested anyway.
  const manifestFile = path.join(root, 'bench-manifest.json');
  const params = { scale: flags.scale, seed: flags.seed };
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as typeof params & Dataset;
    const same = manifest.scale === params.scale && manifest.seed === params.seed;
    if (same && manifest.files.every((file) => existsSync(file))) {
      return { ...manifest, root, generatedSeconds: undefined };
    }
  }
  await rm(root, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });

  const nowMs = Math.floor(Date.now() / MINUTE) * MINUTE;
  const progress = terminalProgress();
  progress.start('Writing demo image NDJSON files', Math.round(DEMO_IMAGES * flags.scale), 'images');
  const start = performance.now();
  const totals = await generateImages({ dir, ...params, onFile: (images) => progress.update(images) });
  const generatedSeconds = (performance.now() - start) / 1000;
  progress.done(`${int(totals.files.length)} files, ${int(totals.images)} images`);
  let bytes = 0;
  for (const file of totals.files) bytes += (await readFile(file)).length;
  const dataset = { ...params, root, ...totals, bytes, nowMs };
  await writeFile(manifestFile, JSON.stringify(dataset));
  return { ...dataset, generatedSeconds };
}

// ---------------------------------------------------------------------------------------------
// Elasticsearch housekeeping

/**
 * The images template for one bench index, under its own name (the board's is `lookout-images`
 * for IMAGES_INDEX, which the bench must not replace) and above it.
 */
function benchTemplate(index: string): IndexTemplate {
  const template = imagesIndexTemplate(index);
  return { name: index, body: { ...template.body, priority: 250 } };
}

/** Concrete bench indices, those that exist. */
async function dropIndices(client: Client, names: string[]): Promise<void> {
  await client.indices.delete({ index: names, ignore_unavailable: true });
}

async function freshIndices(client: Client): Promise<void> {
  await dropIndices(client, INGEST_INDICES);
  await installIndexTemplates(client, TEMPLATES);
  await waitForMerges(client);
}

async function countDocuments(client: Client, index: string): Promise<number> {
  const { count } = await client.count({ index, allow_no_indices: true, ignore_unavailable: true });
  return count;
}

// ---------------------------------------------------------------------------------------------
// 2. Ingest rate

async function runIngest(
  client: Client,
  dataset: Dataset,
  context: ImagesContext,
  label: string,
): Promise<IngestRun> {
  await freshIndices(client);
  const run = await measureRun(client, () =>
    ingestImages(client, dataset.files, {
      index: INDEX,
      minScore: context.minScore,
      progress: silentProgress,
      now: new Date(dataset.nowMs),
      refresh: true,
      flushBytes: FLUSH_BYTES,
    }),
  );
  const rejected = run.result.rejected.length;
  if (rejected > 0) console.warn(`${label}: ${int(rejected)} rejected`);
  return { label, documents: run.result.indexed, extra: rejected, ...run };
}

/** Client-side time per stage, single thread, no Elasticsearch (the preparation pass measures it). */
interface StageTimes {
  images: number;
  readMs: number;
  parseMs: number;
  convertMs: number;
  serialiseMs: number;
}

/** Every document as NDJSON in memory, one file at a time, timing each stage. */
async function serialiseAll(
  dataset: Dataset,
  minScore: number,
): Promise<{ batches: Buffer[]; stages: StageTimes }> {
  const stages: StageTimes = { images: 0, readMs: 0, parseMs: 0, convertMs: 0, serialiseMs: 0 };
  const batches: Buffer[] = [];
  const cutter = new BatchCutter(FLUSH_BYTES, 'index');
  const now = new Date(dataset.nowMs);
  for (const file of dataset.files) {
    let start = performance.now();
    const texts: string[] = [];
    for await (const text of readLines(file)) texts.push(text);
    stages.readMs += performance.now() - start;
    start = performance.now();
    const parsed: unknown[] = texts.map((text) => JSON.parse(text));
    stages.parseMs += performance.now() - start;
    start = performance.now();
    const docs = parsed.map((line) => toImageDocument(line, { index: RAW_INDEX, minScore, now }));
    stages.convertMs += performance.now() - start;
    start = performance.now();
    for (const result of docs) {
      if (!result.ok) continue;
      stages.images += 1;
      const body = cutter.add(result.doc.index, result.doc.id, result.doc.document);
      if (body) batches.push(body);
    }
    stages.serialiseMs += performance.now() - start;
  }
  const last = cutter.flush();
  if (last) batches.push(last);
  return { batches, stages };
}

/** The same work as the ingest, hand-rolled: read, parse, convert, serialise, cut. */
async function* batchesFromFiles(dataset: Dataset, minScore: number): AsyncGenerator<Buffer> {
  const cutter = new BatchCutter(FLUSH_BYTES, 'index');
  const now = new Date(dataset.nowMs);
  for (const file of dataset.files) {
    for await (const text of readLines(file)) {
      const result = toImageDocument(JSON.parse(text), { index: RAW_INDEX, minScore, now });
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
  await freshIndices(client);
  const run = await measureRun(client, async () => {
    const sent = await sendBatches(client, batches, CONCURRENCY);
    await client.indices.refresh({ index: RAW_INDEX });
    return sent;
  });
  if (run.result.failed > 0) console.warn(`${label}: ${int(run.result.failed)} documents failed`);
  return { label, documents: run.result.indexed, extra: run.result.failed, ...run };
}

/** A few bulk bodies into a throwaway index: the JVM compiles the indexing path before run 1. */
async function warmUpEngine(client: Client, dataset: Dataset, minScore: number): Promise<void> {
  async function* firstBatches(): AsyncGenerator<Buffer> {
    let sent = 0;
    for await (const body of batchesFromFiles(dataset, minScore)) {
      yield body;
      if (++sent >= WARMUP_BATCHES) return;
    }
  }
  await freshIndices(client);
  await sendBatches(client, firstBatches(), CONCURRENCY);
  await dropIndices(client, INGEST_INDICES);
}

function printStageTimes(stages: StageTimes): void {
  const perImage = (totalMs: number) => ((totalMs * 1000) / stages.images).toFixed(1);
  const totalMs = stages.readMs + stages.parseMs + stages.convertMs + stages.serialiseMs;
  printTable(
    'Client-side work per image (one thread, no Elasticsearch; measured while preparing the raw NDJSON)',
    ['stage', 'µs/image', 'seconds', 'images/s alone'],
    (
      [
        ['read lines', stages.readMs],
        ['JSON.parse', stages.parseMs],
        ['toImageDocument', stages.convertMs],
        ['serialise to NDJSON', stages.serialiseMs],
        ['total', totalMs],
      ] as const
    ).map(([stage, time]) => [
      stage,
      perImage(time),
      (time / 1000).toFixed(1),
      int(stages.images / (time / 1000)),
    ]),
  );
}

/**
 * Every run starts from the same state: no bench index, no merge running, engine warmed up. The
 * ingest runs first and last, so drift shows as a difference between the two; the last one
 * leaves `lookout-images-bench` for the latency part.
 */
async function benchIngest(client: Client, dataset: Dataset, context: ImagesContext): Promise<void> {
  const { minScore } = context;
  console.error('Ingest rate: warming up the engine …');
  await warmUpEngine(client, dataset, minScore);
  console.error('Ingest rate: ingest images (1/2) …');
  const ingestFirst = await runIngest(client, dataset, context, 'ingest images, run 1 (first)');

  console.error('Ingest rate: serialising the same documents for the raw _bulk …');
  const prepared = await withPeakRss(() => serialiseAll(dataset, minScore));
  const { batches } = prepared.result;
  const ndjsonBytes = batches.reduce((sum, body) => sum + body.length, 0);
  const batchCount = batches.length;
  console.error('Ingest rate: raw _bulk …');
  const raw = await runRawBulk(client, 'raw _bulk, NDJSON ready in memory', batches);
  batches.length = 0; // let it go before the next runs

  console.error('Ingest rate: raw _bulk including reading the files …');
  const rawFromFiles = await runRawBulk(
    client,
    'raw _bulk + read/parse/convert files',
    batchesFromFiles(dataset, minScore),
  );
  console.error('Ingest rate: ingest images (2/2) …');
  const ingestLast = await runIngest(client, dataset, context, 'ingest images, run 2 (last)');
  const stored = await countDocuments(client, INDEX);

  printIngestComparison(
    `Ingest rate — ${int(dataset.images)} images, ${int(batchCount)} bulk bodies of ≥ ${mb(FLUSH_BYTES)} ` +
      `(${mb(ndjsonBytes)} NDJSON), ${CONCURRENCY} in flight, \`index\` actions, fresh indices, refresh included`,
    { extra: 'rejected', rate: 'images/s' },
    { ingestFirst, raw, rawFromFiles, ingestLast },
  );
  console.log(`${INDEX} holds ${int(stored)} images (${int(dataset.images)} generated)`);
  printStageTimes(prepared.result.stages);
  console.log(`peak RSS while preparing the raw NDJSON: ${mb(prepared.peakRss)}`);
}

/** The bench index for the latency part alone: reused when it already holds every image. */
async function loadOnce(client: Client, dataset: Dataset, context: ImagesContext): Promise<void> {
  const stored = await countDocuments(client, INDEX);
  if (stored === dataset.images) {
    console.log(`${INDEX} already holds ${int(stored)} images: reused`);
    return;
  }
  console.error(`Loading ${int(dataset.images)} images into ${INDEX} …`);
  const run = await runIngest(client, dataset, context, 'ingest images');
  console.log(`${INDEX}: ${int(run.documents)} images loaded in ${run.seconds.toFixed(0)} s`);
}

/** The old mapping's index, from the same files through the same document builder. */
async function loadBeforeOnce(client: Client, dataset: Dataset, context: ImagesContext): Promise<void> {
  const stored = await countDocuments(client, BEFORE_INDEX);
  if (stored === dataset.images) {
    console.log(`${BEFORE_INDEX} already holds ${int(stored)} images: reused`);
    return;
  }
  console.error(`Loading ${int(dataset.images)} images into ${BEFORE_INDEX} (mapping before #18) …`);
  await dropIndices(client, [BEFORE_INDEX]);
  const now = new Date(dataset.nowMs);
  async function* batches(): AsyncGenerator<Buffer> {
    const cutter = new BatchCutter(FLUSH_BYTES, 'index');
    for (const file of dataset.files) {
      for await (const text of readLines(file)) {
        const result = toImageDocument(JSON.parse(text), {
          index: BEFORE_INDEX,
          minScore: context.minScore,
          now,
        });
        if (!result.ok) continue;
        const body = cutter.add(BEFORE_INDEX, result.doc.id, toV1Document(result.doc.document));
        if (body) yield body;
      }
    }
    const last = cutter.flush();
    if (last) yield last;
  }
  const run = await measureRun(client, async () => {
    const sent = await sendBatches(client, batches(), CONCURRENCY);
    await client.indices.refresh({ index: BEFORE_INDEX });
    return sent;
  });
  console.log(`${BEFORE_INDEX}: ${int(run.result.indexed)} images loaded in ${run.seconds.toFixed(0)} s`);
}

// ---------------------------------------------------------------------------------------------
// 3. Search latency

/** Europe, west of the Urals: `minLon,minLat,maxLon,maxLat`. */
const EUROPE = '-25,34,45,72';

/** The BFF URL of a query, repeated parameters for arrays (as the web client sends them). */
function queryString(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return search.toString();
}

interface BenchCase {
  name: string;
  search?: ImageSearchQuery;
  tags?: TagSuggestionsQuery;
}

const CASES: BenchCase[] = [
  { name: 'search, no selection', search: {} },
  { name: 'tags=bed', search: { tags: ['bed'] } },
  { name: 'tags=bed&tags=window, tagMode=all', search: { tags: ['bed', 'window'], tagMode: 'all' } },
  { name: 'tags=swimming pool + bbox Europe', search: { tags: ['swimming pool'], bbox: EUROPE } },
  {
    name: 'tags=bed + minWidth=1920 + landscape',
    search: { tags: ['bed'], minWidth: 1920, orientation: ['landscape'] },
  },
  { name: 'minScore=0.8', search: { minScore: 0.8 } },
  { name: 'minScore=0.85 (no flat field: nested)', search: { minScore: 0.85 } },
  { name: 'tag suggestions prefix=b', tags: { prefix: 'b' } },
];

type Json = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

/** The engine side of today's path: the same searches the BFF sends, in the same order. */
function directSearch(es: DirectEs) {
  return async (request: estypes.SearchRequest): Promise<Json> => {
    const response = await sendDirect(es, request);
    if (!response.ok) throw new Error(`HTTP ${response.status} from ${response.url}`);
    return (await response.json()) as Json;
  };
}

/** Today's path (after): the board's BFF endpoint, and its searches sent directly. */
function afterCases(bffBase: string, es: DirectEs, context: ImagesContext): LatencyCase[] {
  const search = directSearch(es);
  return CASES.map(({ name, search: params, tags }): LatencyCase => {
    if (params) {
      const plan = planImageSearch(params, context);
      const url = `${bffBase}/api/images/search?${queryString(params)}`;
      return {
        name,
        bff: () => fetch(url),
        direct: async () => new Response(JSON.stringify(await runImageSearch(search, plan, context))),
      };
    }
    const request = buildTagSuggestionsSearch(planTagSuggestions(tags ?? {}, context), context);
    const url = `${bffBase}/api/images/tags?${queryString(tags ?? {})}`;
    return { name, bff: () => fetch(url), direct: () => sendDirect(es, request) };
  });
}

/** The path before #18 (bench/images-v1) over the old mapping's index. */
function beforeCases(bffBase: string, es: DirectEs, context: ImagesContext): LatencyCase[] {
  return CASES.map(({ name, search: params, tags }): LatencyCase => {
    if (params) {
      const request = buildImageSearchV1(planImageSearchV1(params, context), context);
      const url = `${bffBase}/api/images-v1/search?${queryString(params)}`;
      return { name, bff: () => fetch(url), direct: () => sendDirect(es, request) };
    }
    const request = buildTagSuggestionsSearch(planTagSuggestions(tags ?? {}, context), context);
    const url = `${bffBase}/api/images-v1/tags?${queryString(tags ?? {})}`;
    return { name, bff: () => fetch(url), direct: () => sendDirect(es, request) };
  });
}

/** Before and after must answer alike: every case's BFF answers compared whole. */
async function checkSameAnswers(before: LatencyCase[], after: LatencyCase[]): Promise<void> {
  for (const [n, afterCase] of after.entries()) {
    const beforeCase = before[n]!;
    const [old, now] = await Promise.all(
      [beforeCase.bff(), afterCase.bff()].map(async (r) => (await r).json()),
    );
    const same = JSON.stringify(old) === JSON.stringify(now);
    console.log(`same answer before/after — ${afterCase.name}: ${same ? 'yes' : 'NO'}`);
    if (!same)
      console.log(
        `  before: ${JSON.stringify(old).slice(0, 600)}\n  after:  ${JSON.stringify(now).slice(0, 600)}`,
      );
  }
}

async function describeCases(client: Client, cases: LatencyCase[], index: string): Promise<void> {
  const rows: string[][] = [];
  for (const latencyCase of cases) {
    const body = (await (await latencyCase.bff()).json()) as { total?: number; tags?: unknown[] };
    rows.push([
      latencyCase.name,
      body.total === undefined ? `${body.tags?.length ?? 0} tags` : int(body.total),
    ]);
  }
  const stats = await client.indices.stats({ index, metric: ['docs', 'store'] });
  const total = stats._all.primaries;
  printTable(
    `Search cases on ${index}: ${int(total?.docs?.count ?? 0)} Lucene documents (images + nested tags), ` +
      `${mb(total?.store?.size_in_bytes ?? 0)} on disk`,
    ['case', 'images matching'],
    rows,
  );
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const config = loadConfig({ ...process.env, IMAGES_INDEX: INDEX, LOG_LEVEL: 'silent' });
  const client = createEsClient(config.es);
  const es = directEs(config);
  const context: ImagesContext = { index: INDEX, minScore: config.images.minScore, scoreThresholds: [] };
  let dataset: Dataset | undefined;
  try {
    dataset = await prepareDataset(flags);
    console.log(
      `Images bench — Elasticsearch ${await esVersion(es)} at ${es.baseUrl}, node ${process.version}, ` +
        `${os.cpus().length} CPUs, ${mb(os.totalmem())} RAM`,
    );
    console.log(
      `data: ${int(dataset.images)} images of ${int(dataset.hotels)} hotels (${int(dataset.visionErrors)} ` +
        `with a Vision error) in ${int(dataset.files.length)} NDJSON files, ${mb(dataset.bytes)} ` +
        `(scale ${flags.scale.toFixed(3)}, seed ${flags.seed}, IMAGES_MIN_SCORE ${context.minScore}), ` +
        (dataset.generatedSeconds === undefined
          ? `reused from ${dataset.root}`
          : `generated in ${dataset.generatedSeconds.toFixed(0)} s into ${dataset.root}`),
    );

    await installIndexTemplates(client, TEMPLATES);
    if (flags.baseline) await loadBeforeOnce(client, dataset, context);
    if (flags.latencyOnly) await loadOnce(client, dataset, context);
    else await benchIngest(client, dataset, context);
    if (flags.loadOnly) return;

    await waitForMerges(client);
    const boards = [imagesBoard, ...(flags.baseline ? [imagesV1Board(BEFORE_INDEX)] : [])];
    const app = await buildApp(config, { logger: false, boards });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const bffBase = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const after = afterCases(bffBase, es, { ...context, scoreThresholds: SCORE_THRESHOLDS });
      await describeCases(client, after, INDEX);
      const clearCaches = requestCacheClearer(es, 'lookout-images-bench*');
      if (flags.baseline) {
        const before = beforeCases(bffBase, es, { ...context, index: BEFORE_INDEX, scoreThresholds: [] });
        await checkSameAnswers(before, after);
        console.log(`\nBEFORE (the search path before #18, on ${BEFORE_INDEX}):`);
        await benchLatency(before, flags.requests, clearCaches, 'request');
      }
      console.log(`\nAFTER (today's search path, on ${INDEX}):`);
      await benchLatency(after, flags.requests, clearCaches, 'request');
    } finally {
      await app.close();
    }
    console.log(`\npeak RSS of the whole bench process: ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    if (!flags.keep) {
      await dropIndices(client, BENCH_INDICES).catch(() => {});
      await client.indices.deleteIndexTemplate({ name: TEMPLATES.map((t) => t.name) }).catch(() => {});
      await rm(dataset?.root ?? datasetRoot(flags), { recursive: true, force: true });
    }
    await client.close();
  }
}

await main();

/** The baseline's reader: the plainest way to read NDJSON lines (gzip by name), nothing more. */
async function* readLines(file: string): AsyncGenerator<string> {
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  for await (const line of createInterface({ input, crlfDelay: Infinity }))
    if (line.trim() !== '') yield line;
}
