/**
 * Traces board reading benchmark (issue #12, "Budgets"): prints the figures, each next to its
 * baseline measured in the same run. It prints; it never fails on a number.
 *
 *   1. Data: the board's demo traces (`seedTraces`, `--days`, `--scale`) plus one nightly-export
 *      trace of `--trace-spans` spans (50,000), written as stored span documents into
 *      `lookout-spans-bench-*` under a template of the bench's own.
 *   2. Endpoint latency: service map, service page and searches through the BFF, interleaved
 *      one-for-one with the same search requests (the board's own builders) sent directly to the
 *      engine. A search takes several steps (heads, matching traces, summaries): the direct side
 *      sends the same steps through the same `searchTraces`, its searcher a plain fetch, so it
 *      parses exactly what it needs to build the next step. Budget: p50 ≤ 1.2× direct.
 *   3. The large trace: `GET /api/traces/:id` (pages of 10,000 spans, tree, critical path,
 *      JSON) beside the same pages fetched and parsed directly.
 *
 * Run (dev engine on ES_URL, default http://127.0.0.1:9200):
 *   pnpm --filter @lookout/server bench:traces-read [-- --days 1 --scale 0.25 --requests 20 --keep]
 * It touches only its own indices and template, so it may share an engine with tests.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Client, estypes } from '@elastic/elasticsearch';
import { buildApp } from '../src/app/build-app.ts';
import { loadConfig, type Config } from '../src/app/config.ts';
import type { Search } from '../src/core/board.ts';
import { terminalProgress } from '../src/core/progress.ts';
import type { TimeRange } from '../src/core/time-range.ts';
import { writeDocuments } from '../src/es/bulk-writer.ts';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates, type IndexTemplate } from '../src/es/templates.ts';
import { spanIndexTemplate } from '../src/boards/traces/mapping.ts';
import {
  buildServiceMapSearch,
  buildServiceSearch,
  buildTraceSpansSearch,
  TRACE_PAGE_SIZE,
} from '../src/boards/traces/query.ts';
import { searchTraces } from '../src/boards/traces/reads.ts';
import { RED_INTERVALS } from '../src/boards/traces/endpoints.ts';
import { chooseInterval } from '../src/core/time-range.ts';
import { seedTraces } from '../src/boards/traces/demo/seed.ts';
import { nightlyExportTrace } from '../src/boards/traces/demo/generate-spans.ts';
import { spanBulkDocument } from '../src/boards/traces/demo/span-document.ts';
import type { TraceSearchQuery } from '../src/boards/traces/schema.ts';
import {
  benchLatency,
  deleteIndices,
  directEs,
  esVersion,
  int,
  mb,
  ms,
  parseBenchFlags,
  percentile,
  printTable,
  requestCacheClearer,
  sendDirect,
  waitForMerges,
  type DirectEs,
  type LatencyCase,
} from './bench-kit.ts';

const PREFIX = 'lookout-spans-bench';
const PATTERN = `${PREFIX}-*`;
const template = spanIndexTemplate({ traces: { indexPrefix: PREFIX } });
const TEMPLATE: IndexTemplate = { name: `${template.name}-bench`, body: { ...template.body, priority: 300 } };
const LARGE_TRACE_SEED = 50_000;

function parseFlags(argv: string[]) {
  const flags = parseBenchFlags(
    argv,
    { days: '1', scale: '0.25', seed: '1', requests: '20', 'trace-spans': '50000', 'trace-requests': '5' },
    ['keep'],
  );
  return {
    days: flags.days!,
    scale: flags.scale!,
    seed: Math.round(flags.seed!),
    requests: Math.round(flags.requests!),
    traceSpans: Math.round(flags['trace-spans']!),
    traceRequests: Math.round(flags['trace-requests']!),
    keep: flags.keep,
  };
}
type Flags = ReturnType<typeof parseFlags>;

const deleteBenchData = (client: Client) => deleteIndices(client, [PATTERN]);

async function seed(client: Client, config: Config, flags: Flags, now: Date): Promise<string> {
  await deleteBenchData(client);
  await installIndexTemplates(client, [TEMPLATE]);
  const start = performance.now();
  const report = await seedTraces({
    client,
    config,
    options: { days: flags.days, scale: flags.scale, seed: flags.seed, now },
    progress: terminalProgress(),
  });
  const large = nightlyExportTrace(LARGE_TRACE_SEED, flags.traceSpans, now.getTime() - 20 * 60_000);
  const written = await writeDocuments(
    client,
    large.map((span) => spanBulkDocument(PREFIX, span)),
    { refresh: true },
  );
  const seconds = (performance.now() - start) / 1000;
  const size = await client.indices.stats({ index: PATTERN, metric: 'store' });
  console.log(
    `data: ${int(report.indexed)} demo spans (${flags.days} d, scale ${flags.scale}, seed ${flags.seed}) + a ` +
      `${int(written.indexed)}-span trace, written in ${seconds.toFixed(1)} s, ` +
      `${mb(size._all.total?.store?.size_in_bytes ?? 0)} on disk`,
  );
  return large[0]!.traceId;
}

/** A searcher that sends straight to the engine (fetch), for the multi-step reads' direct side. */
function directSearch(es: DirectEs): Search {
  return (async (request: estypes.SearchRequest) => {
    const response = await sendDirect(es, request);
    if (!response.ok) throw new Error(`HTTP ${response.status} from the engine`);
    return response.json();
  }) as Search;
}

