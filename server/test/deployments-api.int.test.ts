import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { STATE_INDEX } from '../src/es/state-index.ts';
import { writeDocuments } from '../src/es/bulk-writer.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { deploymentsIndexTemplate } from '../src/boards/deployments/mapping.ts';
import { createDeploymentsBoard } from '../src/boards/deployments/board.ts';
import { loadRules, parseRules } from '../src/boards/deployments/rules.ts';
import { toStoredDeployment } from '../src/boards/deployments/ingest/route-message.ts';
import { reclassify } from '../src/boards/deployments/ingest/reclassify.ts';
import { GOLDEN_CASES, GOLDEN_CONTEXT } from '../src/boards/deployments/__fixtures__/cases.ts';
import { handCountedEvents, RANGE } from './deployments-records.ts';
import { checkLiveGolden } from './golden-harness.ts';
import { testApp, testConfig, uniqueIndex } from './helpers.ts';

const fixturesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../src/boards/deployments/__fixtures__',
);
const range = `from=${RANGE.from}&to=${RANGE.to}`;
const HOUR = 3_600_000;

describe('deployment KPI endpoints over hand-counted events in the real Elasticsearch', () => {
  const index = uniqueIndex('lookout-deployments-api');
  const templateName = `lookout-deployments-${index}`;
  let client: Client;
  let app: FastifyInstance;

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/deployments${url}` });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    const template = deploymentsIndexTemplate(index);
    await installIndexTemplates(client, [{ name: templateName, body: { ...template.body, priority: 300 } }]);
    const rules = loadRules();
    const now = new Date('2026-11-23T12:00:00Z');
    const documents = handCountedEvents().map((event) => ({
      index,
      id: `sns-${event.eventId}`,
      document: toStoredDeployment(
        event,
        { messageId: `sns-${event.eventId}`, topicArn: 'arn:test', timestamp: now.toISOString() },
        rules,
        now,
      ),
    }));
    const result = await writeDocuments(client, documents, { refresh: true });
    expect(result).toEqual({ indexed: 12, alreadyPresent: 0, rejected: [] });
    app = await testApp({ DEPLOYMENTS_INDEX: index }, { boards: [createDeploymentsBoard()] });
  });

  afterAll(async () => {
    await app?.close();
    await client?.indices.delete({ index, ignore_unavailable: true });
    await client?.indices.deleteIndexTemplate({ name: templateName }).catch(() => undefined);
    await client?.close();
  });

  it('counts finished deploys and releases, outcomes, causes and the DORA change failure rate', async () => {
    const { status, body } = await get(`/kpis?${range}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      deployments: 9,
      releases: 1,
      succeeded: 5,
      failed: 5,
      successRate: 0.5,
      // production deploys d1–d4, e1–e3: d2, d3, e1, e3 failed
      changeFailureRate: 4 / 7,
      failuresByCause: { user: 3, platform: 1, unknown: 1 },
      // one platform failure is no incident
      platformIncidents: [],
    });
    // The ten durations' median lies between 500 s and 600 s; the HDR percentiles the board asks
    // every engine for answer the nearest rank, 500 s, to 3 significant digits.
    const { p50 } = body.durationMs as { p50: number };
    expect(Math.abs(p50 - 500_000) / 500_000).toBeLessThan(0.001);
  });

  it('measures time to restore from the first failure to the next success, per production service', async () => {
    const { body } = await get(`/kpis?${range}`);
    // checkout 12:00 → 13:00 (1 h), search 09:00 → 09:20 (20 min); e3 is not restored yet
    expect(body.timeToRestoreMs).toEqual({ p50: (HOUR + HOUR / 3) / 2, restores: 2, unrestored: 1 });
  });

  it('draws one bar per UTC day with failures by cause', async () => {
    const { body } = await get(`/kpis?${range}`);
    expect(body.perDay).toEqual([
      { day: '2026-11-20', deployments: 5, failed: 2, user: 1, platform: 1, unknown: 0 },
      { day: '2026-11-21', deployments: 2, failed: 1, user: 0, platform: 0, unknown: 1 },
      { day: '2026-11-22', deployments: 3, failed: 2, user: 2, platform: 0, unknown: 0 },
    ]);
  });

  it('narrows by environment, service and platform component', async () => {
    const staging = (await get(`/kpis?${range}&environment=staging`)).body;
    expect(staging).toMatchObject({
      deployments: 2,
      failed: 1,
      changeFailureRate: null,
      timeToRestoreMs: { p50: null, restores: 0, unrestored: 0 },
    });
    expect((await get(`/kpis?${range}&service=search`)).body).toMatchObject({ deployments: 3, failed: 2 });
    expect((await get(`/kpis?${range}&platform=node`)).body).toMatchObject({ deployments: 2, succeeded: 1 });
    expect((await get(`/kpis?${range}&platform=windows`)).status).toBe(400);
  });

  it('lists failures newest first with the deciding rule, paged', async () => {
    const first = await get(`/failures?${range}&size=2`);
    expect(first.body.total).toBe(5);
    const rows = first.body.failures as Array<Record<string, unknown>>;
    expect(rows.map((row) => row.eventId)).toEqual(['event-s1', 'event-e3']);
    expect(rows[0]).toMatchObject({
      service: 'checkout',
      environment: 'staging',
      stage: 'build',
      cause: 'user',
      ruleId: 'user-build',
    });
    const second = await get(`/failures?${range}&size=2&cursor=${String(first.body.nextCursor)}`);
    expect((second.body.failures as Array<{ eventId: string }>).map((row) => row.eventId)).toEqual([
      'event-e1',
      'event-d3',
    ]);
    expect((second.body.failures as Array<{ ruleId: string | null }>)[0]?.ruleId).toBeNull();
    const third = await get(`/failures?${range}&size=2&cursor=${String(second.body.nextCursor)}`);
    expect(third.body).toMatchObject({ failures: [{ eventId: 'event-d2' }], nextCursor: null });
    expect((await get(`/failures?${range}&cause=user`)).body.total).toBe(3);
    expect((await get(`/failures?${range}&cursor=nonsense`)).body.message).toContain('cursor');
  });

  it('refuses a cursor it did not hand out with 400 before any search (issue #17 row 4)', async () => {
    const forged = (sort: string) => Buffer.from(sort).toString('base64url');
    for (const cursor of [
      forged('[1e400,"x"]'),
      forged('[9223372036854775808,"x"]'),
      `${forged('[1,"x"]')}.AAAAAAAAAAAAAAAAAAAAAA`,
    ]) {
      const answer = await get(`/failures?${range}&cursor=${cursor}`);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe('querystring/cursor is not a cursor this endpoint returned');
    }
    // Another BFF instance (no CURSOR_SECRET: the key kept in Elasticsearch) takes this one's cursor.
    const first = await get(`/failures?${range}&size=2`);
    const other = await testApp({ DEPLOYMENTS_INDEX: index }, { boards: [createDeploymentsBoard()] });
    try {
      const second = await other.inject(
        `/api/deployments/failures?${range}&size=2&cursor=${String(first.body.nextCursor)}`,
      );
      expect(second.statusCode).toBe(200);
      expect(second.json().failures[0].eventId).toBe('event-e1');
    } finally {
      await other.close();
    }
    // The key's index has its own settings, not a first write's defaults (one replica: yellow).
    const settings = await client.indices.getSettings({ index: STATE_INDEX });
    expect(Object.values(settings)[0]?.settings?.index?.auto_expand_replicas).toBe('0-1');
    const mapping = await client.indices.getMapping({ index: STATE_INDEX });
    expect(String(Object.values(mapping)[0]?.mappings.dynamic)).toBe('strict');
  });

  it('lists services with most failures first, last deploy and time since last success', async () => {
    const { body } = await get(`/services?${range}`);
    expect(body.services).toEqual([
      {
        service: 'checkout',
        deployments: 7,
        failed: 3,
        failureRate: 3 / 7,
        failuresByCause: { user: 2, platform: 1, unknown: 0 },
        lastDeployAt: '2026-11-22T11:00:00.000Z',
        lastSuccessAt: '2026-11-22T11:00:00.000Z',
        msSinceLastSuccess: 13 * HOUR,
      },
      {
        service: 'search',
        deployments: 3,
        failed: 2,
        failureRate: 2 / 3,
        failuresByCause: { user: 1, platform: 0, unknown: 1 },
        lastDeployAt: '2026-11-22T08:00:00.000Z',
        lastSuccessAt: '2026-11-21T09:20:00.000Z',
        msSinceLastSuccess: 38 * HOUR + 40 * 60_000,
      },
    ]);
  });

  it('counts failures per stage by cause, and lists the failures of a stage', async () => {
    const { status, body } = await get(`/stages?${range}`);
    expect(status).toBe(200);
    // one failure in each stage: most first, then by name
    expect(body).toEqual({
      stages: [
        { stage: 'build', failed: 1, failuresByCause: { user: 1, platform: 0, unknown: 0 } },
        { stage: 'health_check', failed: 1, failuresByCause: { user: 1, platform: 0, unknown: 0 } },
        { stage: 'mystery', failed: 1, failuresByCause: { user: 0, platform: 0, unknown: 1 } },
        { stage: 'pull_image', failed: 1, failuresByCause: { user: 0, platform: 1, unknown: 0 } },
        { stage: 'test', failed: 1, failuresByCause: { user: 1, platform: 0, unknown: 0 } },
      ],
      withoutStage: 0,
    });
    expect((await get(`/stages?${range}&service=checkout&environment=production`)).body.stages).toEqual([
      { stage: 'pull_image', failed: 1, failuresByCause: { user: 0, platform: 1, unknown: 0 } },
      { stage: 'test', failed: 1, failuresByCause: { user: 1, platform: 0, unknown: 0 } },
    ]);
    const pullImage = await get(`/failures?${range}&stage=pull_image&stage=build`);
    expect((pullImage.body.failures as Array<{ eventId: string }>).map((row) => row.eventId)).toEqual([
      'event-s1',
      'event-d3',
    ]);
    expect((await get(`/stages?${range}&size=0`)).body.message).toContain('size');
  });

  it('answers zeros, not errors, when the index does not exist yet', async () => {
    const empty = await testApp(
      { DEPLOYMENTS_INDEX: `${index}-missing` },
      { boards: [createDeploymentsBoard()] },
    );
    const response = await empty.inject({ method: 'GET', url: `/api/deployments/kpis?${range}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      deployments: 0,
      successRate: null,
      perDay: [],
      timeToRestoreMs: { p50: null, restores: 0, unrestored: 0 },
    });
    const stages = await empty.inject({ method: 'GET', url: `/api/deployments/stages?${range}` });
    expect(stages.json()).toEqual({ stages: [], withoutStage: 0 });
    await empty.close();
  });

  describe('golden fixtures', () => {
    it.each(GOLDEN_CASES)('$name: the live response shapes into the reviewed answer', async (golden) => {
      const response = await client.search({ ...golden.request, index });
      await checkLiveGolden(fixturesDir, golden, response, { [index]: GOLDEN_CONTEXT.index });
    });
  });

  it('re-applies changed rules to stored failures (reclassify)', async () => {
    const rules = parseRules({
      rules: [
        {
          id: 'mystery-is-platform',
          description: 'the mystery stage is ours',
          cause: 'platform',
          match: { stage: '^mystery$' },
        },
        ...loadRules().map((rule) => ({
          id: rule.id,
          description: rule.description,
          cause: rule.cause,
          match: Object.fromEntries(
            Object.entries(rule.match).map(([field, pattern]) => [field, pattern.source]),
          ),
        })),
      ],
    });
    const report = await reclassify(client, testConfig({ DEPLOYMENTS_INDEX: index }), rules);
    expect(report).toMatchObject({ examined: 5, changed: 1 });
    const { body } = await get(`/failures?${range}&service=search`);
    expect(
      (body.failures as Array<Record<string, unknown>>).find((row) => row.eventId === 'event-e1'),
    ).toMatchObject({
      cause: 'platform',
      ruleId: 'mystery-is-platform',
    });
  });
});
