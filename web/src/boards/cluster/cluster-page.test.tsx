import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { cluster } from '@lookout/server/types';
import { stubApi } from '../../lib/test-api.ts';
import { ClusterPage } from './cluster-page.tsx';
import { renderAt } from './test-helpers.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const GB = 1024 ** 3;

// One node at 88 % of 1000 GB: past the low watermark (850 GB), below the high one (900 GB).
const health: cluster.HealthResponse = {
  clusterName: 'logs-prod',
  status: 'yellow',
  activeShards: 40,
  relocatingShards: 0,
  initializingShards: 0,
  unassignedShards: 1,
  watermarks: [
    { name: 'low', setting: '85%' },
    { name: 'high', setting: '90%' },
    { name: 'flood_stage', setting: '95%' },
  ],
  nodes: [
    {
      name: 'data-1',
      heapPercent: 61,
      cpuPercent: 12,
      shards: 40,
      disk: {
        totalBytes: 1000 * GB,
        usedBytes: 880 * GB,
        availableBytes: 120 * GB,
        usedPercent: 88,
        watermarkBytes: { low: 850 * GB, high: 900 * GB, flood_stage: 950 * GB },
        past: 'low',
      },
    },
  ],
  unassigned: [
    {
      index: 'logstash-2026.11.26',
      shard: 0,
      primary: false,
      reason: 'INDEX_CREATED',
      explanation: 'data-1: a copy of this shard is already allocated to this node',
    },
  ],
};

const days = (docs: number, bytes: number) =>
  Array.from({ length: 14 }, (_, i) => ({ day: `2026-11-${String(13 + i).padStart(2, '0')}`, docs, bytes }));

const family = (overrides: Partial<cluster.FamilyRow>): cluster.FamilyRow => ({
  name: 'container-logs',
  title: 'Container logs',
  pattern: 'logstash-*',
  link: '/containers',
  indexCount: 3,
  docs: 3_000,
  totalBytes: 300 * GB,
  primaryBytes: 300 * GB,
  primaryShards: 3,
  averageShardBytes: 100 * GB,
  shardSize: 'large',
  daily: true,
  days: days(1_000, 100 * GB),
  newest: '2026-11-26T10:42:00.000Z',
  lagMs: 60_000,
  freshnessThresholdMs: 15 * 60_000,
  stale: false,
  docsLastHour: 120,
  retention: { days: 3 },
  protected: false,
  ...overrides,
});

const families: cluster.FamiliesResponse = {
  now: '2026-11-26T10:43:00.000Z',
  families: [
    family({}),
    family({
      name: 'cloudtrail',
      title: 'CloudTrail',
      pattern: 'ct-*',
      link: '/cloudtrail',
      totalBytes: 2 * GB,
      days: days(50, GB / 7),
      newest: '2026-11-26T09:56:00.000Z',
      lagMs: 47 * 60_000,
      freshnessThresholdMs: 30 * 60_000,
      stale: true,
      shardSize: 'small',
      averageShardBytes: GB / 10,
      retention: { days: 400 },
    }),
  ],
};

const forecast: cluster.ForecastResponse = {
  totalBytes: 1000 * GB,
  usedBytes: 880 * GB,
  dailyGrowthBytes: 101 * GB,
  families: [],
  watermarks: [
    { name: 'low', setting: '85%', thresholdBytes: 850 * GB, daysUntil: 0 },
    { name: 'high', setting: '90%', thresholdBytes: 900 * GB, daysUntil: 5.2 },
    { name: 'flood_stage', setting: '95%', thresholdBytes: 950 * GB, daysUntil: null },
  ],
  advice: [{ family: 'container-logs', maxDaysBelowHigh: 2 }],
};

const retention: cluster.RetentionResponse = {
  at: '2026-11-26T10:43:00.000Z',
  deletions: [
    {
      index: 'logstash-2026.11.23',
      uuid: 'u1',
      family: 'container-logs',
      day: '2026-11-23',
      dayFrom: 'name',
      bytes: 100 * GB,
      docs: 1_000,
      rule: 'age',
      reason: 'dated 2026-11-23, 3 days old; container-logs keeps 3 days',
    },
  ],
  totalBytes: 100 * GB,
  schedule: { intervalMinutes: 0 },
};