function endpointCases(bffBase: string, es: DirectEs, range: TimeRange): LatencyCase[] {
  const index = PATTERN;
  const rangeParams: [string, string][] = [
    ['from', new Date(range.fromMs).toISOString()],
    ['to', new Date(range.toMs).toISOString()],
  ];
  const url = (path: string, extra: [string, string][] = []) =>
    `${bffBase}/api/traces${path}?${new URLSearchParams([...rangeParams, ...extra])}`;
  const interval = chooseInterval(range, undefined, RED_INTERVALS);
  const searchCase = (name: string, query: TraceSearchQuery, extra: [string, string][]): LatencyCase => ({
    name,
    bff: () => fetch(url('/search', extra)),
    direct: async () =>
      new Response(JSON.stringify(await searchTraces(directSearch(es), query, { index, range }))),
  });
  return [
    {
      name: 'service map',
      bff: () => fetch(url('/service-map')),
      direct: () => sendDirect(es, buildServiceMapSearch({}, { index, range })),
    },
    {
      name: 'service page (partner-gateway)',
      bff: () => fetch(url('/services/partner-gateway')),
      direct: () =>
        sendDirect(es, buildServiceSearch({ service: 'partner-gateway' }, { index, range, interval })),
    },
    searchCase('search, newest 20', { size: 20 }, [['size', '20']]),
    searchCase('search, slowest 20', { size: 20, sort: 'slowest' }, [
      ['size', '20'],
      ['sort', 'slowest'],
    ]),
    searchCase('search, status=error', { size: 20, status: 'error' }, [
      ['size', '20'],
      ['status', 'error'],
    ]),
    searchCase(
      'search, service=payments & attribute',
      { size: 20, service: 'payments', attribute: ['http.route:/charge'] },
      [
        ['size', '20'],
        ['service', 'payments'],
        ['attribute', 'http.route:/charge'],
      ],
    ),
  ];
}

/** The whole large trace: pages fetched and parsed directly, beside the API's answer. */
async function benchLargeTrace(
  bffBase: string,
  es: DirectEs,
  traceId: string,
  requests: number,
): Promise<void> {
  const direct = async () => {
    let after: estypes.SortResults | undefined;
    let spans = 0;
    for (;;) {
      const response = await sendDirect(es, buildTraceSpansSearch(traceId, { index: PATTERN, after }));
      const body = (await response.json()) as estypes.SearchResponse;
      spans += body.hits.hits.length;
      if (body.hits.hits.length < TRACE_PAGE_SIZE) return spans;
      after = body.hits.hits.at(-1)!.sort;
    }
  };
  const api = async () => {
    const response = await fetch(`${bffBase}/api/traces/${traceId}`);
    const text = await response.text();
    return { spans: (JSON.parse(text) as { spans: unknown[] }).spans.length, bytes: text.length };
  };
  const samples = { api: [] as number[], direct: [] as number[] };
  let shape = { spans: 0, bytes: 0 };
  let directSpans = 0;
  for (let i = 0; i < requests + 1; i += 1) {
    let started = performance.now();
    shape = await api();
    if (i > 0) samples.api.push(performance.now() - started);
    started = performance.now();
    directSpans = await direct();
    if (i > 0) samples.direct.push(performance.now() - started);
  }
  printTable(
    `The large trace, ms — ${requests} requests after 1 warm-up, sequential (API: pages + tree + critical path + JSON; direct: the same pages fetched and parsed)`,
    ['what', 'spans', 'API p50', 'direct p50', 'ratio', 'API answer size'],
    [
      [
        `GET /api/traces/${traceId.slice(0, 8)}…`,
        `${int(shape.spans)} (direct ${int(directSpans)})`,
        ms(percentile(samples.api, 50)),
        ms(percentile(samples.direct, 50)),
        (percentile(samples.api, 50) / percentile(samples.direct, 50)).toFixed(2),
        mb(shape.bytes),
      ],
    ],
  );
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const config = loadConfig({
    ...process.env,
    TRACES_INDEX_PREFIX: PREFIX,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const client = createEsClient(config.es);
  const es = directEs(config);
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  try {
    console.log(
      `Traces read bench — engine ${await esVersion(es)} at ${es.baseUrl}, node ${process.version}, ` +
        `${os.cpus().length} CPUs (shared), ${mb(os.totalmem())} RAM`,
    );
    console.error('Seeding …');
    const largeTraceId = await seed(client, config, flags, now);
    await waitForMerges(client);
    const app = await buildApp(config, { logger: false });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const bffBase = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const range: TimeRange = {
        fromMs: now.getTime() - flags.days * 86_400_000,
        toMs: now.getTime() + 60_000,
      };
      await benchLatency(endpointCases(bffBase, es, range), flags.requests, requestCacheClearer(es, PATTERN));
      await benchLargeTrace(bffBase, es, largeTraceId, flags.traceRequests);
    } finally {
      await app.close();
    }
  } finally {
    if (!flags.keep) {
      await deleteBenchData(client).catch(() => {});
      await client.indices.deleteIndexTemplate({ name: TEMPLATE.name }).catch(() => {});
    }
    await client.close();
  }
}

await main();
