import { describe, expect, it } from 'vitest';
import { platformIncidents } from './shape.ts';

const at = (hhmm: string) => Date.parse(`2026-11-20T${hhmm}:00Z`);

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
