import { describe, expect, it } from 'vitest';
import {
  describeTimeRange,
  formatClock,
  formatRange,
  formatTimestamp,
  parseDateTimeLocalValue,
  toDateTimeLocalValue,
} from './format-time.ts';
import { parseTimeSettings } from './time-range.ts';

// The test run pins the local zone to Europe/Berlin (vite.config.ts): GMT+1 in winter, GMT+2 in summer.
const november = new Date('2026-11-26T10:43:12.000Z');
const july = new Date('2026-07-01T10:43:12.000Z');

describe('formatTimestamp', () => {
  it('writes UTC times with the zone spelled out', () => {
    expect(formatTimestamp(november, 'utc')).toBe('2026-11-26 10:43:12 UTC');
  });

  it('pads single digits', () => {
    expect(formatTimestamp(new Date('2026-01-02T03:04:05.000Z'), 'utc')).toBe('2026-01-02 03:04:05 UTC');
  });

  it('writes local times with their offset, which follows summer time', () => {
    expect(formatTimestamp(november, 'local')).toBe('2026-11-26 11:43:12 GMT+1');
    expect(formatTimestamp(july, 'local')).toBe('2026-07-01 12:43:12 GMT+2');
  });
});

describe('formatClock', () => {
  it('gives the time of day and zone for "Updated" stamps', () => {
    expect(formatClock(november, 'utc')).toBe('10:43:12 UTC');
    expect(formatClock(november, 'local')).toBe('11:43:12 GMT+1');
  });
});

describe('formatRange', () => {
  it('names the zone once when both ends share it', () => {
    const from = new Date('2026-11-20T10:00:00.000Z');
    const to = new Date('2026-11-21T10:00:00.000Z');
    expect(formatRange(from, to, 'utc', 'minute')).toBe('2026-11-20 10:00 → 2026-11-21 10:00 UTC');
  });

  it('names the zone on each end when summer time ends inside the range', () => {
    const from = new Date('2026-10-20T10:00:00.000Z');
    const to = new Date('2026-11-01T10:00:00.000Z');
    expect(formatRange(from, to, 'local', 'minute')).toBe('2026-10-20 12:00 GMT+2 → 2026-11-01 11:00 GMT+1');
  });
});

describe('describeTimeRange', () => {
  it('says "Last 24 hours" for the default range', () => {
    expect(describeTimeRange(parseTimeSettings(new URLSearchParams()).range, 'local')).toBe('Last 24 hours');
  });

  it('spells out an absolute range in the selected zone', () => {
    const { range } = parseTimeSettings(
      new URLSearchParams('from=2026-11-20T10:00:00.000Z&to=2026-11-21T10:00:00.000Z'),
    );
    expect(describeTimeRange(range, 'utc')).toBe('2026-11-20 10:00 → 2026-11-21 10:00 UTC');
    expect(describeTimeRange(range, 'local')).toBe('2026-11-20 11:00 → 2026-11-21 11:00 GMT+1');
  });

  it('shows seconds when a frozen link has them', () => {
    const { range } = parseTimeSettings(
      new URLSearchParams('from=2026-11-25T10:43:12.000Z&to=2026-11-26T10:43:12.000Z'),
    );
    expect(describeTimeRange(range, 'utc')).toBe('2026-11-25 10:43:12 → 2026-11-26 10:43:12 UTC');
  });
});

describe('datetime-local values', () => {
  it('reads the same wall-clock value as different instants in UTC and local time', () => {
    expect(parseDateTimeLocalValue('2026-11-20T10:00', 'utc')?.toISOString()).toBe(
      '2026-11-20T10:00:00.000Z',
    );
    expect(parseDateTimeLocalValue('2026-11-20T10:00', 'local')?.toISOString()).toBe(
      '2026-11-20T09:00:00.000Z',
    );
  });

  it('rejects empty and impossible values', () => {
    expect(parseDateTimeLocalValue('', 'utc')).toBeNull();
    expect(parseDateTimeLocalValue('2026-02-30T10:00', 'utc')).toBeNull();
  });

  it('fills an input with the instant in the selected zone', () => {
    expect(toDateTimeLocalValue(november, 'utc')).toBe('2026-11-26T10:43');
    expect(toDateTimeLocalValue(november, 'local')).toBe('2026-11-26T11:43');
  });
});
