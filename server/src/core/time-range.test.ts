import { describe, expect, it } from 'vitest';
import { BadParameterError, flooredNow, intervalMs, resolveTimeRange } from './time-range.ts';

const now = new Date('2026-11-26T10:43:27.512Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('time ranges as users write them', () => {
  it('floors now to the minute so identical requests within a minute are byte-identical', () => {
    expect(iso(flooredNow(now))).toBe('2026-11-26T10:43:00.000Z');
  });

  it('resolves now-24h … now to absolute times, now being the end of the current minute', () => {
    const range = resolveTimeRange({ from: 'now-24h', to: 'now' }, now);
    expect(iso(range.fromMs)).toBe('2026-11-25T10:44:00.000Z');
    // 10:43:27 is inside the range: what happened seconds ago is on the board.
    expect(iso(range.toMs)).toBe('2026-11-26T10:44:00.000Z');
    expect(resolveTimeRange({ from: 'now-24h', to: 'now' }, new Date('2026-11-26T10:43:59.999Z'))).toEqual(
      range,
    );
  });

  it('rounds from the minute itself, so now/d in the last minute of a day is still that day', () => {
    const lastMinute = new Date('2026-11-26T23:59:30Z');
    expect(iso(resolveTimeRange({ from: 'now/d', to: 'now' }, lastMinute).fromMs)).toBe(
      '2026-11-26T00:00:00.000Z',
    );
  });

  it('rounds date math like now-1d/d to the start of the day (UTC)', () => {
    expect(iso(resolveTimeRange({ from: 'now-1d/d', to: 'now/d' }, now).fromMs)).toBe(
      '2026-11-25T00:00:00.000Z',
    );
  });

  it('takes absolute ISO-8601 times unchanged', () => {
    const range = resolveTimeRange(
      { from: '2026-11-20T10:00:00Z', to: '2026-11-20T12:30:00.000+01:00' },
      now,
    );
    expect(iso(range.fromMs)).toBe('2026-11-20T10:00:00.000Z');
    expect(iso(range.toMs)).toBe('2026-11-20T11:30:00.000Z');
  });

  it('defaults to the last 24 hours', () => {
    const range = resolveTimeRange({}, now);
    expect(range.toMs - range.fromMs).toBe(86_400_000);
  });

  it('names the parameter that is wrong', () => {
    expect(() => resolveTimeRange({ from: 'yesterday' }, now)).toThrow(/querystring\/from .*"yesterday"/);
    expect(() => resolveTimeRange({ to: 'now+bogus' }, now)).toThrow(/querystring\/to/);
    expect(() => resolveTimeRange({ from: 'now', to: 'now-1h' }, now)).toThrow(/from must be before to/);
    expect(() =>
      resolveTimeRange({ from: 'now-30d' }, now, undefined, { maxRangeMs: 7 * 86_400_000 }),
    ).toThrow(BadParameterError);
  });

  it('reads interval widths', () => {
    expect(intervalMs('interval', '10m')).toBe(600_000);
    expect(intervalMs('interval', '3h')).toBe(10_800_000);
    expect(() => intervalMs('interval', '0m')).toThrow(/interval/);
  });
});
