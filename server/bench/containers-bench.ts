/**
 * Container startup failures board benchmark (issue #4, "Tests and figures"): prints the figures,
 * each next to its baseline measured in the same run. It prints; it never fails on a number.
 *
 *   1. Data: D days of the board's demo data (ECS Task State Change events through
 *      `ingestEcsEvents`, fluentd log documents written as fluent-plugin-elasticsearch writes them)
 *      stored through `seedContainers` into `lookout-ecs-events-bench` and daily
 *      `lookout-container-logs-bench-YYYY.MM.DD` indices; at least 1,000,000 log lines by default.
 *   2. Endpoint latency: `GET /api/containers/failures` (default range, with a service filter, the
 *      whole range) and `GET /api/containers/failures/:taskId` (EC2 with logs, a 40 KB line in
 *      partial messages, Fargate without logs, a crash-loop task) through the BFF, interleaved
 *      one-for-one with the searches the endpoint sends, sent directly to Elasticsearch in the same
 *      order and concurrency (the board's own builders; the direct side parses only what it needs
 *      to build the next search), once with the request cache as is and once cleared before every
 *      request. Budget: ≤ 20% (or 5 ms) more, on p50.
 *
 * Run (dev engine on ES_URL, default http://127.0.0.1:9200; `lookout es start` starts one):
 *   pnpm --filter @lookout/server bench:containers [-- --days 15 --scale 1 --seed 1 --keep]
 * It touches only its own indices and templates (the names below), so it may share an engine with
 * tests: ES_URL=http://127.0.0.1:9201 pnpm --filter @lookout/server bench:containers
 * Flags: --days D (15), --scale X (1 ≈ 70,000 log lines a day), --seed S (1), --requests N per
 * case (40, after 5 warm-ups), --keep (keep the indices), --reuse (keep data from a --keep run).
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Client, estypes } from '@elastic/elasticsearch';
import { buildApp } from '../src/app/build-app.ts';
import { containersBoard } from '../src/boards/containers/board.ts';
import { seedContainers } from '../src/boards/containers/demo/seed.ts';
import { resolveLogFields, type LogFields } from '../src/boards/containers/log-fields.ts';
import { containerLogsIndexTemplate, ecsEventsIndexTemplate } from '../src/boards/containers/mapping.ts';
import {
  buildFailuresSearch,
  buildFailureTimesSearch,
  buildFirstErrorsSearch,
  buildLastEventSearch,
  buildLastLogSearch,
  buildPreviousFailuresSearch,
  buildRecentStartsSearch,
  buildStartupFailedAmongSearch,
  buildStartupLogSearch,
  buildTaskSearch,
  startupFailureClauses,
  type FailureFilters,
} from '../src/boards/containers/query.ts';
import { logWindowOf, shapeServiceBuckets, storedHits } from '../src/boards/containers/shape.ts';
import { loadConfig, type Config } from '../src/app/config.ts';
import { terminalProgress } from '../src/core/progress.ts';
import { flooredNow, type TimeRange } from '../src/core/time-range.ts';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates, type IndexTemplate } from '../src/es/templates.ts';
import {
  benchLatency,
  directEs,
  esVersion,
  int,
  mb,
  measureRun,
  printTable,
  requestCacheClearer,
  waitForMerges,
  type DirectEs,
  parseBenchFlags,
  type BenchFlags,
} from './bench-kit.ts';

const EVENTS_INDEX = 'lookout-ecs-events-bench';
const LOGS_PATTERN = 'lookout-container-logs-bench-*';
const BENCH_PATTERNS = [EVENTS_INDEX, LOGS_PATTERN];
/** Own template names: never replace the real `lookout-ecs-events` / `lookout-container-logs`. */
const TEMPLATES: IndexTemplate[] = [
  ecsEventsIndexTemplate(EVENTS_INDEX),
  containerLogsIndexTemplate(LOGS_PATTERN),
].map((template) => ({ name: `${template.name}-bench`, body: { ...template.body, priority: 300 } }));
const DAY = 86_400_000;
const MIN_LOG_LINES = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Flags

