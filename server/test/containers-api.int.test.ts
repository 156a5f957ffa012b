import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { writeDocuments } from '../src/es/bulk-writer.ts';
import { containersBoard } from '../src/boards/containers/board.ts';
import { containerLogsIndexTemplate, ecsEventsIndexTemplate } from '../src/boards/containers/mapping.ts';
import { forgetLogFields } from '../src/boards/containers/log-fields.ts';
import type {
  FailureDetailResponse,
  FailuresResponse,
  TimelineResponse,
} from '../src/boards/containers/schema.ts';
import type { FluentdLogDocument } from '../src/boards/containers/logs.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GOLDEN_BASE_MS,
  GOLDEN_CASES,
  GOLDEN_EVENTS_INDEX,
  GOLDEN_LOGS_PATTERN,
} from '../src/boards/containers/__fixtures__/cases.ts';
import { checkLiveGolden } from './golden-harness.ts';
import { testApp, testConfig, uniqueIndex } from './helpers.ts';
import { logLines, partialLines, taskArn, taskEvents, type TaskSpec } from './containers-fixtures.ts';

const MINUTE = 60_000;
const base = GOLDEN_BASE_MS;
const at = (minutes: number) => base + minutes * MINUTE;
const app1 = 'registry.example.org/checkout-api:2.3.1';
const app0 = 'registry.example.org/checkout-api:2.3.0';

/** Each task's expected outcome is in its name. */
const tasks: Record<string, TaskSpec> = {
  checkoutGoodStart: {
    name: 'checkout-good-start',
    service: 'checkout-api',
    createdAtMs: at(0),
    startedAtMs: at(1),
    stoppedAtMs: at(60),
    stopCode: 'ServiceSchedulerInitiated',
    stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/123)',
    containers: [{ name: 'app', image: app0, exitCode: 143 }],
  },
  checkoutDbRefused: {
    name: 'checkout-db-refused',
    service: 'checkout-api',
    createdAtMs: at(61),
    startedAtMs: at(62),
    stoppedAtMs: at(62) + 20_000,
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    containers: [
      { name: 'app', image: app1, exitCode: 1 },
      { name: 'envoy', image: 'envoyproxy/envoy:v1.31', exitCode: 0 },
    ],
  },
  billingOom: {
    name: 'billing-oom',
    service: 'billing',
    createdAtMs: at(70),
    startedAtMs: at(71),
    stoppedAtMs: at(72) + 30_000,
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    containers: [
      {
        name: 'app',
        image: 'billing:5',
        exitCode: 137,
        reason: 'OutOfMemoryError: Container killed due to memory usage',
      },
    ],
  },
  searchPullError: {
    name: 'search-pull-error',
    service: 'search',
    createdAtMs: at(80),
    stoppedAtMs: at(81),
    stopCode: 'TaskFailedToStart',
    stoppedReason:
      'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref registry.example.org/search:9.9.9: not found',
    containers: [{ name: 'app', image: 'registry.example.org/search:9.9.9', noRuntime: true }],
  },
  fargateConfig: {
    name: 'fargate-config',
    service: 'notifications',
    launchType: 'FARGATE',
    createdAtMs: at(90),
    startedAtMs: at(91),
    stoppedAtMs: at(91) + 5_000,
    stopCode: 'EssentialContainerExited',
    containers: [{ name: 'worker', image: 'notifications:3', exitCode: 1 }],
  },
  lateCrash: {
    name: 'late-crash',
    service: 'reports',
    createdAtMs: at(10),
    startedAtMs: at(11),
    stoppedAtMs: at(100),
    stopCode: 'EssentialContainerExited',
    containers: [{ name: 'app', image: 'reports:1', exitCode: 1 }],
  },
  bigTrace: {
    name: 'big-trace',
    service: 'ledger',
    createdAtMs: at(110),
    startedAtMs: at(111),
    stoppedAtMs: at(111) + 40_000,
    stopCode: 'EssentialContainerExited',
    containers: [{ name: 'app', image: 'ledger:8', exitCode: 139 }],
  },
};
const loop = [0, 1, 2].map((n): TaskSpec => ({
  name: `loop-${n}`,
  service: 'loop-svc',
  createdAtMs: at(120 + 2 * n),
  startedAtMs: at(120 + 2 * n) + 5_000,
  stoppedAtMs: at(120 + 2 * n) + 8_000,
  stopCode: 'EssentialContainerExited',
  containers: [{ name: 'app', image: 'loop:1', exitCode: 127 }],
}));

