import { describe, expect, it } from 'vitest';
import { changeFailureRating, formatDuration, formatRate, timeToRestoreRating } from './dora.ts';

describe('DORA ratings', () => {
  it('rates the change failure rate at the 5 / 10 / 15 % bands, ends included', () => {
    expect([0, 0.05, 0.0501, 0.1, 0.12, 0.15, 0.151, 1].map(changeFailureRating)).toEqual([
      'elite',
      'elite',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
  });

  it('rates time to restore under an hour, a day, a week', () => {
    const h = 3_600_000;
    expect([59 * 60_000, h, 23 * h, 24 * h, 6 * 24 * h, 7 * 24 * h].map(timeToRestoreRating)).toEqual([
      'elite',
      'high',
      'high',
      'medium',
      'medium',
      'low',
    ]);
  });
});

describe('formatting', () => {
  it('writes durations and rates a person can read', () => {
    expect(formatDuration(279_869)).toBe('4 min 40 s');
    expect(formatDuration(29_794_394)).toBe('8 h 16 min');
    expect(formatDuration(3 * 86_400_000)).toBe('3.0 days');
    expect(formatRate(0.08536585365853659)).toBe('8.5 %');
    expect(formatRate(null)).toBe('—');
  });
});