interface Flags extends BenchFlags {
  reuse: boolean;
}

function parseFlags(argv: string[]): Flags {
  const flags = parseBenchFlags(argv, { days: '15', scale: '1', seed: '1', requests: '40' }, [
    'keep',
    'reuse',
  ]);
  return {
    days: Math.round(flags.days!),
    scale: flags.scale!,
    seed: Math.round(flags.seed!),
    requests: Math.round(flags.requests!),
    keep: flags.keep,
    reuse: flags.reuse,
  };
}

// ---------------------------------------------------------------------------------------------
// Housekeeping

/** bench-kit's deleteIndices 404s on a concrete name that is not there: resolve the logs only. */
async function deleteBenchIndices(client: Client): Promise<void> {
  const logs = await client.indices.resolveIndex({ name: LOGS_PATTERN, expand_wildcards: 'all' });
  await client.indices.delete({
    index: [EVENTS_INDEX, ...logs.indices.map((index) => index.name)],
    ignore_unavailable: true,
  });
}

// ---------------------------------------------------------------------------------------------
// 1. Data through the seed path

async function count(client: Client, index: string, query?: estypes.QueryDslQueryContainer): Promise<number> {
  return (await client.count({ index, ignore_unavailable: true, allow_no_indices: true, query })).count;
}

async function seed(client: Client, config: Config, flags: Flags, now: Date): Promise<void> {
  const options = { days: flags.days, scale: flags.scale, seed: flags.seed, now };
  const run = await measureRun(client, () =>
    seedContainers({ client, config, options, progress: terminalProgress() }),
  );
  const report = run.result;
  const cpu = run.cpu;
  console.log(
    `load: seedContainers wrote ${int(report.indexed)} documents in ${run.seconds.toFixed(1)} s ` +
      `(${int(report.indexed / run.seconds)} documents/s; ${report.alreadyPresent} already present, ` +
      `${report.rejected} rejected); peak RSS ${mb(run.peakRss)}; CPU s: bench ${cpu.bench.toFixed(0)}, ` +
      `ES ${cpu.es.toFixed(0)}, other ${cpu.other === undefined ? '?' : Math.max(0, cpu.other).toFixed(0)}`,
  );
}

