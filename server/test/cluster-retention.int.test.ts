import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { applyRetention, freshPlan, listAudit } from '../src/boards/cluster/retention/apply.ts';
import { createRetentionSchedule } from '../src/boards/cluster/retention/schedule.ts';
import Fastify from 'fastify';
import type { RetentionResponse } from '../src/boards/cluster/schema.ts';
import { clusterConfigOf, type ClusterConfig } from '../src/boards/cluster/config.ts';
import { testApp, testConfig } from './helpers.ts';

/**
 * Retention against the real engine: daily indices of known dates (relative to today), a rollover
 * series without dates, an index of no family and a protected one; plan and apply must name and
 * delete exactly the expected ones, and concurrent appliers must delete nothing twice.
 */

const DAY_MS = 86_400_000;
const run = `${process.pid}-${Date.now().toString(36)}`;
const logsPrefix = `tret-logs-${run}-`;
const rolloverPrefix = `tret-roll-${run}-`;
const auditIndex = `tret-audit-${run}`;
const stateIndex = `tret-state-${run}`;
const strayIndex = `tret-stray-${run}-2020.01.01`;

const dotted = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '.');
const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
/** Days ago → index name; −1 is tomorrow. */
const logsIndex = (daysAgo: number) => `${logsPrefix}${dotted(today - daysAgo * DAY_MS)}`;

const env = {
  CLUSTER_EXTRA_FAMILIES: `tret-logs=${logsPrefix}*,tret-roll=${rolloverPrefix}*`,
  RETENTION_POLICIES: 'tret-logs=3d,tret-roll=1d',
  CLUSTER_AUDIT_INDEX: auditIndex,
  CLUSTER_STATE_INDEX: stateIndex,
};