const audit: cluster.AuditResponse = {
  records: [
    {
      index: 'logstash-2026.11.22',
      family: 'container-logs',
      day: '2026-11-22',
      bytes: 99 * GB,
      docs: 990,
      rule: 'age',
      reason: 'dated 2026-11-22, 3 days old; container-logs keeps 3 days',
      by: 'schedule:bff-1',
      at: '2026-11-25T00:01:00.000Z',
      status: 'deleted',
      error: null,
    },
  ],
};

function stubBoard(overrides: Record<string, () => unknown> = {}) {
  const answers: Record<string, unknown> = {
    health,
    families,
    forecast,
    retention,
    'retention/audit': audit,
  };
  return stubApi((url) => {
    const name = url.pathname.replace('/api/cluster/', '');
    if (overrides[name]) return overrides[name]();
    if (!(name in answers)) throw new Error(`unexpected ${url.href}`);
    return answers[name];
  });
}

const panel = (name: string) => screen.getByRole('region', { name });

describe('ClusterPage', () => {
  it('shows health, nodes against their watermarks and the engine’s explanation of unassigned shards', async () => {
    stubBoard();
    renderAt('/cluster?tz=utc', () => <ClusterPage />);
    const healthPanel = await within(panel('Health')).findByText('data-1');
    expect(healthPanel).toBeTruthy();
    expect(panel('Health').textContent).toContain('yellow logs-prod: 40 active shards, 1 unassigned');
    expect(
      within(panel('Health')).getByRole('img', {
        name: '88% used (880.0 GB of 1000.0 GB), past the low watermark',
      }),
    ).toBeTruthy();
    expect(panel('Health').textContent).toContain(
      'logstash-2026.11.26[0] replica (INDEX_CREATED): data-1: a copy of this shard is already allocated to this node',
    );
  });

  it('flags a stale feed and links each family to the board it feeds', async () => {
    stubBoard();
    renderAt('/cluster?tz=utc', () => <ClusterPage />);
    const table = panel('Index families');
    const stale = await within(table).findByRole('link', { name: '⚠ 47 min ago' });
    expect(stale.getAttribute('href')).toBe('/cloudtrail');
    expect(within(table).getByRole('link', { name: '1 min ago' }).getAttribute('href')).toBe('/containers');
    expect(table.textContent).toContain('100.0 GB large');
    expect(table.textContent).toContain('3 days');
  });

  it('charts the biggest family until another is picked, and keeps the pick in the URL', async () => {
    stubBoard();
    const { search, user } = renderAt('/cluster?tz=utc', () => <ClusterPage />);
    const chart = panel('Daily volume, last 14 days');
    expect(await within(chart).findByText(/Container logs \(logstash-\*\)/)).toBeTruthy();
    await user.click(within(panel('Index families')).getByRole('button', { name: 'CloudTrail' }));
    expect(search().get('family')).toBe('cloudtrail');
    expect(await within(chart).findByText(/CloudTrail \(ct-\*\)/)).toBeTruthy();
  });

  it('shows the forecast, the retention plan and the audit', async () => {
    stubBoard();
    renderAt('/cluster?tz=utc', () => <ClusterPage />);
    expect(await within(panel('Disk forecast')).findByText('High watermark in 5.2 days')).toBeTruthy();
    expect(panel('Disk forecast').textContent).toContain('container-logs may keep up to 2 days');
    expect(await within(panel('Retention plan')).findByText('logstash-2026.11.23')).toBeTruthy();
    expect(await within(panel('Deleted by retention')).findByText('schedule:bff-1')).toBeTruthy();
  });

  it('a failing panel shows its own error while the others load', async () => {
    stubBoard({
      forecast: () =>
        Response.json(
          { statusCode: 503, error: 'x', message: 'Elasticsearch is unreachable' },
          { status: 503 },
        ),
    });
    renderAt('/cluster?tz=utc', () => <ClusterPage />);
    expect(await within(panel('Disk forecast')).findByRole('alert')).toBeTruthy();
    expect(await within(panel('Health')).findByText('data-1')).toBeTruthy();
  });
});
