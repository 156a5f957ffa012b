import { describe, expect, it } from 'vitest';
import {
  describeIgnored,
  freezeTimeRangeUrl,
  parseTimeSettings,
  refreshIntervalMs,
  relativeRangeLabel,
  resolveTimeRange,
} from './time-range.ts';

const now = new Date('2026-11-26T10:43:12.000Z');
const settings = (query: string) => parseTimeSettings(new URLSearchParams(query));

describe('parseTimeSettings', () => {
  it('uses the last 24 hours, no auto-refresh and the local zone when the URL says nothing', () => {
    const parsed = settings('');
    expect(parsed.range.from.text).toBe('now-24h');
    expect(parsed.range.to.text).toBe('now');
    expect(parsed.refresh).toBe('off');
    expect(parsed.tz).toBe('local');
    expect(parsed.ignored).toEqual([]);
  });

  it('reads a relative range, auto-refresh and UTC', () => {
    const parsed = settings('from=now-7d&to=now&refresh=30s&tz=utc');
    expect(parsed.range.from).toEqual({ kind: 'relative', text: 'now-7d', offsetMs: 7 * 86_400_000 });
    expect(parsed.refresh).toBe('30s');
    expect(parsed.tz).toBe('utc');
    expect(parsed.ignored).toEqual([]);
  });

  it('reads absolute ISO times with a zone', () => {
    const parsed = settings('from=2026-11-20T10:00:00.000Z&to=2026-11-21T11:00:00%2B01:00');
    expect(parsed.range.from).toMatchObject({ kind: 'absolute', date: new Date('2026-11-20T10:00:00.000Z') });
    expect(parsed.range.to).toMatchObject({ kind: 'absolute', date: new Date('2026-11-21T10:00:00.000Z') });
    expect(parsed.ignored).toEqual([]);
  });

  it('ignores garbage, falls back to the default and names what it ignored', () => {
    const parsed = settings('from=yesterday&refresh=2s&tz=mars');
    expect(parsed.range.from.text).toBe('now-24h');
    expect(parsed.refresh).toBe('off');
    expect(parsed.tz).toBe('local');
    expect(parsed.ignored.map((item) => `${item.param}=${item.value}`)).toEqual([
      'from=yesterday',
      'refresh=2s',
      'tz=mars',
    ]);
    expect(describeIgnored(parsed.ignored[0]!)).toMatch(/^ignored invalid from=yesterday \(/);
  });

  it('rejects absolute times without a zone, which would mean a different instant to each reader', () => {
    const parsed = settings('from=2026-11-20T10:00');
    expect(parsed.range.from.text).toBe('now-24h');
    expect(parsed.ignored[0]?.param).toBe('from');
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(settings('from=2026-13-01T00:00:00Z').ignored).toHaveLength(1);
  });

  it('falls back to the default range when from is not before to', () => {
    const parsed = settings('from=now-1h&to=now-2h');
    expect(parsed.range.from.text).toBe('now-24h');
    expect(parsed.range.to.text).toBe('now');
    expect(describeIgnored(parsed.ignored[0]!)).toBe(
      'ignored invalid from=now-1h (must be before to=now-2h)',
    );
  });

  it('shortens a very long ignored value in the message', () => {
    const parsed = settings(`from=${'x'.repeat(500)}`);
    expect(describeIgnored(parsed.ignored[0]!).length).toBeLessThan(150);
  });
});

describe('resolveTimeRange', () => {
  it('resolves "last 7 days" against the given now', () => {
    const resolved = resolveTimeRange(settings('from=now-7d').range, now);
    expect(resolved.from.toISOString()).toBe('2026-11-19T10:43:12.000Z');
    expect(resolved.to.toISOString()).toBe('2026-11-26T10:43:12.000Z');
  });

  it('leaves absolute times as they are, whatever now is', () => {
    const resolved = resolveTimeRange(settings('from=2026-11-20T10:00:00.000Z&to=now-15m').range, now);
    expect(resolved.from.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(resolved.to.toISOString()).toBe('2026-11-26T10:28:12.000Z');
  });
});

describe('relativeRangeLabel', () => {
  it('names ranges that end now the way the picker lists them', () => {
    expect(relativeRangeLabel(settings('from=now-15m').range)).toBe('Last 15 minutes');
    expect(relativeRangeLabel(settings('from=now-1h').range)).toBe('Last 1 hour');
    expect(relativeRangeLabel(settings('').range)).toBe('Last 24 hours');
    expect(relativeRangeLabel(settings('from=now-30d').range)).toBe('Last 30 days');
  });

  it('has no "Last …" name for a range that does not end now', () => {
    expect(relativeRangeLabel(settings('from=now-7d&to=now-1d').range)).toBeUndefined();
  });
});

describe('refreshIntervalMs', () => {
  it('turns the URL value into milliseconds, or false when off', () => {
    expect(refreshIntervalMs('off')).toBe(false);
    expect(refreshIntervalMs('10s')).toBe(10_000);
    expect(refreshIntervalMs('5m')).toBe(300_000);
  });
});

describe('freezeTimeRangeUrl', () => {
  it('replaces a relative range by the instants it meant now, keeping every other parameter', () => {
    const frozen = new URL(
      freezeTimeRangeUrl('https://lookout.example/cloudtrail?from=now-1h&tz=utc&account=123456789012', now),
    );
    expect(frozen.pathname).toBe('/cloudtrail');
    expect(frozen.searchParams.get('from')).toBe('2026-11-26T09:43:12.000Z');
    expect(frozen.searchParams.get('to')).toBe('2026-11-26T10:43:12.000Z');
    expect(frozen.searchParams.get('tz')).toBe('utc');
    expect(frozen.searchParams.get('account')).toBe('123456789012');
  });

  it('freezes the default range when the URL has none', () => {
    const frozen = new URL(freezeTimeRangeUrl('https://lookout.example/images', now));
    expect(frozen.searchParams.get('from')).toBe('2026-11-25T10:43:12.000Z');
    expect(frozen.searchParams.get('to')).toBe('2026-11-26T10:43:12.000Z');
  });

  it('drops auto-refresh, which cannot change a frozen range', () => {
    const frozen = new URL(
      freezeTimeRangeUrl('https://lookout.example/images?from=now-15m&refresh=10s', now),
    );
    expect(frozen.searchParams.has('refresh')).toBe(false);
  });

  it('produces a link that parses back to the same absolute range', () => {
    const frozen = new URL(freezeTimeRangeUrl('https://lookout.example/deployments?from=now-30d', now));
    const reparsed = parseTimeSettings(frozen.searchParams);
    expect(reparsed.ignored).toEqual([]);
    const later = new Date('2026-12-24T00:00:00.000Z');
    expect(resolveTimeRange(reparsed.range, later)).toEqual(
      resolveTimeRange(settings('from=now-30d').range, now),
    );
  });
});
