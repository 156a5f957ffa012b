import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { ContainerTimelineResponse, ReasonClass } from '@lookout/server/types';
import { formatCount } from '../../lib/format-number.ts';
import { formatRange, toDateTimeLocalValue, zoneLabel } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { Swatch } from './badges.tsx';
import { reasonStyle, UNLISTED_REASON } from './reason-classes.ts';
import { toTimelineRows, visibleReasons, type TimelineRow } from './timeline-rows.ts';

const CHART_HEIGHT = 260;

export interface FailuresChartProps {
  data: ContainerTimelineResponse;
  /** The reason filter: only these classes are drawn (all when empty). */
  selectedReasons: readonly ReasonClass[];
  tz: TimeZoneOption;
  /** A click on a segment: that reason (null for unlisted) in that bar's time span. */
  onSelectBar?: (reason: ReasonClass | null, row: TimelineRow) => void;
}

/** Startup failures per interval, stacked by reason class in the board's fixed order and colours. */
export function FailuresChart({ data, selectedReasons, tz, onSelectBar }: FailuresChartProps) {
  const rows = useMemo(() => toTimelineRows(data), [data]);
  const reasonsKey = visibleReasons(rows, selectedReasons).join(',');
  const showUnlisted = selectedReasons.length === 0 && rows.some((row) => row.unlisted > 0);
  // One accessor per series, kept while the drawn classes stay the same: recharts re-registers a
  // bar whose dataKey changes.
  const bars = useMemo(
    () =>
      (reasonsKey ? (reasonsKey.split(',') as ReasonClass[]) : []).map((reason) => ({
        reason,
        ...reasonStyle(reason),
        value: (row: TimelineRow) => row.byReason[reason],
      })),
    [reasonsKey],
  );
  const reasons = bars.map((bar) => bar.reason);
  const first = rows[0];
  const last = rows.at(-1);
  const spanMs = first && last ? last.endMs - first.startMs : 0;
  const tick = (ms: number) => {
    const local = toDateTimeLocalValue(new Date(ms), tz);
    // Within a day the hour is enough; over several days each label needs its date.
    return spanMs > 86_400_000 ? local.slice(5).replace('T', ' ') : local.slice(11);
  };
  const zone = zoneLabel(new Date(last?.endMs ?? 0), tz);

  return (
    <div className="containers-chart-layout">
      <figure className="containers-chart">
        <BarChart
          responsive
          style={{ width: '100%', height: CHART_HEIGHT }}
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          barCategoryGap={rows.length > 60 ? 0 : '12%'}
          title="Startup failures per interval, by reason class"
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
            width={44}
            allowDecimals={false}
            tickFormatter={formatCount}
            stroke="var(--muted)"
            tick={{ fill: 'var(--muted)', fontSize: 12 }}
          />
          <Tooltip
            cursor={{ fill: 'var(--border)', fillOpacity: 0.35 }}
            isAnimationActive={false}
            content={(props: TooltipContentProps) => (
              <BarTooltip {...props} reasons={reasons} showUnlisted={showUnlisted} tz={tz} />
            )}
          />
          {bars.map((bar) => (
            <Bar
              key={bar.reason}
              name={bar.label}
              dataKey={bar.value}
              stackId="reasons"
              fill={bar.color}
              isAnimationActive={false}
              className="containers-chart-segment"
              onClick={
                onSelectBar ? (item) => onSelectBar(bar.reason, item.payload as TimelineRow) : undefined
              }
            />
          ))}
          {showUnlisted && (
            <Bar
              name={UNLISTED_REASON.label}
              dataKey="unlisted"
              stackId="reasons"
              fill={UNLISTED_REASON.color}
              isAnimationActive={false}
              className="containers-chart-segment"
              onClick={onSelectBar ? (item) => onSelectBar(null, item.payload as TimelineRow) : undefined}
            />
          )}
        </BarChart>
        <figcaption className="containers-caption">
          Time ({zone}), one bar per {describeInterval(data.interval)}. Click a segment to list those
          failures.
        </figcaption>
      </figure>
      <ReasonLegend reasons={reasons} showUnlisted={showUnlisted} rows={rows} />
    </div>
  );
}

/** The chart's legend with each class's count in range, in the chart's order. */
function ReasonLegend({
  reasons,
  showUnlisted,
  rows,
}: {
  reasons: ReasonClass[];
  showUnlisted: boolean;
  rows: TimelineRow[];
}) {
  const total = (reason: ReasonClass) => rows.reduce((sum, row) => sum + row.byReason[reason], 0);
  return (
    <ul className="containers-legend" aria-label="Reason classes">
      {reasons.map((reason) => {
        const style = reasonStyle(reason);
        return (
          <li key={reason} title={style.description} data-reason={reason}>
            <Swatch color={style.color} />
            <span>{style.label}</span>
            <span className="containers-num">{formatCount(total(reason))}</span>
          </li>
        );
      })}
      {showUnlisted && (
        <li title={UNLISTED_REASON.description}>
          <Swatch color={UNLISTED_REASON.color} />
          <span>{UNLISTED_REASON.label}</span>
          <span className="containers-num">
            {formatCount(rows.reduce((sum, row) => sum + row.unlisted, 0))}
          </span>
        </li>
      )}
    </ul>
  );
}

function BarTooltip({
  active,
  payload,
  reasons,
  showUnlisted,
  tz,
}: TooltipContentProps & { reasons: ReasonClass[]; showUnlisted: boolean; tz: TimeZoneOption }) {
  const row = payload?.[0]?.payload as TimelineRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="containers-tooltip">
      <p className="containers-tooltip-title">
        {formatRange(new Date(row.startMs), new Date(row.endMs), tz, 'minute')}
      </p>
      <p className="containers-tooltip-total">{formatCount(row.total)} startup failures</p>
      <table>
        <tbody>
          {reasons
            .filter((reason) => row.byReason[reason] > 0)
            .map((reason) => (
              <tr key={reason}>
                <td>
                  <Swatch color={reasonStyle(reason).color} />
                  {reasonStyle(reason).label}
                </td>
                <td className="containers-num">{formatCount(row.byReason[reason])}</td>
              </tr>
            ))}
          {showUnlisted && row.unlisted > 0 && (
            <tr>
              <td>
                <Swatch color={UNLISTED_REASON.color} />
                {UNLISTED_REASON.label}
              </td>
              <td className="containers-num">{formatCount(row.unlisted)}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** `1h` → `hour`, `5m` → `5 minutes`. */
export function describeInterval(interval: string): string {
  const match = /^(\d+)([mhd])$/.exec(interval);
  if (!match) return interval;
  const n = Number(match[1]);
  const unit = { m: 'minute', h: 'hour', d: 'day' }[match[2] as 'm' | 'h' | 'd'];
  return n === 1 ? unit : `${n} ${unit}s`;
}
