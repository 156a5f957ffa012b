/**
 * Deployment KPIs board benchmark (issue #5, "Tests and figures"): prints the figures, each next to
 * its baseline measured in the same run. It prints; it never fails on a number.
 *
 *   1. Data: 90 days of demo deploy/release events (~1,500 deployments a day, the board's demo
 *      generator) stored through the board's seed path (`seedDeployments`: routing, classification,
 *      bulk `create` with `_id` = MessageId) into `lookout-deployments-bench`.
 *   2. Endpoint latency: `/api/deployments/kpis`, `/failures`, `/services` and `/stages` through the
 *      BFF (app built with DEPLOYMENTS_INDEX=lookout-deployments-bench), interleaved one-for-one with
 *      the same search requests (the board's own builders) sent directly to Elasticsearch, once as is
 *      and once with the request cache cleared before every request. `/kpis` sends several: the
 *      counts, and at the same time the time-to-restore scan of failed production deploys (pages of
 *      10,000) followed by the first-success lookup; the direct side sends exactly those, in the same
 *      order and concurrency, parsing what it must to build the next one. Budget: ≤ 20% (or 5 ms)
 *      more, on p50.
 *   3. SNS ingest rate: N demo notifications signed with a throwaway key (self-signed certificate
 *      served over HTTPS from 127.0.0.1, as the tests do), POSTed with concurrency C to
 *      `/api/ingest/sns` of a second app (SNS_CERT_HOSTS=127.0.0.1, the test CA trusted), into
 *      `lookout-deployments-bench-sns`; next to the same stored documents sent directly as one-document
 *      `_bulk` creates (what the endpoint sends per notification) with the same concurrency into
 *      `lookout-deployments-bench-snsraw`. The stored count must equal N; then 500 of them are
 *      posted again: all must answer `already_present` and the count must not change.
 *
 * Run (dev engine on ES_URL, default http://127.0.0.1:9200; `lookout es start` starts one):
 *   pnpm --filter @lookout/server bench:deployments [-- --days 90 --seed 1 --keep]
 * It touches only its own indices and templates (the names below), so it may share an engine with
 * tests: ES_URL=http://127.0.0.1:9201 pnpm --filter @lookout/server bench:deployments
 * Flags: --days D (90), --scale X (1 = ~1,500 deployments a day), --seed S (1), --requests N per
 * endpoint (60, after 5 warm-ups), --notifications N (5,000), --concurrency C (20), --reposts R
 * (500), --keep (keep the indices).
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Client, estypes } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app/build-app.ts';
import { writeDocuments } from '../src/es/bulk-writer.ts';
import { createDeploymentsBoard } from '../src/boards/deployments/board.ts';
import { seedDeployments } from '../src/boards/deployments/demo/seed.ts';
import {
  DEMO_TOPIC_ARN,
  generateDemoNotifications,
  type DemoNotification,
} from '../src/boards/deployments/demo/generate-events.ts';
import { routeMessage, toStoredDeployment } from '../src/boards/deployments/ingest/route-message.ts';
import { deploymentsIndexTemplate } from '../src/boards/deployments/mapping.ts';
import {
  buildFailuresSearch,
  buildKpisSearch,
  buildServicesSearch,
  buildStagesSearch,
} from '../src/boards/deployments/query.ts';
import { timeToRestore } from '../src/boards/deployments/time-to-restore.ts';
import type { KpisQuery } from '../src/boards/deployments/schema.ts';
import { loadRules } from '../src/boards/deployments/rules.ts';
import type { StoredDeployment } from '../src/boards/deployments/mapping.ts';
import { loadConfig, type Config } from '../src/app/config.ts';
import { terminalProgress } from '../src/core/progress.ts';
import type { TimeRange } from '../src/core/time-range.ts';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates, type IndexTemplate } from '../src/es/templates.ts';
import {
  benchLatency,
  directEs,
  esVersion,
  int,
  mb,
  measureRun,
  ms,
  pct,
  percentile,
  printTable,
  requestCacheClearer,
  sendDirect,
  waitForMerges,
  type DirectEs,
  type Measured,
  parseBenchFlags,
  type BenchFlags,
} from './bench-kit.ts';
import { startFakeSnsHost, type FakeSnsHost } from '../test/deployments-tls.ts';

const INDEX = 'lookout-deployments-bench';
const SNS_INDEX = 'lookout-deployments-bench-sns';
const RAW_INDEX = 'lookout-deployments-bench-snsraw';
const BULK_INDEX = 'lookout-deployments-bench-snsbulk';
const BENCH_INDICES = [INDEX, SNS_INDEX, RAW_INDEX, BULK_INDEX];
/** Own template names (the tests' pattern): never replace the real `lookout-deployments` template. */
const TEMPLATES: IndexTemplate[] = BENCH_INDICES.map((index) => {
  const template = deploymentsIndexTemplate(index);
  return { name: `${template.name}-${index}`, body: { ...template.body, priority: 300 } };
});
const DAY = 86_400_000;
const SNS_WARMUPS = 20;

