import { describe, expect, it } from 'vitest';
import type { IndexFamily } from './config.ts';
import { dayInName, familyOf } from './families.ts';

const family = (name: string, pattern: string, isProtected = false): IndexFamily => ({
  name,
  title: name,
  pattern,
  timeField: '@timestamp',
  boardPath: `/${name}`,
  retention: null,
  protected: isProtected,
});

describe('the day in an index name', () => {
  it('reads logstash, dashed and compact dates as UTC midnight', () => {
    expect(dayInName('logstash-2026.12.03')).toBe(Date.UTC(2026, 11, 3));
    expect(dayInName('ct-2026-01-31')).toBe(Date.UTC(2026, 0, 31));
    expect(dayInName('traces-20261203')).toBe(Date.UTC(2026, 11, 3));
  });

  it('takes the last date when a name carries two', () => {
    expect(dayInName('reindexed-2025.01.01-from-2026.02.03')).toBe(Date.UTC(2026, 1, 3));
  });

  it('has none for undated names, impossible dates and mixed separators', () => {
    expect(dayInName('lookout-deployments')).toBeNull();
    expect(dayInName('logstash-2026.02.30')).toBeNull();
    expect(dayInName('logstash-2026.12-03')).toBeNull();
    expect(dayInName('traces-000012')).toBeNull();
  });
});

describe('family of an index', () => {
  const families = [family('logs', 'logstash-*,app-*'), family('alerts', 'logstash-alerts', true)];

  it('matches any of the comma-separated patterns', () => {
    expect(familyOf(families, 'app-2026.12.03')?.name).toBe('logs');
    expect(familyOf(families, 'other-2026.12.03')).toBeUndefined();
  });

  it('gives a protected family precedence over a broader pattern', () => {
    expect(familyOf(families, 'logstash-alerts')?.name).toBe('alerts');
  });

  it('treats dots in patterns literally', () => {
    expect(familyOf([family('x', 'a.b-*')], 'aXb-1')).toBeUndefined();
  });
});
