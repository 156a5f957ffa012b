import { describe, expect, it } from 'vitest';
import type { FamilyRow, ForecastResponse, HealthResponse } from '../schema.ts';
import { activeConditions } from './conditions.ts';

const NOW = Date.parse('2026-12-03T10:00:30Z');
const config = {
  format: 'slack' as const,
  publicUrl: 'https://l',
  intervalMs: 60_000,
  yellowForMs: 30 * 60_000,
  forecastDays: 3,
};

const health = (overrides: Partial<HealthResponse> = {}): HealthResponse => ({
  clusterName: 'logs',
  status: 'green',
  activeShards: 10,
  relocatingShards: 0,
  initializingShards: 0,
  unassignedShards: 0,
  watermarks: [],
  nodes: [],
  unassigned: [],
  ...overrides,
});

const forecast = (highDays: number | null): ForecastResponse => ({
  totalBytes: 1,
  usedBytes: 0,
  dailyGrowthBytes: 0,
  families: [],
  watermarks: [{ name: 'high', setting: '90%', thresholdBytes: 1, daysUntil: highDays }],
  advice: [],
});

const feed = (overrides: Partial<FamilyRow>): FamilyRow =>
  ({
    name: 'cloudtrail',
    title: 'CloudTrail',
    pattern: 'ct-*',
    link: '/cloudtrail',
    indexCount: 1,
    newest: '2026-12-03T09:13:00.000Z',
    lagMs: 47 * 60_000,
    freshnessThresholdMs: 30 * 60_000,
    stale: true,
    ...overrides,
  }) as FamilyRow;

describe('cluster alert conditions', () => {
  it('green, fresh and far from the watermarks: nothing', () => {
    expect(
      activeConditions(
        { health: health(), families: [feed({ stale: false })], forecast: forecast(40) },
        config,
        NOW,
      ),
    ).toEqual([]);
  });

  it('red at once, yellow only after its hold time', () => {
    const [red] = activeConditions(
      { health: health({ status: 'red' }), families: [], forecast: forecast(null) },
      config,
      NOW,
    );
    expect(red).toMatchObject({ key: 'cluster-red', forMs: 0, link: '/cluster' });
    const [yellow] = activeConditions(
      { health: health({ status: 'yellow' }), families: [], forecast: forecast(null) },
      config,
      NOW,
    );
    expect(yellow).toMatchObject({ key: 'cluster-yellow', forMs: 30 * 60_000 });
  });

  it('the high watermark forecast within the set days, not when already past (the node alert says that)', () => {
    const keys = (days: number | null) =>
      activeConditions({ health: health(), families: [], forecast: forecast(days) }, config, NOW).map(
        (c) => c.key,
      );
    expect(keys(2.5)).toEqual(['disk-forecast-high']);
    expect(keys(3.1)).toEqual([]);
    expect(keys(0)).toEqual([]);
  });

  it('a stale feed names its silence and links to its board over the hour before its newest document', () => {
    const [stale] = activeConditions(
      { health: health(), families: [feed({})], forecast: forecast(null) },
      config,
      NOW,
    );
    expect(stale).toMatchObject({
      key: 'feed-stale:cloudtrail',
      title: 'No CloudTrail documents for 48 min',
      link: '/cloudtrail?from=2026-12-03T08:13:00.000Z&to=2026-12-03T10:01:00.000Z',
    });
  });
});
