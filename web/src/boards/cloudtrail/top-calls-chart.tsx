import { useMemo } from 'react';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { TopCallsResponse } from '@lookout/server/types';
import { formatRange, toDateTimeLocalValue, zoneLabel } from '../../lib/format-time.ts';
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
  data: TopCallsResponse;
  tz: TimeZoneOption;
  /** A click on a segment: that call (null for "other") in that bar's time span. */
  onSelectBar(eventName: string | null, row: ChartRow): void;
  /** Link target that filters the events list by one call, in the current range. */
  searchForCall(eventName: string): string;
  /** After following one of those links. */
  onCallLinkFollowed?: () => void;
}

const CHART_HEIGHT = 280;

export function TopCallsChart({
  data,
  tz,
  onSelectBar,
  searchForCall,
  onCallLinkFollowed,
}: TopCallsChartProps) {
  const { rows, series, intervalMs } = useMemo(() => toChartRows(data), [data]);
  // One accessor per series, kept across renders: recharts re-registers a bar whose dataKey changes.
  const bars = useMemo(
    () => series.map((s) => ({ ...s, value: (row: ChartRow) => row.counts[s.eventName] ?? 0 })),
    [series],
  );
  const spanMs = Date.parse(data.to) - Date.parse(data.from);
  const tick = (ms: number) => {
    const local = toDateTimeLocalValue(new Date(ms), tz);
    // Within a day the hour is enough; over several days each label needs its date.
    return spanMs > 86_400_000 ? local.slice(5).replace('T', ' ') : local.slice(11);
  };
  const zone = zoneLabel(new Date(data.to), tz);

  return (
    <div className="cloudtrail-chart-layout">
      <figure className="cloudtrail-chart">
        <BarChart
          responsive
          style={{ width: '100%', height: CHART_HEIGHT }}
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          barCategoryGap={rows.length > 60 ? 0 : '12%'}
          title="Top API calls per bar"
        >
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="startMs"
            tickFormatter={tick}
            minTickGap={24}
            stroke="var(--muted)"
            tick={{ fill: 'var(--muted)', fontSize: 12 }}
          />
          <YAxis
            width={52}
            allowDecimals={false}
            tickFormatter={formatCount}
            stroke="var(--muted)"
            tick={{ fill: 'var(--muted)', fontSize: 12 }}
          />
          <Tooltip
            cursor={{ fill: 'var(--border)', fillOpacity: 0.35 }}
            isAnimationActive={false}
            content={(props: TooltipContentProps) => <BarTooltip {...props} series={series} tz={tz} />}
          />
          {bars.map((bar) => (
            <Bar
              key={bar.eventName}
              name={bar.eventName}
              dataKey={bar.value}
              stackId="calls"
              fill={bar.color}
              isAnimationActive={false}
              className="cloudtrail-chart-segment"
              onClick={(item) => onSelectBar(bar.eventName, item.payload as ChartRow)}
            />
          ))}
          <Bar
            name="Other"
            dataKey="other"
            stackId="calls"
            fill={OTHER_COLOR}
            isAnimationActive={false}
            className="cloudtrail-chart-segment"
            onClick={(item) => onSelectBar(null, item.payload as ChartRow)}
          />
        </BarChart>
        <figcaption className="cloudtrail-chart-caption">
          Time ({zone}), one bar per {describeInterval(intervalMs)}. Each bar stacks its own top calls; click
          a segment to list those events.
        </figcaption>
      </figure>
      <TopCallsList data={data} series={series} searchForCall={searchForCall} onFollow={onCallLinkFollowed} />
    </div>
  );
}

/** The chart's legend, and its keyboard and screen-reader equivalent: each call is a link. */
function TopCallsList({
  data,
  series,
  searchForCall,
  onFollow,
}: {
  data: TopCallsResponse;
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
                <Swatch color={colorOf(series, call.eventName)} />
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
            <Swatch color={OUTSIDE_TOP_COLOR} />
            Top in some bars only
          </li>
        )}
        <li>
          <Swatch color={OTHER_COLOR} />
          Other (outside the bar&apos;s top)
        </li>
      </ul>
    </div>
  );
}

function Swatch({ color }: { color: string }) {
  return <span className="cloudtrail-swatch" style={{ background: color }} aria-hidden="true" />;
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
    <div className="cloudtrail-tooltip">
      <p className="cloudtrail-tooltip-title">
        {formatRange(new Date(row.from), new Date(row.to), tz, 'minute')}
      </p>
      <p className="cloudtrail-tooltip-total">{formatCount(row.total)} events</p>
      {row.calls.length > 0 && (
        <table>
          <tbody>
            {row.calls.map((call) => (
              <tr key={call.eventName}>
                <td>
                  <Swatch color={colorOf(series, call.eventName)} />
                  {call.eventName}
                </td>
                <td className="cloudtrail-num">{formatCount(call.count)}</td>
              </tr>
            ))}
            <tr>
              <td>
                <Swatch color={OTHER_COLOR} />
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

function describeInterval(ms: number): string {
  if (ms % 86_400_000 === 0) return ms === 86_400_000 ? 'day' : `${ms / 86_400_000} days`;
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'hour' : `${ms / 3_600_000} hours`;
  return `${ms / 60_000} minutes`;
}
