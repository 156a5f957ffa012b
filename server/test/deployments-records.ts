import type { DeployEvent } from '../src/boards/deployments/schema.ts';

/**
 * Hand-counted deploy/release events, 2026-11-20 … 2026-11-22 (UTC). `at` is finishedAt;
 * durations run 100 s … 1,000 s in steps of 100 s over the ten finished events.
 *
 * production checkout: d1 10:00 ok · d2 12:00 failed (test → user) · d3 12:30 failed
 *   (RegistryUnavailable → platform) · d4 13:00 ok  ⇒ restored after 1 h (from d2)
 * production search: e1 21st 09:00 rolled back (no rule → unknown) · e2 09:20 ok ⇒ 20 min ·
 *   e3 22nd 08:00 failed (health_check → user), never restored
 * staging checkout (node): s1 22nd 10:00 failed (build → user) · s2 11:00 ok
 * production release checkout: r1 20th 13:10 ok
 * not counted: a `started` event, and one success on the 23rd (outside the range)
 */
export const RANGE = { from: '2026-11-20T00:00:00Z', to: '2026-11-23T00:00:00Z' };

interface Row {
  id: string;
  kind?: DeployEvent['kind'];
  phase: DeployEvent['phase'];
  service: string;
  environment?: string;
  platform?: DeployEvent['platform'];
  at: string;
  seconds: number;
  failure?: DeployEvent['failure'];
}

const ROWS: Row[] = [
  { id: 'd1', phase: 'succeeded', service: 'checkout', at: '2026-11-20T10:00:00Z', seconds: 100 },
  {
    id: 'd2',
    phase: 'failed',
    service: 'checkout',
    at: '2026-11-20T12:00:00Z',
    seconds: 200,
    failure: { stage: 'test', message: '2 specs failed' },
  },
  {
    id: 'd3',
    phase: 'failed',
    service: 'checkout',
    at: '2026-11-20T12:30:00Z',
    seconds: 300,
    failure: { stage: 'pull_image', code: 'RegistryUnavailable' },
  },
  { id: 'd4', phase: 'succeeded', service: 'checkout', at: '2026-11-20T13:00:00Z', seconds: 400 },
  {
    id: 'e1',
    phase: 'rolled_back',
    service: 'search',
    at: '2026-11-21T09:00:00Z',
    seconds: 500,
    failure: { stage: 'mystery' },
  },
  { id: 'e2', phase: 'succeeded', service: 'search', at: '2026-11-21T09:20:00Z', seconds: 600 },
  {
    id: 'e3',
    phase: 'failed',
    service: 'search',
    at: '2026-11-22T08:00:00Z',
    seconds: 700,
    failure: { stage: 'health_check' },
  },
  {
    id: 's1',
    phase: 'failed',
    service: 'checkout',
    environment: 'staging',
    platform: 'node',
    at: '2026-11-22T10:00:00Z',
    seconds: 800,
    failure: { stage: 'build', message: 'tsc failed' },
  },
  {
    id: 's2',
    phase: 'succeeded',
    service: 'checkout',
    environment: 'staging',
    platform: 'node',
    at: '2026-11-22T11:00:00Z',
    seconds: 900,
  },
  {
    id: 'r1',
    kind: 'release',
    phase: 'succeeded',
    service: 'checkout',
    at: '2026-11-20T13:10:00Z',
    seconds: 1000,
  },
  { id: 'x1', phase: 'started', service: 'checkout', at: '2026-11-22T12:00:00Z', seconds: 0 },
  { id: 'x2', phase: 'succeeded', service: 'checkout', at: '2026-11-23T01:00:00Z', seconds: 100 },
];

export function handCountedEvents(): DeployEvent[] {
  return ROWS.map((row) => {
    const finishedMs = Date.parse(row.at);
    const started = row.phase === 'started';
    return {
      eventId: `event-${row.id}`,
      kind: row.kind ?? 'deploy',
      phase: row.phase,
      service: row.service,
      environment: row.environment ?? 'production',
      version: `v-${row.id}`,
      deploymentId: `dep-${row.id}`,
      startedAt: new Date(started ? finishedMs : finishedMs - row.seconds * 1000).toISOString(),
      ...(started ? {} : { finishedAt: row.at, durationMs: row.seconds * 1000 }),
      triggeredBy: 'ci-bot',
      platform: row.platform ?? 'ruby',
      ...(row.failure ? { failure: row.failure } : {}),
    };
  });
}