async function describeData(client: Client, config: Config, flags: Flags, now: Date): Promise<number> {
  await client.indices.refresh({ index: BENCH_PATTERNS, ignore_unavailable: true, allow_no_indices: true });
  const events = await count(client, EVENTS_INDEX);
  const lines = await count(client, LOGS_PATTERN);
  const partial = await count(client, LOGS_PATTERN, { term: { partial_message: 'true' } });
  const failures = await client.search({
    index: EVENTS_INDEX,
    size: 0,
    query: { bool: { filter: startupFailureClauses(config.containers.startupWindowMs) } },
    aggs: { tasks: { cardinality: { field: 'lookout.taskArn' } } },
  });
  const tasks = await client.search({
    index: EVENTS_INDEX,
    size: 0,
    aggs: { tasks: { cardinality: { field: 'lookout.taskArn', precision_threshold: 40_000 } } },
  });
  const value = (response: estypes.SearchResponse) =>
    (response.aggregations?.tasks as { value: number } | undefined)?.value ?? 0;
  const stats = await client.indices.stats({ index: BENCH_PATTERNS, metric: 'store' });
  const logIndices = await client.indices.resolveIndex({ name: LOGS_PATTERN });
  console.log(
    `data: ${int(lines)} fluentd log lines in ${logIndices.indices.length} daily indices ${LOGS_PATTERN} ` +
      `(${int(partial)} partial parts), ${int(events)} ECS events of ~${int(value(tasks))} tasks in ${EVENTS_INDEX}, ` +
      `~${int(value(failures))} startup failures; ${flags.days} days ending ${now.toISOString()} ` +
      `(scale ${flags.scale}, seed ${flags.seed}); ${mb(stats._all.total?.store?.size_in_bytes ?? 0)} on disk`,
  );
  if (lines < MIN_LOG_LINES) {
    console.log(
      `NOTE: fewer than ${int(MIN_LOG_LINES)} log lines: raise --days or --scale for the issue's figure`,
    );
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// 2. Endpoint latency: the BFF against the same searches sent directly

type AnySearchResponse = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

interface Direct {
  es: DirectEs;
  config: Config['containers'];
  fields: LogFields;
  /** The engine-side timeout the BFF's searcher adds to every search. */
  timeout: string;
}

/** One search with its URL parameters in the query string; the parsed answer and its size. */
async function searchDirect(
  direct: Direct,
  request: estypes.SearchRequest,
): Promise<{ body: AnySearchResponse; bytes: number }> {
  const {
    index,
    ignore_unavailable: ignoreUnavailable,
    allow_no_indices: allowNoIndices,
    ...body
  } = {
    timeout: direct.timeout,
    ...request,
  };
  const params = new URLSearchParams();
  if (ignoreUnavailable !== undefined) params.set('ignore_unavailable', String(ignoreUnavailable));
  if (allowNoIndices !== undefined) params.set('allow_no_indices', String(allowNoIndices));
  const response = await fetch(
    `${direct.es.baseUrl}/${encodeURIComponent(String(index))}/_search?${params}`,
    {
      method: 'POST',
      headers: direct.es.headers,
      body: JSON.stringify(body),
    },
  );
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status} from Elasticsearch: ${text.slice(0, 200)}`);
  return { body: JSON.parse(text) as AnySearchResponse, bytes: Buffer.byteLength(text) };
}

/** A Response as long as all the answers together (for the size table). */
const answered = (answers: ({ bytes: number } | null)[]) =>
  new Response(new Uint8Array(answers.reduce((sum, answer) => sum + (answer?.bytes ?? 0), 0)));

/**
 * What `/failures` sends (failures.ts `listFailures`): the failures with their services and the
 * two freshness searches at once; then, at once, the first error lines of the listed containers'
 * logs and the failure times for the crash-loop check.
 */
async function failuresDirect(direct: Direct, range: TimeRange, filters: FailureFilters): Promise<Response> {
  const { config, fields } = direct;
  const [failures, lastEvent, lastLog] = await Promise.all([
    searchDirect(direct, buildFailuresSearch(config, range, filters, 50)),
    searchDirect(direct, buildLastEventSearch(config)),
    searchDirect(direct, buildLastLogSearch(config)),
  ]);
  const hits = storedHits(failures.body as never);
  const services = shapeServiceBuckets(failures.body);
  const windows = hits
    .filter((hit) => hit.lookout.runtimeIds.length > 0)
    .map((hit) => logWindowOf(hit, config.startupWindowMs));
  const [firstErrors, times] = await Promise.all([
    windows.length > 0
      ? searchDirect(
          direct,
          buildFirstErrorsSearch(config.logsIndexPattern, fields, {
            runtimeIds: windows.flatMap((window) => window.runtimeIds),
            fromMs: Math.min(...windows.map((window) => window.fromMs)),
            toMs: Math.max(...windows.map((window) => window.toMs)),
          }),
        )
      : null,
    services.length > 0
      ? searchDirect(
          direct,
          buildFailureTimesSearch(
            config,
            range,
            filters,
            services.map((entry) => entry.service),
          ),
        )
      : null,
  ]);
  return answered([failures, lastEvent, lastLog, firstErrors, times]);
}

/**
 * What `/failures/:taskId` sends (`failureDetail`): the task and the freshness searches; then its
 * startup log, the service's previous failures and its recent starts; then which of those starts
 * failed themselves (for the last good start).
 */
async function failureDirect(direct: Direct, taskId: string): Promise<Response> {
  const { config, fields } = direct;
  const [task, lastEvent, lastLog] = await Promise.all([
    searchDirect(direct, buildTaskSearch(config, taskId)),
    searchDirect(direct, buildLastEventSearch(config)),
    searchDirect(direct, buildLastLogSearch(config)),
  ]);
  const hit = storedHits(task.body as never)[0];
  if (!hit) throw new Error(`task ${taskId} not stored`);
  const stoppedAtMs = Date.parse(hit.lookout.stoppedAt ?? '');
  const window = logWindowOf(hit, config.startupWindowMs);
  const [log, previous, starts] = await Promise.all([
    window.runtimeIds.length > 0
      ? searchDirect(direct, buildStartupLogSearch(config.logsIndexPattern, fields, window))
      : null,
    searchDirect(direct, buildPreviousFailuresSearch(config, hit.lookout.service, stoppedAtMs)),
    searchDirect(direct, buildRecentStartsSearch(config, hit.lookout.service, stoppedAtMs)),
  ]);
  const candidates = storedHits(starts.body as never);
  const failedAmong =
    candidates.length > 0
      ? await searchDirect(
          direct,
          buildStartupFailedAmongSearch(
            config,
            candidates.map((candidate) => candidate.lookout.taskArn),
          ),
        )
      : null;
  return answered([task, lastEvent, lastLog, log, previous, starts, failedAmong]);
}

/** The newest failed task matching the filter: the failure pages to time. */
async function newestFailure(
  client: Client,
  config: Config['containers'],
  filter: estypes.QueryDslQueryContainer,
): Promise<string> {
  const response = await client.search<{ lookout: { taskId: string } }>({
    index: EVENTS_INDEX,
    size: 1,
    query: { bool: { filter: [...startupFailureClauses(config.startupWindowMs), filter] } },
    sort: [{ '@timestamp': 'desc' }],
    _source: ['lookout.taskId'],
  });
  const taskId = response.hits.hits[0]?._source?.lookout.taskId;
  if (!taskId) throw new Error(`no stored failure matches ${JSON.stringify(filter)}`);
  return taskId;
}

async function endpointCases(client: Client, bffBase: string, direct: Direct, days: number) {
  const { config } = direct;
  // The BFF floors now to the minute for each request; the direct side does the same.
  const lastDay = (): TimeRange => {
    const toMs = flooredNow(new Date());
    return { fromMs: toMs - DAY, toMs };
  };
  const nowMs = flooredNow(new Date());
  const all: TimeRange = { fromMs: nowMs - days * DAY, toMs: nowMs };
  const failuresUrl = (params: [string, string][]) =>
    `${bffBase}/api/containers/failures${params.length > 0 ? `?${new URLSearchParams(params)}` : ''}`;
  const failuresCase = (
    name: string,
    params: [string, string][],
    range: () => TimeRange,
    filters: FailureFilters,
  ) => ({
    name,
    bff: () => fetch(failuresUrl(params)),
    direct: () => failuresDirect(direct, range(), filters),
  });
  const pageCase = (name: string, taskId: string) => ({
    name,
    bff: () => fetch(`${bffBase}/api/containers/failures/${taskId}`),
    direct: () => failureDirect(direct, taskId),
  });
  const range = (span: TimeRange): [string, string][] => [
    ['from', new Date(span.fromMs).toISOString()],
    ['to', new Date(span.toMs).toISOString()],
  ];
  return [
    failuresCase('failures, default range (24h)', [], lastDay, {}),
    failuresCase('failures 24h, service=booking-engine', [['service', 'booking-engine']], lastDay, {
      service: ['booking-engine'],
    }),
    failuresCase(
      `failures ${days}d, service=inventory-sync`,
      [...range(all), ['service', 'inventory-sync']],
      () => all,
      {
        service: ['inventory-sync'],
      },
    ),
    failuresCase(`failures ${days}d`, range(all), () => all, {}),
    pageCase(
      'failure page: ECONNREFUSED (EC2, app + envoy logs)',
      await newestFailure(client, config, { term: { 'lookout.service': 'booking-engine' } }),
    ),
    pageCase(
      'failure page: 40 KB line in 3 partial messages',
      await newestFailure(client, config, { term: { 'lookout.service': 'reporting' } }),
    ),
    pageCase(
      'failure page: crash loop (Go panic)',
      await newestFailure(client, config, { term: { 'lookout.service': 'inventory-sync' } }),
    ),
    pageCase(
      'failure page: Fargate, no logs',
      await newestFailure(client, config, { term: { 'lookout.launchType': 'FARGATE' } }),
    ),
  ];
}

/** Response sizes and a sanity check of what the BFF answered (the BFF's answer is shaped, ES's raw). */
async function responseSizes(cases: Awaited<ReturnType<typeof endpointCases>>): Promise<void> {
  const rows: string[][] = [];
  for (const latencyCase of cases) {
    const bffResponse = await latencyCase.bff();
    const bffText = await bffResponse.text();
    if (!bffResponse.ok)
      throw new Error(`${latencyCase.name}: HTTP ${bffResponse.status} ${bffText.slice(0, 300)}`);
    const direct = await (await latencyCase.direct()).arrayBuffer();
    const body = JSON.parse(bffText) as {
      failures?: unknown[];
      total?: number;
      logs?: { line: string }[];
      failure?: { firstErrorLine: string | null };
    };
    const what = body.failures
      ? `${body.failures.length} of ${int(body.total ?? 0)} failures`
      : `${body.logs?.length ?? 0} log lines, first error: ${(body.failure?.firstErrorLine ?? 'none').slice(0, 50)}`;
    rows.push([latencyCase.name, int(Buffer.byteLength(bffText)), int(direct.byteLength), what]);
  }
  printTable(
    'Response body sizes, bytes (ES: all the answers of the searches together)',
    ['endpoint', 'BFF', 'ES', 'BFF answered'],
    rows,
  );
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  // The latency runs send thousands of requests from one address: no per-client rate limit.
  const config = loadConfig({
    ...process.env,
    ECS_EVENTS_INDEX: EVENTS_INDEX,
    CONTAINER_LOGS_INDEX: LOGS_PATTERN,
    ALERT_WEBHOOK_URL: '',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const client = createEsClient(config.es);
  const es = directEs(config);
  const now = new Date(flooredNow(new Date()));
  try {
    console.log(
      `Containers bench — Elasticsearch ${await esVersion(es)} at ${es.baseUrl}, node ${process.version}, ` +
        `${os.cpus().length} CPUs, ${mb(os.totalmem())} RAM`,
    );
    const present = flags.reuse ? await count(client, LOGS_PATTERN) : 0;
    if (present === 0) {
      await deleteBenchIndices(client);
      await installIndexTemplates(client, TEMPLATES);
      console.error('Seeding demo data …');
      await seed(client, config, flags, now);
    } else {
      console.log(`reusing the data of a --keep run (${int(present)} log lines)`);
    }
    await waitForMerges(client);
    await describeData(client, config, flags, now);

    const fields = await resolveLogFields(client, LOGS_PATTERN);
    if (!fields) throw new Error(`no log indices match ${LOGS_PATTERN}`);
    const direct: Direct = {
      es,
      config: config.containers,
      fields,
      timeout: `${config.limits.searchTimeoutMs}ms`,
    };
    const app = await buildApp(config, { logger: false, boards: [containersBoard] });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const bffBase = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const cases = await endpointCases(client, bffBase, direct, flags.days);
      await responseSizes(cases);
      console.log(
        "direct requests send accept-encoding: identity, like the BFF's Elasticsearch client " +
          '(compression: false), and the same engine-side timeout the BFF adds',
      );
      await benchLatency(cases, flags.requests, requestCacheClearer(es, BENCH_PATTERNS.join(',')));
    } finally {
      await app.close();
    }
    console.log(`\npeak RSS of the whole bench process: ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    if (!flags.keep) {
      await deleteBenchIndices(client).catch(() => {});
      await client.indices.deleteIndexTemplate({ name: TEMPLATES.map((t) => t.name) }).catch(() => {});
    }
    await client.close();
  }
}

await main();
