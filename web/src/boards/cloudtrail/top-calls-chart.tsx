import { useMemo } from 'react';
import { Link } from 'react-router';
import type { TooltipContentProps } from 'recharts';
import type { cloudtrail } from '@lookout/server/types';
import { Swatch } from '../../components/swatch.tsx';
import { describeIntervalMs, StackedBarChart, type StackedSeries } from '../../components/time-bar-chart.tsx';
import { formatRange, zoneLabel } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { formatCount } from '../../lib/format-number.ts';
import {
  colorOf,
  OTHER_COLOR,
  OUTSIDE_TOP_COLOR,
  toChartRows,
  type ChartRow,
  type ChartSeries,
} from './top-calls-rows.ts';

export interface TopCallsChartProps {
  /** Pixels; the lazy placeholder holds the same height while the chart's code loads. */
  height: number;
  data: cloudtrail.TopCallsResponse;
  tz: TimeZoneOption;
  /** A click on a segment: that call (null for "other") in that bar's time span. */
  onSelectBar(eventName: string | null, row: ChartRow): void;
  /** Link target that filters the events list by one call, in the current range. */
  searchForCall(eventName: string): string;
  /** After following one of those links. */
  onCallLinkFollowed?: () => void;
}

export function TopCallsChart({
  data,
  tz,
  height,
  onSelectBar,
  searchForCall,
  onCallLinkFollowed,
}: TopCallsChartProps) {
  const { rows, series, intervalMs } = useMemo(() => toChartRows(data), [data]);
  // One accessor per series, kept across renders: recharts re-registers a bar whose dataKey changes.
  const values = useMemo(
    () => series.map((s) => ({ ...s, value: (row: ChartRow) => row.counts[s.eventName] ?? 0 })),
    [series],
  );
  const bars: StackedSeries<ChartRow>[] = [
    ...values.map((s) => ({
      key: s.eventName,
      name: s.eventName,
      color: s.color,
      value: s.value,
      onSelect: (row: ChartRow) => onSelectBar(s.eventName, row),
    })),
    {
      key: 'other',
      name: 'Other',
      color: OTHER_COLOR,
      value: 'other',
      onSelect: (row) => onSelectBar(null, row),
    },
  ];
  const spanMs = Date.parse(data.to) - Date.parse(data.from);
  const zone = zoneLabel(new Date(data.to), tz);

  return (
    <StackedBarChart
      rows={rows}
      xKey="startMs"
      timeAxis={{ spanMs, tz }}
      series={bars}
      title="Top API calls per bar"
      height={height}
      yAxisWidth={52}
      tooltip={(props) => <BarTooltip {...props} series={series} tz={tz} />}
      className="cloudtrail-chart-layout"
      captionClassName="cloudtrail-chart-caption"
      caption={
        <>
          Time ({zone}), one bar per {describeIntervalMs(intervalMs)}. Each bar stacks its own top calls;
          click a segment to list those events.
        </>
      }
      aside={
        <TopCallsList
          data={data}
          series={series}
          searchForCall={searchForCall}
          onFollow={onCallLinkFollowed}
        />
      }
    />
  );
}

/** The chart's legend, and its keyboard and screen-reader equivalent: each call is a link. */
function TopCallsList({
  data,
  series,
  searchForCall,
  onFollow,
}: {
  data: cloudtrail.TopCallsResponse;
  series: ChartSeries[];
  searchForCall(eventName: string): string;
  onFollow: (() => void) | undefined;
}) {
  const hasOutside = series.some((s) => s.overallRank === null);
  return (
    <div className="cloudtrail-top-calls">
      <table className="cloudtrail-table cloudtrail-compact">
        <caption>Top calls in range</caption>
        <thead>
          <tr>
            <th scope="col">Call</th>
            <th scope="col" className="cloudtrail-num">
              Events
            </th>
          </tr>
        </thead>
        <tbody>
          {data.overall.map((call) => (
            <tr key={call.eventName}>
              <td>
                <Swatch className="cloudtrail-swatch" color={colorOf(series, call.eventName)} />
                <Link to={{ search: searchForCall(call.eventName) }} onClick={onFollow}>
                  {call.eventName}
                </Link>
              </td>
              <td className="cloudtrail-num">{formatCount(call.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="cloudtrail-legend" aria-label="Other colours">
        {hasOutside && (
          <li>
            <Swatch className="cloudtrail-swatch" color={OUTSIDE_TOP_COLOR} />
            Top in some bars only
          </li>
        )}
        <li>
          <Swatch className="cloudtrail-swatch" color={OTHER_COLOR} />
          Other (outside the bar&apos;s top)
        </li>
      </ul>
    </div>
  );
}

function BarTooltip({
  active,
  payload,
  series,
  tz,
}: TooltipContentProps & { series: ChartSeries[]; tz: TimeZoneOption }) {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip cloudtrail-tooltip">
      <p className="chart-tooltip-title">{formatRange(new Date(row.from), new Date(row.to), tz, 'minute')}</p>
      <p className="cloudtrail-tooltip-total">{formatCount(row.total)} events</p>
      {row.calls.length > 0 && (
        <table>
          <tbody>
            {row.calls.map((call) => (
              <tr key={call.eventName}>
                <td>
                  <Swatch className="cloudtrail-swatch" color={colorOf(series, call.eventName)} />
                  {call.eventName}
                </td>
                <td className="cloudtrail-num">{formatCount(call.count)}</td>
              </tr>
            ))}
            <tr>
              <td>
                <Swatch className="cloudtrail-swatch" color={OTHER_COLOR} />
                other
              </td>
              <td className="cloudtrail-num">{formatCount(row.other)}</td>
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}