/**
 * loop-svc fails once more an hour after its loop, alone (after the golden range, which ends at
 * 180): a range from 150 reaches back to the loop (120–124) but must not flag the service for it.
 */
const lateLoopFailure: TaskSpec = {
  name: 'loop-late',
  service: 'loop-svc',
  createdAtMs: at(185),
  startedAtMs: at(185) + 5_000,
  stoppedAtMs: at(185) + 8_000,
  stopCode: 'EssentialContainerExited',
  containers: [{ name: 'app', image: 'loop:1', exitCode: 127 }],
};

const HUGE = `java.lang.IllegalStateException: ${'x'.repeat(40_000)}`;

function logsFor(): FluentdLogDocument[] {
  const db = tasks.checkoutDbRefused!;
  return [
    ...logLines(db, 'app', at(62) + 100, [
      { source: 'stdout', log: 'checkout-api 2.3.1 starting' },
      { source: 'stderr', log: 'npm WARN config production Use `--omit=dev` instead.' },
      { source: 'stderr', log: 'Error: connect ECONNREFUSED 10.0.3.12:5432' },
      { source: 'stderr', log: '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)' },
      { source: 'stderr', log: 'process exited with code 1' },
    ]),
    ...logLines(db, 'envoy', at(62) + 50, [{ source: 'stdout', log: 'envoy ready' }]),
    ...logLines(tasks.billingOom!, 'app', at(71) + 100, [
      { source: 'stdout', log: 'loading 2,000,000 invoices into memory' },
      { source: 'stderr', log: 'GC overhead warning: heap at 98%' },
    ]),
    ...logLines(tasks.bigTrace!, 'app', at(111) + 100, [{ source: 'stdout', log: 'ledger starting' }]),
    ...partialLines(tasks.bigTrace!, 'app', at(111) + 5_000, HUGE),
    ...loop.flatMap((spec) =>
      logLines(spec, 'app', spec.startedAtMs!, [
        { source: 'stderr', log: 'exec /app/start.sh: no such file or directory' },
      ]),
    ),
  ];
}

function logIndexOf(document: FluentdLogDocument, prefix: string): string {
  return `${prefix}${document['@timestamp'].slice(0, 10).replace(/-/g, '.')}`;
}

