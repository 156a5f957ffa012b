import { describe, expect, it } from 'vitest';
import { median, platformIncidents, restoreIntervals } from './shape.ts';

const at = (hhmm: string) => Date.parse(`2026-11-20T${hhmm}:00Z`);

describe('time to restore', () => {
  it('runs from the first failure of a run to the next success, whatever the input order', () => {
    expect(
      restoreIntervals([
        { phase: 'succeeded', at: at('13:00') },
        { phase: 'failed', at: at('12:00') },
        { phase: 'rolled_back', at: at('12:30') },
        { phase: 'succeeded', at: at('10:00') },
      ]),
    ).toEqual([3_600_000]);
  });

  it('has no interval for a failure not yet restored', () => {
    expect(
      restoreIntervals([
        { phase: 'succeeded', at: at('10:00') },
        { phase: 'failed', at: at('11:00') },
      ]),
    ).toEqual([]);
  });

  it('takes the median as the middle value or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('platform incidents', () => {
  const window = 30 * 60_000;
  it('flags windows where at least 5 services failed for the platform, merging back-to-back ones', () => {
    expect(
      platformIncidents(
        [
          { startMs: at('14:30'), failures: 9, services: 6 },
          { startMs: at('14:00'), failures: 20, services: 12 },
          { startMs: at('10:00'), failures: 4, services: 4 },
          { startMs: at('16:00'), failures: 5, services: 5 },
        ],
        window,
      ),
    ).toEqual([
      { from: '2026-11-20T14:00:00.000Z', to: '2026-11-20T15:00:00.000Z', failures: 29, services: 12 },
      { from: '2026-11-20T16:00:00.000Z', to: '2026-11-20T16:30:00.000Z', failures: 5, services: 5 },
    ]);
  });
});
