/**
 * What the board benchmarks share: number formats, aligned tables, peak RSS and CPU seconds of a
 * run, raw `_bulk` bodies and their sender, index housekeeping, and BFF-vs-direct latency pairs
 * timed one-for-one. The benchmarks print; nothing here fails on a number.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import type { Client, estypes } from '@elastic/elasticsearch';
import type { Config } from '../src/app/config.ts';
import { isSearchEndpoint, type Board } from '../src/core/board.ts';

// ---------------------------------------------------------------------------------------------
// Output

export const int = (value: number): string => Math.round(value).toLocaleString('en-US');
export const ms = (value: number): string => value.toFixed(1);
export const mb = (bytes: number): string => `${int(bytes / 1_048_576)} MB`;
export const pct = (ratio: number): string => `${(ratio * 100).toFixed(0)}%`;

/** An aligned table: first column left, the others right. */
/** The flags every board bench takes (each adds its own). */
export interface BenchFlags {
  /** Days of history, ending now. */
  days: number;
  /** Multiplier of the demo's default volume. */
  scale: number;
  seed: number;
  /** Timed requests per latency case (after the warm-ups). */
  requests: number;
  /** Keep the generated data and the indices for the next run. */
  keep: boolean;
}

/**
 * A bench's flags: `--name value` numbers, each positive (a bad one stops the bench naming its
 * flag), and `--flag` switches. `undefined` defaults leave a number unset (the bench derives it).
 * `pnpm … bench:x -- --days 3` passes a literal `--`, which is skipped.
 */
export function parseBenchFlags<Num extends string, Switch extends string>(
  argv: string[],
  numbers: Record<Num, string | undefined>,
  switches: readonly Switch[],
): { [K in Num]: number | undefined } & { [K in Switch]: boolean } {
  const options: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }> = {};
  for (const [name, fallback] of Object.entries(numbers) as [string, string | undefined][]) {
    options[name] = fallback === undefined ? { type: 'string' } : { type: 'string', default: fallback };
  }
  for (const name of switches) options[name] = { type: 'boolean', default: false };
  const { values } = parseArgs({ args: argv.filter((arg) => arg !== '--'), options });
  const result: Record<string, number | boolean | undefined> = {};
  for (const name of Object.keys(numbers)) {
    const raw = values[name] as string | undefined;
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`--${name}: expected a positive number, got "${raw}"`);
    result[name] = value;
  }
  for (const name of switches) result[name] = Boolean(values[name]);
  return result as { [K in Num]: number | undefined } & { [K in Switch]: boolean };
}

export function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

// ---------------------------------------------------------------------------------------------
// Memory and CPU of a run

/** Peak resident memory while `run` runs, sampled every 20 ms. */
export async function withPeakRss<T>(
  run: () => Promise<T>,
): Promise<{ result: T; seconds: number; peakRss: number }> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  const start = performance.now();
  try {
    const result = await run();
    const seconds = (performance.now() - start) / 1000;
    return { result, seconds, peakRss: Math.max(peakRss, process.memoryUsage.rss()) };
  } finally {
    clearInterval(sampler);
  }
}

/** CPU seconds used so far: this process, the Elasticsearch node(s), the whole machine (Linux). */
interface CpuTotals {
  bench: number;
  es: number;
  machine?: number;
}

/** Busy time of all cores from /proc/stat (clock ticks of 1/100 s); undefined elsewhere. */
async function machineBusySeconds(): Promise<number | undefined> {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = (await readFile('/proc/stat', 'utf8'))
      .split('\n', 1)[0]!
      .trim()
      .split(/\s+/)
      .map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100;
  } catch {
    return undefined;
  }
}

async function cpuTotals(client: Client): Promise<CpuTotals> {
  const stats = await client.nodes.stats({ metric: 'process' });
  const esMillis = Object.values(stats.nodes).reduce(
    (sum, node) => sum + (node.process?.cpu?.total_in_millis ?? 0),
    0,
  );
  const { user, system } = process.cpuUsage();
  return { bench: (user + system) / 1e6, es: esMillis / 1000, machine: await machineBusySeconds() };
}

export interface Measured<T> {
  result: T;
  seconds: number;
  peakRss: number;
  /** CPU seconds used during the run; `other` is every other process on the machine. */
  cpu: { bench: number; es: number; other?: number };
}