describe('retention plan and apply against the real engine', () => {
  let client: Client;
  let cluster: ClusterConfig;
  let app: FastifyInstance;

  async function createIndex(index: string, docs = 3): Promise<void> {
    await client.indices.create({ index, settings: { number_of_shards: 1, number_of_replicas: 0 } });
    await client.bulk({
      refresh: true,
      operations: Array.from({ length: docs }, (_, i) => [
        { index: { _index: index } },
        { '@timestamp': Date.now(), n: i },
      ]).flat(),
    });
  }

  const existing = async (pattern: string) =>
    (await client.cat.indices({ index: pattern, format: 'json', h: ['index'] }))
      .map((row) => row.index!)
      .sort();
  /** The engine refuses wildcard deletes (action.destructive_requires_name): by name. */
  async function deleteMine(): Promise<void> {
    const names = await existing(`tret-*-${run}*`);
    if (names.length > 0) await client.indices.delete({ index: names });
  }

  beforeAll(async () => {
    const config = testConfig(env);
    cluster = clusterConfigOf(config);
    client = createEsClient(config.es);
    app = await testApp(env);
  });

  beforeEach(async () => {
    await deleteMine();
    // Days ago: 6, 5, 4, 3 are past the 3 days; 2, 1, 0 are kept; −1 (tomorrow) is never touched.
    for (const daysAgo of [6, 5, 4, 3, 2, 1, 0, -1]) await createIndex(logsIndex(daysAgo), daysAgo + 2);
    // Undated: by creation date (all created now, so none is old enough), and the newest is the write index.
    await createIndex(`${rolloverPrefix}000001`);
    await createIndex(`${rolloverPrefix}000002`);
    await createIndex(strayIndex);
  });

  afterAll(async () => {
    if (client) await deleteMine();
    await app?.close();
    await client?.close();
  });

  const expected = [6, 5, 4, 3].map(logsIndex);

  it('plans exactly the indices past their days, with sizes and reasons, over the API and the planner alike', async () => {
    const response = await app.inject('/api/cluster/retention');
    expect(response.statusCode).toBe(200);
    const plan = response.json<RetentionResponse>();
    const mine = plan.deletions.filter((deletion) => deletion.family.startsWith('tret-'));
    expect(mine.map((deletion) => deletion.index)).toEqual(expected);
    const stats = await client.cat.indices({
      index: logsIndex(6),
      format: 'json',
      bytes: 'b',
      h: ['store.size', 'docs.count'],
    });
    expect(mine[0]).toMatchObject({
      family: 'tret-logs',
      day: new Date(today - 6 * DAY_MS).toISOString().slice(0, 10),
      dayFrom: 'name',
      rule: 'age',
      bytes: Number(stats[0]!['store.size']),
      docs: 8,
      reason: `dated ${new Date(today - 6 * DAY_MS).toISOString().slice(0, 10)}, 6 days old; tret-logs keeps 3 days`,
    });
    const planned = (await freshPlan(client, cluster, Date.now())).deletions.map((d) => d.index);
    expect(planned.filter((index) => index.startsWith('tret-'))).toEqual(expected);
  });

  it('apply deletes exactly the planned indices and nothing else, and the audit lists each once', async () => {
    const report = await applyRetention(client, cluster, { by: 'cli:test@host' });
    expect(report.deleted.map((d) => d.index).filter((index) => index.startsWith('tret-'))).toEqual(expected);
    expect(await existing(`${logsPrefix}*`)).toEqual([2, 1, 0, -1].map(logsIndex).sort());
    expect(await existing(`${rolloverPrefix}*`)).toHaveLength(2);
    expect(await existing(strayIndex)).toEqual([strayIndex]);

    const audit = await listAudit(client, auditIndex, 100);
    expect(audit.map((record) => record.index).sort()).toEqual([...expected].sort());
    expect(audit.every((record) => record.status === 'deleted' && record.by === 'cli:test@host')).toBe(true);
    const api = await app.inject('/api/cluster/retention/audit');
    expect(api.json<{ records: unknown[] }>().records).toHaveLength(4);

    // Running again finds nothing of ours to delete.
    const again = await applyRetention(client, cluster, { by: 'cli:test@host' });
    expect(again.deleted.filter((d) => d.index.startsWith('tret-'))).toEqual([]);
  });

  it('two appliers at once: each index is deleted by exactly one, and audited once', async () => {
    const [one, two] = await Promise.all([
      applyRetention(client, cluster, { by: 'schedule:a' }),
      applyRetention(client, cluster, { by: 'schedule:b' }),
    ]);
    const deleted = [...one.deleted, ...two.deleted]
      .map((d) => d.index)
      .filter((index) => index.startsWith('tret-'));
    expect(deleted.sort()).toEqual([...expected].sort());
    expect([...one.failed, ...two.failed]).toEqual([]);
    const audit = await listAudit(client, auditIndex, 100);
    expect(audit.map((record) => record.index).sort()).toEqual([...expected].sort());
    expect(await existing(`${logsPrefix}*`)).toEqual([2, 1, 0, -1].map(logsIndex).sort());
  });

  it('scheduled runs: of three instances in the same slot exactly one applies', async () => {
    const slotNow = Date.now();
    const schedule = (instanceId: string) =>
      createRetentionSchedule({
        writer: client,
        config: { ...cluster, retentionIntervalMs: 60 * 60_000 },
        instanceId,
        log: Fastify({ logger: false }).log,
        now: () => slotNow,
      });
    const reports = await Promise.all(['a', 'b', 'c'].map((id) => schedule(id).runSlot()));
    const ran = reports.filter((report) => report !== null);
    expect(ran).toHaveLength(1);
    expect(ran[0]!.deleted.map((d) => d.index).filter((index) => index.startsWith('tret-'))).toEqual(
      expected,
    );
    const audit = await listAudit(client, auditIndex, 100);
    expect(new Set(audit.map((record) => record.by)).size).toBe(1);
    expect(audit[0]!.by).toMatch(/^schedule:[abc]$/);
  });
});