// ---------------------------------------------------------------------------------------------
// Flags

interface Flags extends BenchFlags {
  notifications: number;
  concurrency: number;
  reposts: number;
}

function parseFlags(argv: string[]): Flags {
  const flags = parseBenchFlags(
    argv,
    {
      days: '90',
      scale: '1',
      seed: '1',
      requests: '60',
      notifications: '5000',
      concurrency: '20',
      reposts: '500',
    },
    ['keep'],
  );
  const notifications = Math.round(flags.notifications!);
  return {
    days: Math.round(flags.days!),
    scale: flags.scale!,
    seed: Math.round(flags.seed!),
    requests: Math.round(flags.requests!),
    notifications,
    concurrency: Math.round(flags.concurrency!),
    reposts: Math.min(notifications, Math.round(flags.reposts!)),
    keep: flags.keep,
  };
}

// ---------------------------------------------------------------------------------------------
// Housekeeping

/** bench-kit's deleteIndices resolves names first, which 404s for a concrete name not there. */
async function deleteBenchIndices(client: Client): Promise<void> {
  await client.indices.delete({ index: BENCH_INDICES, ignore_unavailable: true });
}

async function freshIndices(client: Client): Promise<void> {
  await deleteBenchIndices(client);
  await installIndexTemplates(client, TEMPLATES);
}

async function storedCount(client: Client, index: string): Promise<number> {
  await client.indices.refresh({ index });
  return (await client.count({ index })).count;
}

// ---------------------------------------------------------------------------------------------
// 1. Data through the seed path

async function seed(client: Client, config: Config, flags: Flags, now: Date) {
  const start = performance.now();
  const report = await seedDeployments({
    client,
    config,
    options: { days: flags.days, scale: flags.scale, seed: flags.seed, now },
    progress: terminalProgress(),
  });
  const seconds = (performance.now() - start) / 1000;
  const counts = await client.search({
    index: INDEX,
    size: 0,
    track_total_hits: true,
    aggs: {
      kind: { terms: { field: 'kind' } },
      production: { filter: { bool: { filter: [{ term: { environment: 'production' } }] } } },
    },
  });
  const total = typeof counts.hits.total === 'number' ? counts.hits.total : (counts.hits.total?.value ?? 0);
  const kinds = (counts.aggregations?.kind as { buckets: { key: string; doc_count: number }[] }).buckets;
  const deploys = kinds.find((bucket) => bucket.key === 'deploy')?.doc_count ?? 0;
  const releases = kinds.find((bucket) => bucket.key === 'release')?.doc_count ?? 0;
  const production = (counts.aggregations?.production as { doc_count: number }).doc_count;
  const size = await client.indices.stats({ index: INDEX, metric: 'store' });
  console.log(
    `data: ${int(total)} events in ${INDEX} (${int(deploys)} deploys = ${int(deploys / flags.days)}/day, ` +
      `${int(releases)} releases; ${int(production)} events to production), ${flags.days} days ending ` +
      `${now.toISOString()} (scale ${flags.scale}, seed ${flags.seed}); seeded through seedDeployments in ` +
      `${seconds.toFixed(1)} s (${int(report.indexed)} indexed, ${report.alreadyPresent} already present, ` +
      `${report.rejected} rejected), ${mb(size._all.total?.store?.size_in_bytes ?? 0)} on disk`,
  );
}

// ---------------------------------------------------------------------------------------------
// 2. Endpoint latency

type AnySearchResponse = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

/**
 * A search sent directly with its URL parameters in the query string (filter_path too, which
 * bench-kit's sendDirect would put in the body); answers the parsed body and its size in bytes.
 */
