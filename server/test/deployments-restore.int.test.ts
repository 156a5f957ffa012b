import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { writeDocuments } from '../src/es/bulk-writer.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { deploymentsIndexTemplate } from '../src/boards/deployments/mapping.ts';
import { createDeploymentsBoard } from '../src/boards/deployments/board.ts';
import { loadRules } from '../src/boards/deployments/rules.ts';
import { toStoredDeployment } from '../src/boards/deployments/ingest/route-message.ts';
import { timeToRestore } from '../src/boards/deployments/time-to-restore.ts';
import type { DeployEvent } from '../src/boards/deployments/schema.ts';
import { testApp, testConfig, uniqueIndex } from './helpers.ts';

const HOUR = 3_600_000;
const RANGE = { from: '2026-10-01T00:00:00Z', to: '2026-10-31T00:00:00Z' };
const fromMs = Date.parse(RANGE.from);
const toMs = Date.parse(RANGE.to);

type Row = Pick<DeployEvent, 'phase' | 'service'> & {
  at: string | number;
  kind?: DeployEvent['kind'];
  environment?: string;
};

/**
 * October 2026, 30 days, production unless said otherwise:
 *
 * busy: a success every 6 h from Oct 1 00:00 (120 of them, the last Oct 30 18:00); failed Oct 2
 *   01:00, rolled back 03:00, restored by the 06:00 success ⇒ 5 h. The 114 successes after it push
 *   that failure out of "the latest 100 deploys of the service".
 * quiet: succeeded Oct 10; failed Oct 30 22:00; next success Oct 31 00:30, after `to` ⇒ 2 h 30 min.
 * stuck: succeeded Oct 15 10:00, failed 12:00, never succeeded since ⇒ not restored yet.
 * Not counted: busy's staging failure Oct 3 (restored in 1 min) and a failed release of quiet
 *   Oct 20; stuck's failure of Sep 30, before `from` (its run began before the range).
 *
 * Time to restore: 5 h and 2 h 30 min ⇒ median 3 h 45 min, 2 restores, 1 not restored yet.
 */
function rows(): Row[] {
  const busy: Row[] = Array.from({ length: 120 }, (_, k) => ({
    phase: 'succeeded',
    service: 'busy',
    at: fromMs + k * 6 * HOUR,
  }));
  return [
    ...busy,
    { phase: 'failed', service: 'busy', at: '2026-10-02T01:00:00Z' },
    { phase: 'rolled_back', service: 'busy', at: '2026-10-02T03:00:00Z' },
    { phase: 'failed', service: 'busy', at: '2026-10-03T10:00:00Z', environment: 'staging' },
    { phase: 'succeeded', service: 'busy', at: '2026-10-03T10:01:00Z', environment: 'staging' },
    { phase: 'succeeded', service: 'quiet', at: '2026-10-10T09:00:00Z' },
    { phase: 'failed', service: 'quiet', at: '2026-10-20T09:00:00Z', kind: 'release' },
    { phase: 'failed', service: 'quiet', at: '2026-10-30T22:00:00Z' },
    { phase: 'succeeded', service: 'quiet', at: '2026-10-31T00:30:00Z' },
    { phase: 'failed', service: 'stuck', at: '2026-09-30T23:00:00Z' },
    { phase: 'succeeded', service: 'stuck', at: '2026-10-15T10:00:00Z' },
    { phase: 'failed', service: 'stuck', at: '2026-10-15T12:00:00Z' },
  ];
}

function toEvent(row: Row, i: number): DeployEvent {
  const finishedMs = typeof row.at === 'number' ? row.at : Date.parse(row.at);
  return {
    eventId: `restore-${i}`,
    kind: row.kind ?? 'deploy',
    phase: row.phase,
    service: row.service,
    environment: row.environment ?? 'production',
    version: `v${i}`,
    deploymentId: `dep-restore-${i}`,
    startedAt: new Date(finishedMs - 60_000).toISOString(),
    finishedAt: new Date(finishedMs).toISOString(),
    durationMs: 60_000,
    triggeredBy: 'ci-bot',
    platform: 'ruby',
    ...(row.phase === 'succeeded' ? {} : { failure: { stage: 'test' } }),
  };
}

describe('time to restore over a 30-day range, exact, in the real Elasticsearch', () => {
  const index = uniqueIndex('lookout-deployments-restore');
  const templateName = `lookout-deployments-${index}`;
  let client: Client;
  let app: FastifyInstance;

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    const template = deploymentsIndexTemplate(index);
    await installIndexTemplates(client, [{ name: templateName, body: { ...template.body, priority: 300 } }]);
    const rules = loadRules();
    const now = new Date('2026-11-01T00:00:00Z');
    const events = rows().map(toEvent);
    const result = await writeDocuments(
      client,
      events.map((event) => ({
        index,
        id: event.eventId,
        document: toStoredDeployment(
          event,
          { messageId: event.eventId, topicArn: 'arn:test', timestamp: now.toISOString() },
          rules,
          now,
        ),
      })),
      { refresh: true },
    );
    expect(result).toEqual({ indexed: events.length, alreadyPresent: 0, rejected: [] });
    app = await testApp({ DEPLOYMENTS_INDEX: index }, { boards: [createDeploymentsBoard()] });
  });

  afterAll(async () => {
    await app?.close();
    await client?.indices.delete({ index, ignore_unavailable: true });
    await client?.indices.deleteIndexTemplate({ name: templateName }).catch(() => undefined);
    await client?.close();
  });

  const kpis = async (query: string) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/deployments/kpis?from=${RANGE.from}&to=${RANGE.to}${query}`,
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { timeToRestoreMs: unknown; changeFailureRate: number };
  };

  it('finds a restore whatever the number of deploys after it, and one that falls after `to`', async () => {
    const body = await kpis('');
    expect(body.timeToRestoreMs).toEqual({ p50: 3.75 * HOUR, restores: 2, unrestored: 1 });
    // busy 2 of 122, quiet 1 of 2, stuck 1 of 2 production deploys in range failed
    expect(body.changeFailureRate).toBe(4 / 126);
  });

  it('narrows to the services and platform components asked for', async () => {
    expect((await kpis('&service=quiet')).timeToRestoreMs).toEqual({
      p50: 2.5 * HOUR,
      restores: 1,
      unrestored: 0,
    });
    expect((await kpis('&service=stuck')).timeToRestoreMs).toEqual({ p50: null, restores: 0, unrestored: 1 });
    expect((await kpis('&platform=node')).timeToRestoreMs).toEqual({ p50: null, restores: 0, unrestored: 0 });
    expect((await kpis('&environment=staging')).timeToRestoreMs).toEqual({
      p50: null,
      restores: 0,
      unrestored: 0,
    });
  });

  it('gives the same answer when the scan pages one failure at a time and looks up one window per search', async () => {
    const searches: string[] = [];
    const answer = await timeToRestore(
      (request) => {
        searches.push(request.aggs ? 'lookup' : 'scan');
        return client.search(request);
      },
      {},
      { index, range: { fromMs, toMs } },
      { failuresPage: 1, windowsPerSearch: 1 },
    );
    expect(answer).toEqual({ p50: 3.75 * HOUR, restores: 2, unrestored: 1 });
    // 4 failures: 4 full pages and an empty one; 4 windows, one lookup each
    expect(searches).toEqual([
      'scan',
      'scan',
      'scan',
      'scan',
      'scan',
      'lookup',
      'lookup',
      'lookup',
      'lookup',
    ]);
  });
});
