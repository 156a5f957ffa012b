import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import Fastify from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { createSearcher } from '../src/es/search.ts';
import { createBurstMemo } from '../src/es/burst-memo.ts';
import { createClusterAlertWatcher } from '../src/boards/cluster/alerts/watcher.ts';
import type { Config } from '../src/core/config.ts';
import { clusterConfigOf } from '../src/boards/cluster/config.ts';
import { testConfig } from './helpers.ts';

/** A webhook receiver that records every message it gets. */
async function startReceiver() {
  const received: Record<string, unknown>[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body) as Record<string, unknown>);
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/lookout`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const MINUTE = 60_000;
const run = `${process.pid}-${Date.now().toString(36)}`;
const feedIndex = `tfeed-${run}`;
const stateIndex = `tfeed-state-${run}`;

describe('cluster alerts: a feed that stops and resumes, through a local receiver', () => {
  let client: Client;
  let config: Config;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const log = Fastify({ logger: false }).log;
  /** The clock the watchers see; the feed "stops" by the clock moving past its threshold. */
  let clock = Date.now();

  const watcher = (instanceId: string) =>
    createClusterAlertWatcher({
      reads: {
        client,
        search: createSearcher(client, config.limits),
        memo: createBurstMemo(0),
        config: clusterConfigOf(config),
      },
      writer: client,
      instanceId,
      log,
      now: () => clock,
      fetchTimeoutMs: 2_000,
    });
  const write = async (atMs: number) =>
    client.index({
      index: feedIndex,
      document: { '@timestamp': new Date(atMs).toISOString() },
      refresh: true,
    });
  /** Only this test's feed: the shared engine may hold other data with its own conditions. */
  const mine = () => receiver.received.filter((message) => String(message.condition) === 'feed-stale:tfeed');

  beforeAll(async () => {
    receiver = await startReceiver();
    config = testConfig({
      CLUSTER_EXTRA_FAMILIES: `tfeed=${feedIndex}`,
      FRESHNESS_THRESHOLDS: 'cloudtrail=off,container-logs=off,tfeed=30m',
      CLUSTER_STATE_INDEX: stateIndex,
      ALERT_WEBHOOK_URL: receiver.url,
      ALERT_FORMAT: 'generic',
      PUBLIC_URL: 'https://lookout.example.org',
    });
    client = createEsClient(config.es);
    await client.indices.create({
      index: feedIndex,
      settings: { number_of_shards: 1, number_of_replicas: 0 },
    });
  });

  afterAll(async () => {
    await receiver?.close();
    await client?.indices.delete({ index: [feedIndex, stateIndex], ignore_unavailable: true });
    await client?.close();
  });

  it('says nothing while the feed arrives, one alert with a deep link when it stops, one "resolved" when it resumes', async () => {
    const lastWrite = Date.now();
    await write(lastWrite);
    await watcher('a').tick();
    expect(mine()).toEqual([]);

    // 31 minutes without a document; two instances run the round at once.
    clock = lastWrite + 31 * MINUTE;
    await Promise.all([watcher('a').tick(), watcher('b').tick()]);
    expect(mine()).toHaveLength(1);
    const [alert] = mine();
    expect(alert).toMatchObject({
      kind: 'cluster-condition',
      state: 'firing',
      title: 'No tfeed documents for 31 min',
    });
    const minute = (ms: number) => new Date(Math.floor(ms / MINUTE) * MINUTE).toISOString();
    expect(alert!.link).toBe(
      `https://lookout.example.org/cluster?from=${minute(lastWrite - 60 * MINUTE)}&to=${minute(clock + MINUTE)}`,
    );

    // Still stopped: no second message in later rounds.
    clock += 5 * MINUTE;
    await watcher('b').tick();
    expect(mine()).toHaveLength(1);

    // The feed resumes.
    await write(clock - MINUTE);
    await Promise.all([watcher('a').tick(), watcher('b').tick()]);
    expect(mine()).toHaveLength(2);
    expect(mine()[1]).toMatchObject({ state: 'resolved', title: 'No tfeed documents for 31 min' });

    await watcher('a').tick();
    expect(mine()).toHaveLength(2);
  });
});