describe('containers board API against the real engine', () => {
  const eventsIndex = uniqueIndex('test-ecs-events');
  const logsPrefix = `${uniqueIndex('test-logstash')}-`;
  const dynamicPrefix = `${uniqueIndex('test-dynlogs')}-`;
  const ingestToken = 'ingest-secret-for-the-containers-tests';
  let client: Client;
  let app: FastifyInstance;
  let dynamicApp: FastifyInstance;

  const env = (logsPrefix: string) => ({
    ECS_EVENTS_INDEX: eventsIndex,
    CONTAINER_LOGS_INDEX: `${logsPrefix}*`,
    INGEST_TOKEN: ingestToken,
  });

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    forgetLogFields();
    const events = ecsEventsIndexTemplate(eventsIndex);
    const logs = containerLogsIndexTemplate(`${logsPrefix}*`);
    await installIndexTemplates(client, [
      { name: `${events.name}-${eventsIndex}`, body: { ...events.body, priority: 300 } },
      { name: `${logs.name}-${logsPrefix}`, body: { ...logs.body, priority: 300 } },
    ]);
    app = await testApp(env(logsPrefix), { boards: [containersBoard] });
    dynamicApp = await testApp(env(dynamicPrefix), { boards: [containersBoard] });
    const allEvents = [...Object.values(tasks), ...loop, lateLoopFailure].flatMap(taskEvents);
    const response = await app.inject({
      method: 'POST',
      url: '/api/ingest/ecs-events',
      headers: { 'x-lookout-ingest-token': ingestToken },
      payload: allEvents,
    });
    expect(response.statusCode, response.body).toBe(200);
    await client.indices.refresh({ index: eventsIndex });
    // The same lines twice: once under Lookout's template, once mapped dynamically (no template).
    for (const prefix of [logsPrefix, dynamicPrefix]) {
      const result = await writeDocuments(
        client,
        logsFor().map((document, position) => ({
          index: logIndexOf(document, prefix),
          id: `line-${position}`,
          document,
        })),
        { refresh: true },
      );
      expect(result.rejected).toEqual([]);
    }
  });

  afterAll(async () => {
    await app?.close();
    await dynamicApp?.close();
    // Wildcard deletes are refused by default (action.destructive_requires_name): name them.
    const logIndices = Object.keys(
      await client.indices.get({ index: [`${logsPrefix}*`, `${dynamicPrefix}*`], allow_no_indices: true }),
    );
    await client?.indices.delete({ index: [eventsIndex, ...logIndices], ignore_unavailable: true });
    await client?.indices
      .deleteIndexTemplate({ name: `lookout-ecs-events-${eventsIndex}` })
      .catch(() => undefined);
    await client?.indices
      .deleteIndexTemplate({ name: `lookout-container-logs-${logsPrefix}` })
      .catch(() => undefined);
    await client?.close();
  });

  const range = `from=${new Date(base).toISOString()}&to=${new Date(at(180)).toISOString()}`;
  const failures = async (target = app, query = '') => {
    const response = await target.inject({ url: `/api/containers/failures?${range}${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as FailuresResponse;
  };
  const detail = async (taskId: string, target = app) => {
    const response = await target.inject({ url: `/api/containers/failures/${taskId}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as FailureDetailResponse;
  };
  const idOf = (spec: TaskSpec) => taskArn(spec).split('/').at(-1)!;

  it('lists startup failures only: not the on-purpose stop, not the crash after 89 minutes', async () => {
    const body = await failures();
    const names = body.failures.map((failure) => failure.taskId);
    expect(names).not.toContain(idOf(tasks.checkoutGoodStart!));
    expect(names).not.toContain(idOf(tasks.lateCrash!));
    expect(body.total).toBe(5 + loop.length);
    expect(body.failures).toHaveLength(8);
    // Newest first.
    expect(body.failures[0]!.taskId).toBe(idOf(loop[2]!));
  });

  it('classifies reasons and explains exit codes', async () => {
    const byId = new Map((await failures()).failures.map((failure) => [failure.taskId, failure]));
    const db = byId.get(idOf(tasks.checkoutDbRefused!))!;
    expect(db.reasonClass).toBe('app-error');
    expect(db.containers.find((container) => container.name === 'app')).toMatchObject({
      exitCode: 1,
      exitMeaning: 'application error (general failure)',
    });
    expect(byId.get(idOf(tasks.billingOom!))!.reasonClass).toBe('out-of-memory');
    expect(byId.get(idOf(tasks.billingOom!))!.containers[0]!.exitMeaning).toMatch(/out of memory/);
    expect(byId.get(idOf(tasks.searchPullError!))!.reasonClass).toBe('image-pull');
    expect(byId.get(idOf(tasks.bigTrace!))!.containers[0]!.exitMeaning).toBe('segmentation fault (SIGSEGV)');
    expect(byId.get(idOf(loop[0]!))!.reasonClass).toBe('command');
  });

  it('joins the logs by runtimeId and picks the first error line (not the npm warning)', async () => {
    const db = (await failures()).failures.find(
      (failure) => failure.taskId === idOf(tasks.checkoutDbRefused!),
    )!;
    expect(db.firstErrorLine).toBe('Error: connect ECONNREFUSED 10.0.3.12:5432');
    expect(db.logsAvailable).toBe(true);
    // Without an error-looking line, the last stderr line.
    const oom = (await failures()).failures.find((failure) => failure.taskId === idOf(tasks.billingOom!))!;
    expect(oom.firstErrorLine).toBe('GC overhead warning: heap at 98%');
  });

  it('flags the crash loop (3 failures within 30 minutes) on the failures and the service', async () => {
    const body = await failures();
    expect(
      body.failures.filter((failure) => failure.service === 'loop-svc').every((failure) => failure.crashLoop),
    ).toBe(true);
    expect(body.failures.find((failure) => failure.service === 'billing')!.crashLoop).toBe(false);
    expect(body.services.find((service) => service.service === 'loop-svc')).toMatchObject({
      failures: 3,
      crashLoop: true,
    });
    expect(body.services.find((service) => service.service === 'checkout-api')).toMatchObject({
      failures: 1,
      crashLoop: false,
    });
  });

  it('crash loops reach back one window before from, and a loop that ended before from does not count', async () => {
    const into = await app.inject({
      url: `/api/containers/failures?from=${new Date(at(124) + 1_000).toISOString()}&to=${new Date(at(180)).toISOString()}`,
    });
    // Only loop-2 is in this range; loop-0 and loop-1 before it make it a loop.
    const intoBody = into.json() as FailuresResponse;
    expect(intoBody.failures.map((failure) => [failure.taskId, failure.crashLoop])).toEqual([
      [idOf(loop[2]!), true],
    ]);
    expect(intoBody.services).toMatchObject([{ service: 'loop-svc', crashLoop: true }]);
    const after = await app.inject({
      url: `/api/containers/failures?from=${new Date(at(150)).toISOString()}&to=${new Date(at(240)).toISOString()}`,
    });
    const afterBody = after.json() as FailuresResponse;
    expect(afterBody.failures.map((failure) => [failure.taskId, failure.crashLoop])).toEqual([
      [idOf(lateLoopFailure), false],
    ]);
    expect(afterBody.services).toMatchObject([{ service: 'loop-svc', failures: 1, crashLoop: false }]);
  });

  it('filters by service and by reason class', async () => {
    const body = await failures(app, '&service=checkout-api&service=billing');
    expect(body.failures.map((failure) => failure.service).sort()).toEqual(['billing', 'checkout-api']);
    const pulls = await failures(app, '&reason=image-pull');
    expect(pulls.failures.map((failure) => failure.service)).toEqual(['search']);
    const bad = await app.inject({ url: `/api/containers/failures?${range}&reason=gremlins` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('reason');
  });

  it('gives each failure an absolute deep link around the stop time', async () => {
    const db = (await failures()).failures.find(
      (failure) => failure.taskId === idOf(tasks.checkoutDbRefused!),
    )!;
    const link = new URL(db.link, 'http://x');
    expect(link.pathname).toBe(`/containers/failures/${db.taskId}`);
    const stopped = Date.parse(db.stoppedAt);
    expect(Date.parse(link.searchParams.get('from')!)).toBe(stopped - 30 * MINUTE);
    expect(Date.parse(link.searchParams.get('to')!)).toBe(stopped + 30 * MINUTE);
  });

  it('failure page: the startup log in order, both containers, the last good start and its image', async () => {
    const body = await detail(idOf(tasks.checkoutDbRefused!));
    expect(body.logs.map((line) => line.line)).toEqual([
      'envoy ready',
      'checkout-api 2.3.1 starting',
      'npm WARN config production Use `--omit=dev` instead.',
      'Error: connect ECONNREFUSED 10.0.3.12:5432',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
      'process exited with code 1',
    ]);
    expect(body.logs[3]).toMatchObject({ source: 'stderr', container: expect.stringContaining('app') });
    expect(body.failure.firstErrorLine).toBe('Error: connect ECONNREFUSED 10.0.3.12:5432');
    expect(body.logsNote).toBeNull();
    expect(body.lastSuccessfulStart).toMatchObject({
      taskId: idOf(tasks.checkoutGoodStart!),
      images: [{ container: 'app', image: app0 }],
    });
    expect(body.freshness.lastEventAt).not.toBeNull();
  });

  it('failure page: a line Docker split at 16 KB comes back whole', async () => {
    const body = await detail(idOf(tasks.bigTrace!));
    const joined = body.logs.find((line) => line.line.startsWith('java.lang.IllegalStateException'));
    expect(joined?.line).toBe(HUGE);
    expect(body.logs).toHaveLength(2);
  });

  it('failure page: Fargate and image-pull failures say why there are no logs', async () => {
    const fargate = await detail(idOf(tasks.fargateConfig!));
    expect(fargate.logs).toEqual([]);
    expect(fargate.logsNote).toMatch(/Fargate/);
    expect(fargate.failure.logsAvailable).toBe(false);
    const pull = await detail(idOf(tasks.searchPullError!));
    expect(pull.logsNote).toMatch(/no container of this task started/);
    expect(pull.failure.stoppedReason).toMatch(/CannotPullContainerError/);
  });

  it('failure page: previous failures of the service, newest first', async () => {
    const body = await detail(idOf(loop[2]!));
    expect(body.previousFailures.map((failure) => failure.taskId)).toEqual([idOf(loop[1]!), idOf(loop[0]!)]);
    expect(body.failure.crashLoop).toBe(true);
  });

  it('failure page: 404 naming the task when there is no such failure', async () => {
    const response = await app.inject({ url: `/api/containers/failures/${idOf(tasks.checkoutGoodStart!)}` });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toContain(idOf(tasks.checkoutGoodStart!));
  });

  it('works the same on log indices mapped dynamically (text + .keyword)', async () => {
    const mapping = await client.indices.getMapping({ index: `${dynamicPrefix}*` });
    const properties = Object.values(mapping)[0]!.mappings.properties!;
    expect(properties.container_id).toMatchObject({ type: 'text', fields: { keyword: { type: 'keyword' } } });
    const db = (await failures(dynamicApp)).failures.find(
      (failure) => failure.taskId === idOf(tasks.checkoutDbRefused!),
    )!;
    expect(db.firstErrorLine).toBe('Error: connect ECONNREFUSED 10.0.3.12:5432');
    const big = await detail(idOf(tasks.bigTrace!), dynamicApp);
    expect(big.logs.find((line) => line.line.startsWith('java'))?.line).toBe(HUGE);
  });

  it('timeline: failures per interval by reason class', async () => {
    const response = await app.inject({ url: `/api/containers/timeline?${range}&interval=1h` });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as TimelineResponse;
    expect(body.interval).toBe('1h');
    const total = body.buckets.reduce((sum, bucket) => sum + bucket.total, 0);
    expect(total).toBe(8);
    const commands = body.buckets.reduce((sum, bucket) => sum + (bucket.byReason.command ?? 0), 0);
    expect(commands).toBe(3);
  });

  describe('golden fixtures', () => {
    const fixturesDir = path.join(
      path.dirname(fileURLToPath(import.meta.url)),
      '../src/boards/containers/__fixtures__',
    );
    it.each(GOLDEN_CASES)('$name: the live response shapes into the reviewed answer', async (golden) => {
      const index = golden.request.index === GOLDEN_LOGS_PATTERN ? `${logsPrefix}*` : eventsIndex;
      const response = await client.search({ ...golden.request, index });
      await checkLiveGolden(fixturesDir, golden, response, {
        [eventsIndex]: GOLDEN_EVENTS_INDEX,
        [logsPrefix]: GOLDEN_LOGS_PATTERN.replace('*', ''),
      });
    });
  });

  it('ingest before anyone ran setup: the endpoint installs the templates first, so queries work', async () => {
    const freshIndex = uniqueIndex('test-ecs-unsetup');
    const fresh = await testApp(
      { ...env(logsPrefix), ECS_EVENTS_INDEX: freshIndex },
      { boards: [containersBoard] },
    );
    try {
      const posted = await fresh.inject({
        method: 'POST',
        url: '/api/ingest/ecs-events',
        headers: { 'x-lookout-ingest-token': ingestToken },
        payload: taskEvents(tasks.billingOom!),
      });
      expect(posted.statusCode, posted.body).toBe(200);
      await client.indices.refresh({ index: freshIndex });
      const mapping = await client.indices.getMapping({ index: freshIndex });
      expect(mapping[freshIndex]!.mappings.properties!.lookout).toMatchObject({
        properties: { taskArn: { type: 'keyword' } },
      });
      const listed = await failures(fresh);
      expect(listed.failures.map((failure) => failure.service)).toEqual(['billing']);
    } finally {
      await fresh.close();
      await client.indices.delete({ index: freshIndex, ignore_unavailable: true });
    }
  });

  it('ingest: replays are already present, bad lines are named by position, the token is required', async () => {
    const events = taskEvents(tasks.billingOom!);
    const ndjson = [
      JSON.stringify(events[0]),
      '{not json',
      JSON.stringify({ hello: 'world' }),
      JSON.stringify(events[1]),
    ].join('\n');
    const response = await app.inject({
      method: 'POST',
      url: '/api/ingest/ecs-events',
      headers: { 'x-lookout-ingest-token': ingestToken, 'content-type': 'application/x-ndjson' },
      payload: ndjson,
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ received: 4, indexed: 0, alreadyPresent: 2 });
    expect(body.rejected.map((entry: { position: number }) => entry.position)).toEqual([1, 2]);
    expect(body.rejected[1].reason).toMatch(/detail-type|detail/);
    const refused = await app.inject({ method: 'POST', url: '/api/ingest/ecs-events', payload: events });
    expect(refused.statusCode).toBe(401);
    const count = await client.count({ index: eventsIndex });
    expect(count.count).toBe([...Object.values(tasks), ...loop, lateLoopFailure].flatMap(taskEvents).length);
  });
});
