import { useMemo } from 'react';
import { Legend, ReferenceArea, type TooltipContentProps } from 'recharts';
import type { deployments } from '@lookout/server/types';
import { Swatch } from '../../components/swatch.tsx';
import { StackedBarChart, type StackedSeries } from '../../components/time-bar-chart.tsx';
import { formatCount } from '../../lib/format-number.ts';
import { formatRange } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { incidentDays, toPerDayRows, type PerDayRow } from './per-day-rows.ts';

// Successes in a calm colour; failures in the colour of their cause (same as the tiles).
const SERIES = [
  { key: 'succeeded', name: 'Succeeded', color: '#59a14f' },
  { key: 'user', name: 'Failed: user', color: '#f28e2b' },
  { key: 'platform', name: 'Failed: platform', color: '#e15759' },
  { key: 'unknown', name: 'Failed: unknown', color: '#9c755f' },
  { key: 'unclassified', name: 'Failed: no cause', color: '#6e7781' },
] as const;

export interface DeploysChartProps {
  /** Pixels; the lazy placeholder holds the same height while the chart's code loads. */
  height: number;
  data: deployments.KpisResponse;
  tz: TimeZoneOption;
  /** A click on a day's bar. */
  onSelectDay?: (day: string) => void;
}

export function DeploysChart({ data, tz, height, onSelectDay }: DeploysChartProps) {
  const rows = useMemo(() => toPerDayRows(data), [data]);
  const bandDays = incidentDays(rows);
  const series = SERIES.filter(
    (s) => s.key !== 'unclassified' || rows.some((row) => row.unclassified > 0),
  ).map((s): StackedSeries<PerDayRow> => ({
    key: s.key,
    name: s.name,
    color: s.color,
    value: s.key,
    onSelect: onSelectDay ? (row) => onSelectDay(row.day) : undefined,
  }));

  return (
    <StackedBarChart
      rows={rows}
      xKey="day"
      series={series}
      title="Deploys and releases per day, by outcome and failure cause"
      height={height}
      yAxisWidth={52}
      tooltip={(props) => <DayTooltip {...props} tz={tz} />}
      caption={
        <>
          Finished deploys and releases per UTC day: successes, then failures by cause. Shaded days had a
          platform incident (≥ 5 services failing for platform causes in one 30-minute window).
        </>
      }
      aside={<IncidentList incidents={data.platformIncidents} tz={tz} />}
    >
      {bandDays.map((day) => (
        <ReferenceArea
          key={day}
          x1={day}
          x2={day}
          fill="var(--red)"
          fillOpacity={0.12}
          stroke="var(--red)"
          strokeOpacity={0.4}
          ifOverflow="extendDomain"
          label={{ value: 'platform incident', position: 'insideTop', fill: 'var(--red)', fontSize: 11 }}
        />
      ))}
      <Legend wrapperStyle={{ fontSize: 12 }} />
    </StackedBarChart>
  );
}

function IncidentList({
  incidents,
  tz,
}: {
  incidents: deployments.KpisResponse['platformIncidents'];
  tz: TimeZoneOption;
}) {
  return (
    <div className="deployments-incidents">
      <h3 className="subhead">Platform incidents</h3>
      {incidents.length === 0 ? (
        <p className="hint">None in this range.</p>
      ) : (
        <ul aria-label="Platform incidents">
          {incidents.map((incident) => (
            <li key={incident.from}>
              <span>{formatRange(new Date(incident.from), new Date(incident.to), tz, 'minute')}</span>
              <span className="hint">
                {' '}
                {formatCount(incident.failures)} platform failures, up to {formatCount(incident.services)}{' '}
                services
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function DayTooltip({ active, payload, tz }: TooltipContentProps & { tz: TimeZoneOption }) {
  const row = payload?.[0]?.payload as PerDayRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">
        {row.day} (UTC): {formatCount(row.total)} finished
      </p>
      <table>
        <tbody>
          {SERIES.filter((s) => s.key !== 'unclassified' || row.unclassified > 0).map((s) => (
            <tr key={s.key}>
              <td>
                <Swatch color={s.color} />
                {s.name}
              </td>
              <td>{formatCount(row[s.key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {row.incidents.map((incident) => (
        <p key={incident.from} className="deployments-tooltip-incident">
          Platform incident {formatRange(new Date(incident.from), new Date(incident.to), tz, 'minute')}
        </p>
      ))}
    </div>
  );
}
