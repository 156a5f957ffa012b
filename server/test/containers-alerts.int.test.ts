import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { startTcpProxy } from './tcp-proxy.ts';
import { createSearcher } from '../src/es/search.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { containersBoard } from '../src/boards/containers/board.ts';
import { alertsIndexTemplate, ecsEventsIndexTemplate } from '../src/boards/containers/mapping.ts';
import { asJsonItems, ingestEcsEvents } from '../src/boards/containers/ingest/ingest-events.ts';
import { createAlertWatcher } from '../src/boards/containers/alerts/watcher.ts';
import type { AlertsResponse } from '../src/boards/containers/schema.ts';
import type { Config } from '../src/core/config.ts';
import { testApp, testConfig, uniqueIndex } from './helpers.ts';
import { taskArn, taskEvents, type TaskSpec } from './containers-fixtures.ts';

/** A webhook receiver that records what it got and answers with `status` (or is closed). */
async function startReceiver() {
  const received: Record<string, unknown>[] = [];
  let status = 200;
  const server: Server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (status === 200) received.push(JSON.parse(body) as Record<string, unknown>);
      response.writeHead(status).end(status === 200 ? 'ok' : 'receiver unavailable');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/lookout`,
    received,
    answerWith: (code: number) => (status = code),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const MINUTE = 60_000;
let sequence = 0;
function failureSpec(service: string, stoppedAgoMs: number): TaskSpec {
  sequence += 1;
  const stoppedAtMs = Date.now() - stoppedAgoMs;
  return {
    name: `alert-${service}-${sequence}-${Date.now()}`,
    service,
    createdAtMs: stoppedAtMs - 30_000,
    startedAtMs: stoppedAtMs - 20_000,
    stoppedAtMs,
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    containers: [{ name: 'app', image: `${service}:1`, exitCode: 137 }],
  };
}

describe('container alert watcher against the real engine and a local receiver', () => {
  const eventsIndex = uniqueIndex('test-alert-ecs');
  const alertsIndex = uniqueIndex('test-alerts');
  let client: Client;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let config: Config;
  const log = Fastify({ logger: false }).log;

  const watcher = (now: () => number = Date.now, overrides: Partial<Config['containers']['alerts']> = {}) =>
    createAlertWatcher({
      reads: {
        client,
        search: createSearcher(client, config.limits),
        config: { ...config.containers, alerts: { ...config.containers.alerts, ...overrides } },
      },
      writer: client,
      log,
      now,
      fetchTimeoutMs: 2_000,
    });
  const addFailure = async (spec: TaskSpec) => {
    await ingestEcsEvents(client, eventsIndex, asJsonItems(taskEvents(spec)), { refresh: true });
    return spec;
  };
  const alertDoc = async (spec: TaskSpec) =>
    (await client.get<Record<string, unknown>>({ index: alertsIndex, id: taskArn(spec) }))._source!;

  beforeAll(async () => {
    receiver = await startReceiver();
    config = testConfig({
      ECS_EVENTS_INDEX: eventsIndex,
      ALERTS_INDEX: alertsIndex,
      ALERT_WEBHOOK_URL: receiver.url,
      PUBLIC_URL: 'https://lookout.example.org',
      ALERT_LOOKBACK_MINUTES: '15',
    });
    client = createEsClient(config.es);
    const events = ecsEventsIndexTemplate(eventsIndex);
    const alerts = alertsIndexTemplate(alertsIndex);
    await installIndexTemplates(client, [
      { name: `${events.name}-${eventsIndex}`, body: { ...events.body, priority: 300 } },
      { name: `${alerts.name}-${alertsIndex}`, body: { ...alerts.body, priority: 300 } },
    ]);
  });

  beforeEach(async () => {
    receiver.answerWith(200);
    receiver.received.length = 0;
    // Each test starts with no failure and no claim.
    await client.indices.delete({ index: [eventsIndex, alertsIndex], ignore_unavailable: true });
  });

  afterAll(async () => {
    await receiver?.close();
    await client?.indices.delete({ index: [eventsIndex, alertsIndex], ignore_unavailable: true });
    for (const name of [`lookout-ecs-events-${eventsIndex}`, `lookout-container-alerts-${alertsIndex}`]) {
      await client?.indices.deleteIndexTemplate({ name }).catch(() => undefined);
    }
    await client?.close();
  });

  it('posts one Slack message per new failure with the absolute deep link; older than the lookback: none', async () => {
    const first = await addFailure(failureSpec('checkout-api', 2 * MINUTE));
    const second = await addFailure(failureSpec('billing', 4 * MINUTE));
    await addFailure(failureSpec('ancient', 40 * MINUTE));
    const report = await watcher().tick();
    expect(report).toEqual({ claimed: 2, delivered: 2, failed: 0 });
    expect(receiver.received).toHaveLength(2);
    const texts = receiver.received.map((message) => String(message.text));
    const taskId = taskArn(first).split('/').at(-1);
    const mine = texts.find((text) => text.includes('checkout-api'))!;
    expect(mine).toContain('exit 137 — killed (SIGKILL): out of memory or did not stop in time');
    expect(mine).toMatch(
      new RegExp(`https://lookout\\.example\\.org/containers/failures/${taskId}\\?from=\\S+Z&to=\\S+Z`),
    );
    expect(JSON.stringify(receiver.received)).not.toContain('ancient');
    expect(receiver.received[0]!.blocks).toBeInstanceOf(Array);
    expect(await alertDoc(second)).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });
  });

  it('restart: a new watcher (another instance) sends nothing twice', async () => {
    await addFailure(failureSpec('checkout-api', MINUTE));
    await watcher().tick();
    expect(receiver.received).toHaveLength(1);
    expect(await watcher().tick()).toEqual({ claimed: 0, delivered: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it('two watchers at once: one message per failure', async () => {
    for (const service of ['a', 'b', 'c', 'd']) await addFailure(failureSpec(`svc-${service}`, MINUTE));
    const [one, two] = await Promise.all([watcher().tick(), watcher().tick()]);
    expect(one.claimed + two.claimed).toBe(4);
    expect(receiver.received).toHaveLength(4);
    const services = receiver.received.map((message) => String(message.text).match(/: (svc-\w)/)?.[1]).sort();
    expect(services).toEqual(['svc-a', 'svc-b', 'svc-c', 'svc-d']);
  });

  it('receiver down: the failure is recorded, retried after the backoff and delivered once', async () => {
    const spec = await addFailure(failureSpec('payments', MINUTE));
    receiver.answerWith(503);
    expect(await watcher().tick()).toEqual({ claimed: 1, delivered: 0, failed: 1 });
    expect(await alertDoc(spec)).toMatchObject({
      status: 'retrying',
      attempts: 1,
      lastError: 'webhook answered 503: receiver unavailable',
    });
    receiver.answerWith(200);
    // Before the backoff (5 s) nothing is due.
    expect((await watcher().tick()).delivered).toBe(0);
    const later = () => Date.now() + 6_000;
    expect(await watcher(later).tick()).toMatchObject({ delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    expect(await alertDoc(spec)).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('engine down during a round: the round fails, the next one after recovery sends exactly once', async () => {
    const target = new URL(config.es.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const proxied = createEsClient({ ...config.es, url: proxy.url });
    try {
      await addFailure(failureSpec('ledger', MINUTE));
      const through = createAlertWatcher({
        reads: { client: proxied, search: createSearcher(proxied, config.limits), config: config.containers },
        writer: proxied,
        log,
        fetchTimeoutMs: 2_000,
      });
      await proxy.setMode('refuse');
      await expect(through.tick()).rejects.toThrow();
      expect(receiver.received).toHaveLength(0);
      await proxy.setMode('forward');
      expect(await through.tick()).toEqual({ claimed: 1, delivered: 1, failed: 0 });
      expect(await through.tick()).toEqual({ claimed: 0, delivered: 0, failed: 0 });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await proxied.close();
      await proxy.close();
    }
  });

  it('generic JSON format carries the fields by name', async () => {
    await addFailure(failureSpec('search', MINUTE));
    await watcher(Date.now, { format: 'generic' }).tick();
    expect(receiver.received[0]).toMatchObject({
      kind: 'container-startup-failure',
      service: 'search',
      exitCode: 137,
      reasonClass: 'out-of-memory',
      link: expect.stringMatching(/^https:\/\/lookout\.example\.org\/containers\/failures\//),
    });
  });

  it('runs inside the app on ALERT_INTERVAL and the board lists the sent alerts', async () => {
    await addFailure(failureSpec('inventory', MINUTE));
    let app: FastifyInstance | undefined;
    try {
      app = await testApp(
        {
          ECS_EVENTS_INDEX: eventsIndex,
          ALERTS_INDEX: alertsIndex,
          ALERT_WEBHOOK_URL: receiver.url,
          ALERT_INTERVAL: '1',
          PUBLIC_URL: 'https://lookout.example.org',
        },
        { boards: [containersBoard] },
      );
      // The receiver has the message before the watcher records the delivery: wait for both.
      let listed: AlertsResponse = { enabled: false, alerts: [] };
      for (let waited = 0; waited < 15_000; waited += 250) {
        const answer = await app.inject({ url: '/api/containers/alerts?from=now-1h' });
        expect(answer.statusCode, answer.body).toBe(200);
        listed = answer.json() as AlertsResponse;
        if (listed.alerts[0]?.status === 'delivered') break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(receiver.received).toHaveLength(1);
      expect(listed.enabled).toBe(true);
      expect(listed.alerts).toMatchObject([{ service: 'inventory', status: 'delivered', attempts: 1 }]);
    } finally {
      await app?.close();
    }
  });
});
