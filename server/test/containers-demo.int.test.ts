import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { silentProgress } from '../src/core/progress.ts';
import {
  containerLogsIndexTemplate,
  ecsEventsIndexTemplate,
  type StoredEcsEvent,
} from '../src/boards/containers/mapping.ts';
import { startupFailureClauses } from '../src/boards/containers/query.ts';
import { FAILURE_SCENARIOS, RECENT_FAILURE_AGO_MS } from '../src/boards/containers/demo/generate.ts';
import { containersHaveData, seedContainers } from '../src/boards/containers/demo/seed.ts';
import { testConfig, uniqueIndex } from './helpers.ts';

describe('containers demo data in the real Elasticsearch', () => {
  const eventsIndex = uniqueIndex('lookout-ecs-demo');
  const logsPrefix = uniqueIndex('lookout-clogs-demo');
  const logsPattern = `${logsPrefix}-*`;
  const config = testConfig({ ECS_EVENTS_INDEX: eventsIndex, CONTAINER_LOGS_INDEX: logsPattern });
  const now = new Date('2026-11-26T12:00:00Z');
  const options = { days: 1, scale: 0.25, seed: 3, now };
  const templates = [ecsEventsIndexTemplate(eventsIndex), containerLogsIndexTemplate(logsPattern)].map(
    (template) => ({ name: `${template.name}-${eventsIndex}`, body: { ...template.body, priority: 300 } }),
  );
  const startupWindowMs = config.containers.startupWindowMs;
  let client: Client;

  type Lookout = StoredEcsEvent['lookout'];

  /** One STOPPED event per failed task (ECS may repeat a state change; `collapse` keeps one). */
  async function storedFailures(): Promise<Lookout[]> {
    const response = await client.search<{ lookout: Lookout }>({
      index: eventsIndex,
      size: 1_000,
      query: { bool: { filter: startupFailureClauses(startupWindowMs) } },
      collapse: { field: 'lookout.taskArn' },
      sort: [{ '@timestamp': 'asc' }],
      _source: ['lookout'],
    });
    return response.hits.hits.map((hit) => hit._source!.lookout);
  }

  async function logCount(runtimeIds: string[]): Promise<number> {
    const { count } = await client.count({
      index: logsPattern,
      query: { terms: { container_id: runtimeIds } },
    });
    return count;
  }

  beforeAll(async () => {
    client = createEsClient(config.es);
    await installIndexTemplates(client, templates);
  });

  afterAll(async () => {
    // Wildcard deletes are refused (action.destructive_requires_name): name the daily indices.
    const logIndices = await client.indices.resolveIndex({ name: logsPattern });
    await client.indices.delete({
      index: [eventsIndex, ...logIndices.indices.map((index) => index.name)],
      ignore_unavailable: true,
    });
    await client.indices
      .deleteIndexTemplate({ name: templates.map((template) => template.name) })
      .catch(() => undefined);
    await client.close();
  });

  it('has no data before seeding, then stores every event and line once, even when seeded twice', async () => {
    expect(await containersHaveData(client, config)).toBe(false);
    const first = await seedContainers({ client, config, options, progress: silentProgress });
    expect(first.indexed).toBeGreaterThan(10_000);
    expect(first).toMatchObject({ alreadyPresent: 0, rejected: 0 });
    expect(await containersHaveData(client, config)).toBe(true);

    const second = await seedContainers({ client, config, options, progress: silentProgress });
    expect(second).toMatchObject({ indexed: 0, alreadyPresent: first.indexed, rejected: 0 });
    const events = (await client.count({ index: eventsIndex })).count;
    const lines = (await client.count({ index: logsPattern })).count;
    expect(events + lines).toBe(first.indexed);
    const indices = await client.cat.indices({ index: logsPattern, h: 'index', format: 'json' });
    expect(indices.map((entry) => entry.index).sort()).toEqual([
      `${logsPrefix}-2026.11.25`,
      `${logsPrefix}-2026.11.26`,
    ]);
  });

  it('says there is data when only container logs exist (a platform fluentd writes them)', async () => {
    const logsOnly = testConfig({
      ECS_EVENTS_INDEX: `${eventsIndex}-none`,
      CONTAINER_LOGS_INDEX: logsPattern,
    });
    expect(await containersHaveData(client, logsOnly)).toBe(true);
  });

  it('stores the failing scenarios with the reasons the board shows, and no healthy service among them', async () => {
    const failures = await storedFailures();
    const reasonsByService = new Map<string, Set<string>>();
    for (const failure of failures) {
      const reasons = reasonsByService.get(failure.service) ?? new Set<string>();
      reasons.add(failure.failureReason!);
      reasonsByService.set(failure.service, reasons);
    }
    const expected = new Map<string, Set<string>>();
    for (const info of FAILURE_SCENARIOS) {
      expected.set(info.service, new Set([...(expected.get(info.service) ?? []), info.reasonClass]));
    }
    expect(reasonsByService).toEqual(expected);

    const newest = Math.max(...failures.map((failure) => Date.parse(failure.stoppedAt!)));
    expect(now.getTime() - newest).toBeLessThan(RECENT_FAILURE_AGO_MS);
    const loop = failures.filter((failure) => failure.service === 'inventory-sync');
    expect(loop.length).toBeGreaterThanOrEqual(30);

    // Deployments stop healthy tasks with exit 143 every few hours: stored, but not failures.
    const onPurpose = await client.count({
      index: eventsIndex,
      query: {
        bool: {
          filter: [
            { term: { 'lookout.lastStatus': 'STOPPED' } },
            { term: { 'lookout.stopCode': 'ServiceSchedulerInitiated' } },
            { term: { 'lookout.containers.exitCode': 143 } },
          ],
          must_not: [{ exists: { field: 'lookout.failureReason' } }],
        },
      },
    });
    expect(onPurpose.count).toBeGreaterThan(10);
  });

  it('has logs joined by runtimeId for EC2 failures, none for Fargate or image pull errors', async () => {
    const failures = await storedFailures();
    const fargate = failures.filter((failure) => failure.launchType === 'FARGATE');
    const pull = failures.filter((failure) => failure.failureReason === 'image-pull');
    expect(fargate.length).toBeGreaterThan(0);
    expect(pull.length).toBeGreaterThan(0);
    for (const failure of [...fargate, ...pull]) {
      expect(failure.runtimeIds).toEqual([]);
      expect(failure.startedAt).toBeUndefined();
    }
    const ec2 = failures.filter((failure) => failure.runtimeIds.length > 0);
    expect(ec2.length).toBeGreaterThan(30);
    for (const failure of ec2) {
      expect(await logCount(failure.runtimeIds), failure.taskId).toBeGreaterThan(2);
    }
  });

  it('keeps the line over 16 KB as three Docker partial messages with string fields', async () => {
    const response = await client.search<Record<string, string>>({
      index: logsPattern,
      query: { term: { partial_message: 'true' } },
      sort: [{ partial_ordinal: 'asc' }],
    });
    const parts = response.hits.hits.map((hit) => hit._source!);
    expect(parts.map((part) => [part.partial_ordinal, part.partial_last])).toEqual([
      ['1', 'false'],
      ['2', 'false'],
      ['3', 'true'],
    ]);
    expect(new Set(parts.map((part) => part.partial_id)).size).toBe(1);
    expect(parts[0]!.log).toMatch(/^Exception in thread "main" java\.lang\.IllegalArgumentException/);
    expect(parts.map((part) => part.log).join('').length).toBeGreaterThan(40_000);
  });
});