async function searchDirect(
  es: DirectEs,
  request: estypes.SearchRequest,
): Promise<{ body: AnySearchResponse; bytes: number }> {
  const {
    index,
    request_cache: requestCache,
    ignore_unavailable: ignoreUnavailable,
    allow_no_indices: allowNoIndices,
    filter_path: filterPath,
    ...body
  } = request;
  const params = new URLSearchParams();
  if (requestCache !== undefined) params.set('request_cache', String(requestCache));
  if (ignoreUnavailable !== undefined) params.set('ignore_unavailable', String(ignoreUnavailable));
  if (allowNoIndices !== undefined) params.set('allow_no_indices', String(allowNoIndices));
  if (filterPath !== undefined) params.set('filter_path', [filterPath].flat().join(','));
  const response = await fetch(`${es.baseUrl}/${encodeURIComponent(String(index))}/_search?${params}`, {
    method: 'POST',
    headers: es.headers,
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status} from Elasticsearch: ${text.slice(0, 200)}`);
  return { body: JSON.parse(text) as AnySearchResponse, bytes: Buffer.byteLength(text) };
}

/**
 * What `/kpis` sends, sent directly: the counts (body read, not parsed) while the restore scan
 * pages and then looks up (parsed, to build the next request). Answers a Response whose body is as
 * long as all the answers together, for the size table.
 */
async function kpisDirect(es: DirectEs, params: KpisQuery, range: TimeRange): Promise<Response> {
  const context = { index: INDEX, range };
  let restoreBytes = 0;
  const [counts] = await Promise.all([
    sendDirect(es, buildKpisSearch(params, context)).then((response) => response.arrayBuffer()),
    timeToRestore(
      async (request) => {
        const { body, bytes } = await searchDirect(es, request);
        restoreBytes += bytes;
        return body;
      },
      params,
      context,
    ),
  ]);
  return new Response(new Uint8Array(counts.byteLength + restoreBytes));
}

function endpointCases(bffBase: string, es: DirectEs, nowMs: number, days: number) {
  const all: TimeRange = { fromMs: nowMs - days * DAY, toMs: nowMs };
  const month: TimeRange = { fromMs: nowMs - 30 * DAY, toMs: nowMs };
  const week: TimeRange = { fromMs: nowMs - 7 * DAY, toMs: nowMs };
  const url = (endpoint: string, range: TimeRange, extra: [string, string][] = []) =>
    `${bffBase}/api/deployments/${endpoint}?${new URLSearchParams([
      ['from', new Date(range.fromMs).toISOString()],
      ['to', new Date(range.toMs).toISOString()],
      ...extra,
    ])}`;
  const kpis = (name: string, range: TimeRange, params: KpisQuery, extra: [string, string][] = []) => ({
    name,
    bff: () => fetch(url('kpis', range, extra)),
    direct: () => kpisDirect(es, params, range),
  });
  const single = (name: string, bff: string, search: estypes.SearchRequest) => ({
    name,
    bff: () => fetch(bff),
    direct: () => sendDirect(es, search),
  });
  return [
    kpis(`kpis ${days}d`, all, {}),
    kpis(`kpis ${days}d, environment=production`, all, { environment: ['production'] }, [
      ['environment', 'production'],
    ]),
    kpis('kpis 30d', month, {}),
    kpis('kpis 7d', week, {}),
    single(
      `failures ${days}d, first page (50)`,
      url('failures', all),
      buildFailuresSearch({ size: 50 }, { index: INDEX, range: all }),
    ),
    single(
      `services ${days}d`,
      url('services', all),
      buildServicesSearch({ size: 100 }, { index: INDEX, range: all }),
    ),
    single(
      `stages ${days}d`,
      url('stages', all),
      buildStagesSearch({ size: 50 }, { index: INDEX, range: all }),
    ),
  ];
}

/** Response sizes, so a reader sees what each side carries (the BFF answer is shaped, ES's raw). */
async function responseSizes(cases: ReturnType<typeof endpointCases>): Promise<void> {
  const rows: string[][] = [];
  for (const latencyCase of cases) {
    const bff = await (await latencyCase.bff()).arrayBuffer();
    const direct = await (await latencyCase.direct()).arrayBuffer();
    rows.push([latencyCase.name, int(bff.byteLength), int(direct.byteLength)]);
  }
  printTable('Response body sizes, bytes', ['endpoint', 'BFF', 'ES'], rows);
}

// ---------------------------------------------------------------------------------------------
// 3. SNS ingest: a stand-in for SNS's certificate host, as test/deployments-tls.ts builds it

interface SignedNotification {
  messageId: string;
  body: string;
  /** What the endpoint stores for it (for the direct baseline). */
  document: StoredDeployment;
}

function signNotifications(
  host: FakeSnsHost,
  notifications: DemoNotification[],
  rules: ReturnType<typeof loadRules>,
  now: Date,
): SignedNotification[] {
  return notifications.map(({ message }) => {
    const fields = {
      Type: 'Notification',
      MessageId: message.MessageId,
      TopicArn: message.TopicArn,
      Subject: 'deploy',
      Message: message.Message,
      Timestamp: message.Timestamp,
    };
    const routed = routeMessage(message.Message);
    if (routed.route !== 'deployment') throw new Error(`demo notification ${message.MessageId} not routed`);
    const document = toStoredDeployment(
      routed.event,
      { messageId: message.MessageId, topicArn: message.TopicArn, timestamp: message.Timestamp },
      rules,
      now,
    );
    const body = JSON.stringify({
      ...fields,
      SignatureVersion: '1',
      Signature: host.sign(fields, '1'),
      SigningCertURL: host.certUrl,
      UnsubscribeURL: `${host.origin}/unsubscribe`,
    });
    return { messageId: message.MessageId, body, document };
  });
}

/** Signed ECS task events: routed elsewhere, never stored; they warm up the verifier and its cache. */
function warmupNotifications(host: FakeSnsHost, count: number): SignedNotification[] {
  return Array.from({ length: count }, (_, i) => {
    const fields = {
      Type: 'Notification',
      MessageId: `bench-warmup-${i}`,
      TopicArn: DEMO_TOPIC_ARN,
      Message: JSON.stringify({ 'detail-type': 'ECS Task State Change', detail: { taskArn: `task-${i}` } }),
      Timestamp: new Date().toISOString(),
    };
    const body = JSON.stringify({
      ...fields,
      SignatureVersion: '1',
      Signature: host.sign(fields, '1'),
      SigningCertURL: host.certUrl,
    });
    return { messageId: fields.MessageId, body, document: {} as StoredDeployment };
  });
}

interface PostRun {
  seconds: number;
  latencies: number[];
  outcomes: Map<string, number>;
}

/** `send(i)` for every item, `concurrency` at a time; wall time, per-request latency and outcomes. */
async function runConcurrently(
  count: number,
  concurrency: number,
  send: (i: number) => Promise<string>,
): Promise<PostRun> {
  const latencies: number[] = new Array<number>(count);
  const outcomes = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const start = performance.now();
      const outcome = await send(i);
      latencies[i] = performance.now() - start;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { seconds: (performance.now() - start) / 1000, latencies, outcomes };
}

function postToBff(url: string, items: SignedNotification[]) {
  return async (i: number): Promise<string> => {
    const item = items[i]!;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'text/plain; charset=UTF-8',
        'x-amz-sns-message-type': 'Notification',
        'x-amz-sns-message-id': item.messageId,
        'x-amz-sns-topic-arn': DEMO_TOPIC_ARN,
        'user-agent': 'Amazon Simple Notification Service Agent',
      },
      body: item.body,
    });
    const text = await response.text();
    if (!response.ok) return `HTTP ${response.status}: ${text.slice(0, 120)}`;
    return (JSON.parse(text) as { outcome: string }).outcome;
  };
}

/** What the endpoint sends per notification, directly: a one-document `_bulk` create. */
function postToEs(es: DirectEs, items: SignedNotification[]) {
  return async (i: number): Promise<string> => {
    const item = items[i]!;
    const response = await fetch(`${es.baseUrl}/_bulk`, {
      method: 'POST',
      headers: { ...es.headers, 'content-type': 'application/x-ndjson' },
      body: `${JSON.stringify({ create: { _index: RAW_INDEX, _id: item.messageId } })}\n${JSON.stringify(item.document)}\n`,
    });
    const body = (await response.json()) as { items?: { create?: { status: number } }[] };
    const status = body.items?.[0]?.create?.status ?? response.status;
    return status < 300 ? 'stored' : status === 409 ? 'already_present' : `status ${status}`;
  };
}

const outcomeText = (outcomes: Map<string, number>) =>
  [...outcomes].map(([outcome, count]) => `${outcome} ${int(count)}`).join(', ');

async function benchSns(client: Client, es: DirectEs, flags: Flags, now: Date): Promise<void> {
  console.error('SNS ingest: signing notifications …');
  const host = await startFakeSnsHost();
  let app: FastifyInstance | undefined;
  try {
    const config = loadConfig({
      ...process.env,
      DEPLOYMENTS_INDEX: SNS_INDEX,
      SNS_TOPIC_ARNS: DEMO_TOPIC_ARN,
      SNS_CERT_HOSTS: '127.0.0.1',
      LOG_LEVEL: 'silent',
      // One load generator on one address posts thousands a minute: no per-client rate limit.
      RATE_LIMIT_PER_MINUTE: '0',
    });
    const rules = loadRules(config.deployments.rulesFile);
    const demo: DemoNotification[] = [];
    // A recent slice of demo traffic: enough days for N notifications at the demo rate.
    const days = Math.max(1, Math.ceil(flags.notifications / 1_500) + 1);
    for (const notification of generateDemoNotifications({ days, scale: 1, seed: flags.seed + 1, now })) {
      demo.push(notification);
      if (demo.length >= flags.notifications) break;
    }
    if (demo.length < flags.notifications) throw new Error(`only ${demo.length} demo notifications`);
    const signStart = performance.now();
    const items = signNotifications(host, demo, rules, now);
    const signMs = performance.now() - signStart;
    const warmups = warmupNotifications(host, SNS_WARMUPS);

    app = await buildApp(config, {
      logger: false,
      boards: [createDeploymentsBoard({ tls: { ca: host.tlsCa } })],
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/ingest/sns`;

    console.error('SNS ingest: warm-up …');
    const warm = await runConcurrently(warmups.length, flags.concurrency, postToBff(url, warmups));
    // Engine warm-up for the direct side too (then emptied again).
    await runConcurrently(SNS_WARMUPS, flags.concurrency, postToEs(es, items));
    await client.indices.delete({ index: RAW_INDEX, ignore_unavailable: true });
    // Both indices exist before timing, so neither side's first write creates one.
    await client.indices.create({ index: SNS_INDEX });
    await client.indices.create({ index: RAW_INDEX });
    await client.indices.create({ index: BULK_INDEX });
    await waitForMerges(client);

    console.error(`SNS ingest: ${int(items.length)} notifications to the BFF …`);
    const viaBff = await measureRun(client, () =>
      runConcurrently(items.length, flags.concurrency, postToBff(url, items)),
    );
    const bffStored = await storedCount(client, SNS_INDEX);

    console.error(`SNS ingest: the same ${int(items.length)} documents directly …`);
    const direct = await measureRun(client, () =>
      runConcurrently(items.length, flags.concurrency, postToEs(es, items)),
    );
    const directStored = await storedCount(client, RAW_INDEX);

    // DESIGN.md's baseline: a raw `_bulk` of the same documents (the bulk helper, 5 MB bodies).
    console.error(`SNS ingest: the same ${int(items.length)} documents as one streamed _bulk …`);
    const bulk = await measureRun(client, async (): Promise<PostRun> => {
      const started = performance.now();
      const written = await writeDocuments(
        client,
        items.map((item) => ({ index: BULK_INDEX, id: item.messageId, document: item.document })),
      );
      const seconds = (performance.now() - started) / 1000;
      return { seconds, latencies: [seconds * 1000], outcomes: new Map([['stored', written.indexed]]) };
    });
    const bulkStored = await storedCount(client, BULK_INDEX);

    console.error(`SNS ingest: re-posting ${int(flags.reposts)} …`);
    const again = await measureRun(client, () =>
      runConcurrently(flags.reposts, flags.concurrency, postToBff(url, items)),
    );
    const afterRepost = await storedCount(client, SNS_INDEX);

    const cpu = (value: number | undefined) => (value === undefined ? '?' : Math.max(0, value).toFixed(1));
    const row = (
      label: string,
      count: number,
      run: PostRun,
      stored: string,
      measured?: Measured<PostRun>,
    ) => [
      label,
      int(count),
      run.seconds.toFixed(2),
      int(count / run.seconds),
      ms(percentile(run.latencies, 50)),
      ms(percentile(run.latencies, 95)),
      ms(Math.max(...run.latencies)),
      stored,
      measured ? cpu(measured.cpu.bench) : '-',
      measured ? cpu(measured.cpu.es) : '-',
      measured ? cpu(measured.cpu.other) : '-',
      outcomeText(run.outcomes),
    ];
    printTable(
      `SNS ingest — signed notifications (SignatureVersion 1) POSTed to /api/ingest/sns on 127.0.0.1, ` +
        `${flags.concurrency} in flight; per-request latency until the whole answer arrived, ms`,
      [
        'run (in the order run)',
        'requests',
        'seconds',
        'req/s',
        'p50',
        'p95',
        'max',
        'stored',
        'CPU s: bench',
        'ES',
        'other',
        'outcomes',
      ],
      [
        row(`warm-up: ${SNS_WARMUPS} signed ECS events (not stored)`, warmups.length, warm, '-'),
        row(
          `BFF: ${int(items.length)} new notifications`,
          items.length,
          viaBff.result,
          int(bffStored),
          viaBff,
        ),
        row(
          `direct ES: same docs, 1-doc _bulk create each`,
          items.length,
          direct.result,
          int(directStored),
          direct,
        ),
        row(`direct ES: same docs, one streamed _bulk`, items.length, bulk.result, int(bulkStored), bulk),
        row(`BFF: ${int(flags.reposts)} re-posted`, flags.reposts, again.result, int(afterRepost), again),
      ],
    );
    console.log(
      `CPU seconds during each run: this process (the BFF and the load generator share it), ` +
        `Elasticsearch, everything else on the machine (${os.cpus().length} cores × the run's seconds is the most there is)`,
    );
    const rate = items.length / viaBff.result.seconds;
    const directRate = items.length / direct.result.seconds;
    const bulkRate = items.length / bulk.result.seconds;
    console.log(
      `SNS ingest rate ${int(rate)} notifications/s = ${pct(rate / directRate)} of the direct one-document ` +
        `_bulk rate (${int(directRate)}/s), ${pct(rate / bulkRate)} of one streamed _bulk of the same documents ` +
        `(${int(bulkRate)}/s); signing ${int(items.length)} notifications beforehand took ` +
        `${(signMs / 1000).toFixed(1)} s in this process (not timed)`,
    );
    const storedOk = viaBff.result.outcomes.get('stored') === items.length && bffStored === items.length;
    console.log(
      `stored count ${int(bffStored)} ${bffStored === items.length ? '=' : '≠'} N = ${int(items.length)} ` +
        `(${storedOk ? 'ok' : 'MISMATCH'}); re-post of ${int(flags.reposts)}: ` +
        `${int(again.result.outcomes.get('already_present') ?? 0)} already_present ` +
        `(${again.result.outcomes.get('already_present') === flags.reposts ? 'ok' : 'MISMATCH'}), count ` +
        `${int(afterRepost)} (${afterRepost === bffStored ? 'unchanged, ok' : 'CHANGED'})`,
    );
  } finally {
    await app?.close();
    console.log(`signing certificate fetched ${host.certFetches()} time(s) from ${host.origin}`);
    await host.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  // The latency runs send ~2,000 requests from one address in a few minutes: no per-client rate limit.
  const config = loadConfig({
    ...process.env,
    DEPLOYMENTS_INDEX: INDEX,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const client = createEsClient(config.es);
  // fetch asks for gzip by default and Elasticsearch then compresses its answer; the BFF's client
  // (compression: false) does not, so the direct side asks for the same uncompressed answer.
  const es: DirectEs = directEs(config);
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  try {
    console.log(
      `Deployments bench — Elasticsearch ${await esVersion(es)} at ${es.baseUrl}, node ${process.version}, ` +
        `${os.cpus().length} CPUs, ${mb(os.totalmem())} RAM`,
    );
    await freshIndices(client);
    console.error('Seeding demo data …');
    await seed(client, config, flags, now);
    await waitForMerges(client);

    const app = await buildApp(config, { logger: false });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const bffBase = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const cases = endpointCases(bffBase, es, now.getTime(), flags.days);
      await responseSizes(cases);
      console.log(
        "direct requests send accept-encoding: identity, like the BFF's Elasticsearch client " +
          '(compression: false); fetch would otherwise ask for gzip and Elasticsearch would compress',
      );
      await benchLatency(cases, flags.requests, requestCacheClearer(es, INDEX));
    } finally {
      await app.close();
    }

    await benchSns(client, es, flags, now);
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
