import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { daysUntil } from '../src/boards/cluster/forecast.ts';
import { GOLDEN_CASES, GOLDEN_FAMILY } from '../src/boards/cluster/__fixtures__/cases.ts';
import type { FamiliesResponse, ForecastResponse, HealthResponse } from '../src/boards/cluster/schema.ts';
import { checkLiveGolden } from './golden-harness.ts';
import { testApp } from './helpers.ts';

/**
 * The cluster board's figures against what the engine's own APIs say, on indices this test
 * creates: daily indices of a family with known documents per day, sizes from `_cat/indices`,
 * the newest document, and the forecast arithmetic on those numbers.
 */

const DAY_MS = 86_400_000;
const run = `${process.pid}-${Date.now().toString(36)}`;
const prefix = `tapi-${run}-`;
const fixtures = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../src/boards/cluster/__fixtures__',
);
const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const dotted = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '.');
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('cluster board endpoints against the real engine', () => {
  let client: Client;
  let app: FastifyInstance;
  /** Documents per day: 2 days ago 5, yesterday 3, today 2 (the newest 10 minutes ago). */
  const newestMs = Math.floor((Date.now() - 10 * 60_000) / 1000) * 1000;
  const perDay: Array<[number, number[]]> = [
    [today - 2 * DAY_MS, [1, 2, 3, 4, 5].map((h) => today - 2 * DAY_MS + h * 3_600_000)],
    [today - DAY_MS, [1, 2, 3].map((h) => today - DAY_MS + h * 3_600_000)],
    [today, [Math.max(today, newestMs - 60_000), newestMs]],
  ];
  const goldenIndex = `tapi-golden-${run}`;

  async function indexDay(index: string, times: number[]): Promise<void> {
    await client.indices.create({
      index,
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: { properties: { '@timestamp': { type: 'date' } } },
    });
    await client.bulk({
      refresh: true,
      operations: times.flatMap((ms) => [
        { index: { _index: index } },
        { '@timestamp': new Date(ms).toISOString() },
      ]),
    });
  }

  beforeAll(async () => {
    app = await testApp({
      CLUSTER_EXTRA_FAMILIES: `tapi=${prefix}*`,
      RETENTION_POLICIES: 'tapi=2d',
      FRESHNESS_THRESHOLDS: 'tapi=5m',
    });
    client = createEsClient(app.config.es);
    for (const [day, times] of perDay) await indexDay(`${prefix}${dotted(day)}`, times);
    await indexDay(
      goldenIndex,
      GOLDEN_FAMILY.documents.map((time) => Date.parse(time)),
    );
  });

  afterAll(async () => {
    const names = (await client.cat.indices({ index: `tapi-*${run}*`, format: 'json', h: ['index'] })).map(
      (r) => r.index!,
    );
    if (names.length > 0) await client.indices.delete({ index: names });
    await app?.close();
    await client?.close();
  });

  it('family figures equal _cat/indices and the documents written', async () => {
    const response = await app.inject('/api/cluster/families');
    expect(response.statusCode).toBe(200);
    const family = response.json<FamiliesResponse>().families.find((f) => f.name === 'tapi')!;
    const cat = await client.cat.indices({
      index: `${prefix}*`,
      format: 'json',
      bytes: 'b',
      h: ['index', 'store.size', 'pri.store.size', 'pri', 'docs.count'],
    });
    const sum = (field: 'store.size' | 'pri.store.size' | 'pri' | 'docs.count') =>
      cat.reduce((total, row) => total + Number(row[field]), 0);
    expect(family).toMatchObject({
      indexCount: 3,
      docs: 10,
      totalBytes: sum('store.size'),
      primaryBytes: sum('pri.store.size'),
      primaryShards: 3,
      averageShardBytes: Math.round(sum('pri.store.size') / 3),
      shardSize: 'small',
      daily: true,
      newest: new Date(newestMs).toISOString(),
      docsLastHour: 2,
      retention: { days: 2 },
      freshnessThresholdMs: 300_000,
      stale: true,
      link: '/cluster',
    });
    expect(family.days).toHaveLength(14);
    const byDay = new Map(family.days.map((day) => [day.day, day]));
    for (const [day, times] of perDay) {
      const row = cat.find((r) => r.index === `${prefix}${dotted(day)}`)!;
      expect(byDay.get(iso(day))).toEqual({
        day: iso(day),
        docs: times.length,
        bytes: Number(row['store.size']),
      });
    }
    expect(byDay.get(iso(today - 3 * DAY_MS))).toEqual({ day: iso(today - 3 * DAY_MS), docs: 0, bytes: 0 });
  });

  it('the forecast is the piecewise arithmetic on those figures and the cluster’s own disk', async () => {
    const [forecast, families] = await Promise.all([
      app.inject('/api/cluster/forecast').then((r) => r.json<ForecastResponse>()),
      app.inject('/api/cluster/families').then((r) => r.json<FamiliesResponse>()),
    ]);
    const allocation = await client.cat.allocation({ format: 'json', bytes: 'b' });
    const disks = allocation.filter((row) => row['disk.total'] != null);
    expect(forecast.totalBytes).toBe(disks.reduce((sum, row) => sum + Number(row['disk.total']), 0));
    const mine = forecast.families.find((f) => f.name === 'tapi')!;
    const days = families.families
      .find((f) => f.name === 'tapi')!
      .days.filter((d) => d.day < iso(today))
      .slice(-7);
    expect(mine.dailyBytes).toBe(Math.round(days.reduce((sum, d) => sum + d.bytes, 0) / 7));
    expect(mine.steadyBytes).toBe(mine.dailyBytes * 2);
    const familyBytes = forecast.families.reduce((sum, f) => sum + f.currentBytes, 0);
    const other = Math.max(0, forecast.usedBytes - familyBytes);
    for (const watermark of forecast.watermarks) {
      const expected = daysUntil(watermark.thresholdBytes, other, forecast.families);
      expect(watermark.daysUntil).toBe(expected === null ? null : Math.round(expected * 10) / 10);
    }
  });

  it('health matches the engine’s own health and allocation', async () => {
    const health = (await app.inject('/api/cluster/health')).json<HealthResponse>();
    const engine = await client.cluster.health();
    expect(health.status).toBe(engine.status.toLowerCase());
    expect(health.nodes.map((node) => node.name).sort()).toEqual(
      (await client.cat.allocation({ format: 'json' }))
        .filter((r) => r['disk.total'] != null)
        .map((r) => r.node)
        .sort(),
    );
    expect(health.watermarks.map((w) => w.name)).toEqual(['low', 'high', 'flood_stage']);
  });

  it('an unassigned replica is listed with the engine’s own explanation', async () => {
    const index = `tapi-replica-${run}`;
    await client.indices.create({ index, settings: { number_of_shards: 1, number_of_replicas: 1 } });
    const explain = await client.cluster.allocationExplain({ index, shard: 0, primary: false });
    // Engine answers are shared for 3 s (the burst memo): the earlier tests' health may still be served.
    const listed = async () => {
      const health = (await app.inject('/api/cluster/health')).json<HealthResponse>();
      return { status: health.status, shard: health.unassigned.find((s) => s.index === index) };
    };
    await expect.poll(async () => (await listed()).shard, { timeout: 10_000, interval: 500 }).toBeDefined();
    const { status, shard } = await listed();
    expect(status).not.toBe('green');
    expect(shard).toMatchObject({ shard: 0, primary: false, reason: 'INDEX_CREATED' });
    expect(shard!.explanation.startsWith(explain.allocate_explanation!)).toBe(true);
    await client.indices.delete({ index });
  });

  it('golden: the family volume search shapes the live answer into the reviewed one', async () => {
    for (const golden of GOLDEN_CASES) {
      const request = golden.request as { index: string };
      const response = await client.search({ ...request, index: goldenIndex } as never);
      await checkLiveGolden(fixtures, golden, response, { [goldenIndex]: GOLDEN_FAMILY.pattern });
    }
  });
});