/** Wall time, peak RSS and who used the CPU while `run` ran. */
export async function measureRun<T>(client: Client, run: () => Promise<T>): Promise<Measured<T>> {
  const before = await cpuTotals(client);
  const measured = await withPeakRss(run);
  const after = await cpuTotals(client);
  const bench = after.bench - before.bench;
  const es = after.es - before.es;
  const machine =
    after.machine !== undefined && before.machine !== undefined ? after.machine - before.machine : undefined;
  return { ...measured, cpu: { bench, es, other: machine === undefined ? undefined : machine - bench - es } };
}

// ---------------------------------------------------------------------------------------------
// Elasticsearch housekeeping

/** Deletes every index matching the patterns (wildcard deletes are refused by default). */
export async function deleteIndices(client: Client, patterns: string[]): Promise<void> {
  const resolved = await client.indices.resolveIndex({ name: patterns, expand_wildcards: 'all' });
  const names = resolved.indices.map((index) => index.name);
  if (names.length > 0) await client.indices.delete({ index: names });
}

/** Background merges of the previous run would slow down the next one: wait them out. */
export async function waitForMerges(client: Client): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const stats = await client.indices.stats({ metric: 'merge' });
    if ((stats._all.total?.merges?.current ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

// ---------------------------------------------------------------------------------------------
// Raw `_bulk`

/** Bulk bodies cut like the bulk helper cuts them: at `flushBytes` or more. */
export class BatchCutter {
  private lines: string[] = [];
  private bytes = 0;

  constructor(
    private readonly flushBytes: number,
    private readonly operation: 'create' | 'index',
  ) {}

  add(index: string, id: string, document: object): Buffer | undefined {
    const action = JSON.stringify({ [this.operation]: { _index: index, _id: id } });
    const source = JSON.stringify(document);
    this.lines.push(action, source);
    this.bytes += Buffer.byteLength(action) + Buffer.byteLength(source);
    return this.bytes >= this.flushBytes ? this.flush() : undefined;
  }

  flush(): Buffer | undefined {
    if (this.lines.length === 0) return undefined;
    const body = Buffer.from(`${this.lines.join('\n')}\n`);
    this.lines = [];
    this.bytes = 0;
    return body;
  }
}

export interface SendTotals {
  indexed: number;
  conflicts: number;
  failed: number;
}

/** `client.bulk` with at most `concurrency` bodies in flight; counts what Elasticsearch stored. */
export async function sendBatches(
  client: Client,
  batches: Iterable<Buffer> | AsyncIterable<Buffer>,
  concurrency: number,
): Promise<SendTotals> {
  const totals: SendTotals = { indexed: 0, conflicts: 0, failed: 0 };
  const errors: unknown[] = [];
  const inFlight = new Set<Promise<void>>();
  for await (const body of batches) {
    // The transport sends a string or Buffer body as it is; `operations` is typed as an array.
    const request = client
      .bulk({ operations: body as unknown as estypes.BulkRequest['operations'] })
      .then((response) => {
        for (const item of response.items) {
          const status = Object.values(item)[0]?.status ?? 500;
          if (status < 300) totals.indexed += 1;
          else if (status === 409) totals.conflicts += 1;
          else totals.failed += 1;
        }
      })
      .catch((error: unknown) => void errors.push(error))
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (errors.length > 0) throw errors[0];
  return totals;
}

// ---------------------------------------------------------------------------------------------
// Direct requests to Elasticsearch

export interface DirectEs {
  baseUrl: string;
  headers: Record<string, string>;
}

/** ES_URL without credentials (fetch refuses them in the URL), and the matching auth header. */
export function directEs(config: Config): DirectEs {
  const url = new URL(config.es.url);
  const { apiKey } = config.es.auth;
  const username = config.es.auth.username ?? (url.username ? decodeURIComponent(url.username) : undefined);
  const password = config.es.auth.password ?? decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  // identity: the BFF's client asks for uncompressed answers (compression: false); fetch would ask
  // for gzip, and Elasticsearch compressing large answers would make the direct side look slower.
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'accept-encoding': 'identity',
  };
  if (apiKey) headers.authorization = `ApiKey ${apiKey}`;
  else if (username)
    headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  return { baseUrl: url.toString().replace(/\/$/, ''), headers };
}

/** URL parameters the builders set go in the query string; everything else is the body. */
export function sendDirect(es: DirectEs, search: estypes.SearchRequest): Promise<Response> {
  const {
    index,
    request_cache: requestCache,
    ignore_unavailable: ignoreUnavailable,
    allow_no_indices: allowNoIndices,
    ...body
  } = search;
  const params = new URLSearchParams();
  if (requestCache !== undefined) params.set('request_cache', String(requestCache));
  if (ignoreUnavailable !== undefined) params.set('ignore_unavailable', String(ignoreUnavailable));
  if (allowNoIndices !== undefined) params.set('allow_no_indices', String(allowNoIndices));
  const query = params.size === 0 ? '' : `?${params}`;
  return fetch(`${es.baseUrl}/${encodeURIComponent(String(index))}/_search${query}`, {
    method: 'POST',
    headers: es.headers,
    body: JSON.stringify(body),
  });
}

export async function esVersion(es: DirectEs): Promise<string> {
  const response = await fetch(`${es.baseUrl}/_nodes/_local?filter_path=nodes.*.version`, {
    headers: es.headers,
  });
  const body = (await response.json()) as { nodes?: Record<string, { version: string }> };
  return Object.values(body.nodes ?? {})[0]?.version ?? 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Latency: BFF and direct, interleaved

export const WARMUPS = 5;

export interface LatencyCase {
  name: string;
  /** The request through the BFF. */
  bff: () => Promise<Response>;
  /** The same search sent directly to Elasticsearch. */
  direct: () => Promise<Response>;
}

/** Milliseconds until the whole response body has arrived. */
async function timeResponse(send: () => Promise<Response>): Promise<number> {
  const start = performance.now();
  const response = await send();
  await response.arrayBuffer();
  const elapsed = performance.now() - start;
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${response.url}`);
  return elapsed;
}

interface Samples {
  bff: number[];
  direct: number[];
}

/**
 * `requests` pairs after WARMUPS, BFF and direct one-for-one, alternating which goes first. With
 * `clearCache`, it runs before every request on both sides.
 */
async function measureCase(
  latencyCase: LatencyCase,
  requests: number,
  clearCache: (() => Promise<unknown>) | undefined,
): Promise<Samples> {
  const samples: Samples = { bff: [], direct: [] };
  for (let i = 0; i < WARMUPS + requests; i++) {
    const order = i % 2 === 0 ? (['bff', 'direct'] as const) : (['direct', 'bff'] as const);
    for (const side of order) {
      if (clearCache) await clearCache();
      const elapsed = await timeResponse(latencyCase[side]);
      if (i >= WARMUPS) samples[side].push(elapsed);
    }
  }
  return samples;
}

function latencyRow(name: string, samples: Samples): string[] {
  const bff50 = percentile(samples.bff, 50);
  const direct50 = percentile(samples.direct, 50);
  const overhead = bff50 - direct50;
  const withinBudget = overhead <= Math.max(0.2 * direct50, 5);
  return [
    name,
    ms(bff50),
    ms(percentile(samples.bff, 95)),
    ms(direct50),
    ms(percentile(samples.direct, 95)),
    (bff50 / direct50).toFixed(2),
    ms(overhead),
    withinBudget ? 'ok' : 'OVER',
  ];
}

/** A latency case named by its endpoint in the board's table, and the query string it is sent with. */
export interface TableCase {
  name: string;
  /** The endpoint's `url` in the board's table, e.g. `/top-calls`. */
  endpoint: string;
  query: Record<string, string>;
}

/**
 * The BFF path of each case and, for the direct side, the very search the endpoint's own `build`
 * makes of that request (so the bench never builds it a second way); a case naming no build/shape
 * endpoint of the table is an error.
 */
export function tableCases(
  board: Board,
  config: Config,
  cases: TableCase[],
): Array<{ name: string; bffPath: string; search: estypes.SearchRequest }> {
  return cases.map(({ name, endpoint: url, query }) => {
    const endpoint = board.endpoints?.find((candidate) => candidate.url === url);
    if (!endpoint || !isSearchEndpoint(endpoint))
      throw new Error(`${board.name}: no build/shape endpoint ${url}`);
    const built = endpoint.build({ query, params: {} }, { config, now: new Date() });
    return { name, bffPath: `/api/${board.name}${url}?${new URLSearchParams(query)}`, search: built.search };
  });
}

/** Clears the request cache of the indices matching `pattern`. */
export function requestCacheClearer(es: DirectEs, pattern: string): () => Promise<unknown> {
  return () =>
    fetch(`${es.baseUrl}/${pattern}/_cache/clear?request=true`, {
      method: 'POST',
      headers: es.headers,
    }).then((response) => response.arrayBuffer());
}

/**
 * Two tables: every case with the request cache as is (both sides send the same request, so
 * both use it alike), then with it cleared before every request. Budget: ≤ 20% (or 5 ms) more.
 */
export async function benchLatency(
  cases: LatencyCase[],
  requests: number,
  clearCache: () => Promise<unknown>,
  label = 'endpoint',
): Promise<void> {
  const header = [label, 'BFF p50', 'BFF p95', 'ES p50', 'ES p95', 'p50 ratio', 'overhead', 'budget'];
  for (const coldCache of [false, true]) {
    console.error(`Endpoint latency (${coldCache ? 'request cache cleared' : 'request cache as is'}) …`);
    const rows: string[][] = [];
    for (const latencyCase of cases) {
      rows.push(
        latencyRow(
          latencyCase.name,
          await measureCase(latencyCase, requests, coldCache ? clearCache : undefined),
        ),
      );
    }
    printTable(
      `Endpoint latency, ms — ${requests} sequential requests each after ${WARMUPS} warm-ups, BFF and direct ` +
        `interleaved; ${
          coldCache
            ? 'request cache CLEARED before every request on both sides'
            : 'same request on both sides, so both use the request cache alike'
        } (budget: overhead ≤ 20% of direct or ≤ 5 ms, on p50)`,
      header,
      rows,
    );
  }
}

/** One timed ingest run, as the ingest-rate table prints it. */
export interface IngestRun {
  label: string;
  documents: number;
  /** The board's own count for the extra column (409s, rejected, …). */
  extra: number;
  seconds: number;
  peakRss: number;
  cpu: Measured<unknown>['cpu'];
}

/**
 * The ingest-rate table every board's bench prints: Lookout's ingest (first and last run) next to
 * a raw `_bulk` of the same documents, and next to a raw `_bulk` that also reads the files, with
 * the CPU each side used, and the ratio against the ≥ 80 % budget.
 */
export function printIngestComparison(
  title: string,
  columns: { extra: string; rate: string },
  runs: { ingestFirst: IngestRun; raw: IngestRun; rawFromFiles: IngestRun; ingestLast: IngestRun },
): void {
  const { ingestFirst, raw, rawFromFiles, ingestLast } = runs;
  const rate = (run: IngestRun) => run.documents / run.seconds;
  printTable(
    title,
    [
      'run (in the order run)',
      'stored',
      columns.extra,
      'seconds',
      columns.rate,
      'vs raw',
      'peak RSS',
      'CPU s: bench',
      'ES',
      'other',
    ],
    [ingestFirst, raw, rawFromFiles, ingestLast].map((run) => [
      run.label,
      int(run.documents),
      int(run.extra),
      run.seconds.toFixed(1),
      int(rate(run)),
      pct(rate(run) / rate(raw)),
      mb(run.peakRss),
      run.cpu.bench.toFixed(0),
      run.cpu.es.toFixed(0),
      run.cpu.other === undefined ? '?' : Math.max(0, run.cpu.other).toFixed(0),
    ]),
  );
  console.log(
    `CPU seconds used during each run by this process, by Elasticsearch, and by everything else on the ` +
      `machine (${os.cpus().length} cores × the run's seconds is the most there is)`,
  );
  const ingestRate = (rate(ingestFirst) + rate(ingestLast)) / 2;
  const ratio = ingestRate / rate(raw);
  console.log(
    `ingest (mean of both runs) / raw _bulk = ${pct(ratio)} (budget ≥ 80%: ${ratio >= 0.8 ? 'ok' : 'BELOW'}); ` +
      `/ raw _bulk incl. reading the files = ${pct(ingestRate / rate(rawFromFiles))}`,
  );
}
