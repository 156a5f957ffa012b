import { describe, expect, it } from 'vitest';
import type { deployments } from '@lookout/server/types';
import { incidentDays, toPerDayRows } from './per-day-rows.ts';

// Three UTC days; the 25th had a 30-minute registry outage at 14:00.
const kpis: Pick<deployments.KpisResponse, 'perDay' | 'platformIncidents'> = {
  perDay: [
    { day: '2026-11-24', deployments: 210, failed: 15, user: 11, platform: 4, unknown: 0 },
    { day: '2026-11-25', deployments: 459, failed: 40, user: 28, platform: 12, unknown: 0 },
    { day: '2026-11-26', deployments: 0, failed: 0, user: 0, platform: 0, unknown: 0 },
  ],
  platformIncidents: [
    { from: '2026-11-25T14:00:00.000Z', to: '2026-11-25T14:30:00.000Z', failures: 7, services: 6 },
  ],
};

describe('toPerDayRows', () => {
  it('stacks the successes and the failures by cause of each day', () => {
    const rows = toPerDayRows(kpis);
    expect(rows.map((r) => [r.day, r.succeeded, r.user, r.platform, r.unknown, r.unclassified])).toEqual([
      ['2026-11-24', 195, 11, 4, 0, 0],
      ['2026-11-25', 419, 28, 12, 0, 0],
      ['2026-11-26', 0, 0, 0, 0, 0],
    ]);
    // Each stack adds up to the day's finished deploys and releases.
    for (const row of rows) {
      expect(row.succeeded + row.user + row.platform + row.unknown + row.unclassified).toBe(row.total);
    }
  });

  it('draws failures without a cause rather than losing them', () => {
    const [row] = toPerDayRows({
      perDay: [{ day: '2026-11-24', deployments: 10, failed: 4, user: 1, platform: 1, unknown: 0 }],
      platformIncidents: [],
    });
    expect(row?.succeeded).toBe(6);
    expect(row?.unclassified).toBe(2);
  });

  it('puts each platform incident on the UTC day it started', () => {
    const rows = toPerDayRows(kpis);
    expect(rows.map((r) => r.incidents.length)).toEqual([0, 1, 0]);
    expect(incidentDays(rows)).toEqual(['2026-11-25']);
  });
});
