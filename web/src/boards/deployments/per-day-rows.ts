import type { deployments } from '@lookout/server/types';

type Incident = deployments.KpisResponse['platformIncidents'][number];

export interface PerDayRow {
  /** UTC day, `2026-11-25`: the bar's category. */
  day: string;
  total: number;
  succeeded: number;
  /** Failures by cause; together with `unclassified` they add up to the day's failures. */
  user: number;
  platform: number;
  unknown: number;
  /** Failures the server counted without a cause (should be 0; drawn rather than lost). */
  unclassified: number;
  /** Platform incidents that started that day (UTC). */
  incidents: Incident[];
}

/**
 * One stacked bar per day: the successes, then the failures by cause. The stack of each row adds
 * up to the day's finished deploys and releases.
 */
export function toPerDayRows(
  kpis: Pick<deployments.KpisResponse, 'perDay' | 'platformIncidents'>,
): PerDayRow[] {
  return kpis.perDay.map((day) => {
    const classified = day.user + day.platform + day.unknown;
    return {
      day: day.day,
      total: day.deployments,
      succeeded: Math.max(0, day.deployments - day.failed),
      user: day.user,
      platform: day.platform,
      unknown: day.unknown,
      unclassified: Math.max(0, day.failed - classified),
      incidents: kpis.platformIncidents.filter((incident) => incident.from.slice(0, 10) === day.day),
    };
  });
}

/** Days with at least one platform incident, for the chart's bands. */
export function incidentDays(rows: readonly PerDayRow[]): string[] {
  return rows.filter((row) => row.incidents.length > 0).map((row) => row.day);
}
