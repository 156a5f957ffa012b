import { describe, expect, it } from 'vitest';
import type { IndexFamily, RetentionPolicy } from './config.ts';
import { DAY_MS, dayInName, type IndexFacts } from './families.ts';
import { planRetention } from './retention.ts';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const GB = 1024 ** 3;

const family = (
  name: string,
  pattern: string,
  retention: RetentionPolicy | null,
  isProtected = false,
): IndexFamily => ({
  name,
  title: name,
  pattern,
  timeField: '@timestamp',
  boardPath: '/x',
  retention,
  protected: isProtected,
});

function index(name: string, options: { bytes?: number; createdDaysAgo?: number } = {}): IndexFacts {
  const nameDayMs = dayInName(name);
  return {
    index: name,
    uuid: `uuid-${name}`,
    nameDayMs,
    createdMs:
      NOW - (options.createdDaysAgo ?? (nameDayMs === null ? 0 : (NOW - nameDayMs) / DAY_MS)) * DAY_MS,
    docs: 10,
    bytes: options.bytes ?? GB,
    primaryBytes: options.bytes ?? GB,
    primaryShards: 1,
    replicas: 0,
  };
}

const daily = (prefix: string, days: string[], bytes?: number) =>
  days.map((day) => index(`${prefix}${day}`, { bytes }));

describe('retention plan', () => {
  it('container logs keep 3 days: older daily indices go, by the date in their names', () => {
    const logs = family('container-logs', 'logstash-*', { days: 3 });
    const plan = planRetention(
      [logs],
      daily('logstash-', [
        '2026.11.28',
        '2026.11.29',
        '2026.11.30',
        '2026.12.01',
        '2026.12.02',
        '2026.12.03',
      ]),
      NOW,
    );
    expect(plan.deletions.map((d) => [d.index, d.day, d.rule])).toEqual([
      ['logstash-2026.11.28', '2026-11-28', 'age'],
      ['logstash-2026.11.29', '2026-11-29', 'age'],
      ['logstash-2026.11.30', '2026-11-30', 'age'],
    ]);
    expect(plan.deletions[2]!.reason).toBe('dated 2026-11-30, 3 days old; container-logs keeps 3 days');
    expect(plan.totalBytes).toBe(3 * GB);
  });

  it('never today, never a future-dated index, never an index of no family', () => {
    const logs = family('container-logs', 'logstash-*', { days: 1 });
    const plan = planRetention(
      [logs],
      [...daily('logstash-', ['2026.12.03', '2026.12.05', '2026.12.01']), index('other-2020.01.01')],
      NOW,
    );
    expect(plan.deletions.map((d) => d.index)).toEqual(['logstash-2026.12.01']);
  });

  it('undated indices fall back to the creation date, but the newest (write) index is kept', () => {
    const traces = family('traces', 'traces-*', { days: 7 });
    const plan = planRetention(
      [traces],
      [
        index('traces-000001', { createdDaysAgo: 20 }),
        index('traces-000002', { createdDaysAgo: 10 }),
        index('traces-000003', { createdDaysAgo: 9 }),
      ],
      NOW,
    );
    expect(plan.deletions.map((d) => [d.index, d.dayFrom])).toEqual([
      ['traces-000001', 'creation'],
      ['traces-000002', 'creation'],
    ]);
  });

  it('a size budget deletes the oldest until the family fits, after the age rule', () => {
    const logs = family('container-logs', 'logstash-*', { days: 30, budgetBytes: 25 * GB });
    const plan = planRetention(
      [logs],
      daily('logstash-', ['2026.11.29', '2026.11.30', '2026.12.01', '2026.12.02', '2026.12.03'], 10 * GB),
      NOW,
    );
    // 50 GB → delete 11.29 (40), 11.30 (30), 12.01 (20 ≤ 25).
    expect(plan.deletions.map((d) => [d.index, d.rule])).toEqual([
      ['logstash-2026.11.29', 'budget'],
      ['logstash-2026.11.30', 'budget'],
      ['logstash-2026.12.01', 'budget'],
    ]);
    expect(plan.deletions[0]!.reason).toBe(
      'container-logs holds 50.0 GB, over its budget of 25.0 GB; oldest first',
    );
  });

  it('never deletes families without a policy or protected ones, even under a broader pattern', () => {
    const plan = planRetention(
      [family('everything', 'lookout-*', { days: 1 }), family('alerts', 'lookout-alerts-*', null, true)],
      [index('lookout-alerts-2020.01.01'), index('lookout-x-2020.01.01'), index('lookout-x-2026.12.02')],
      NOW,
    );
    expect(plan.deletions.map((d) => d.index)).toEqual(['lookout-x-2020.01.01']);
  });
});
