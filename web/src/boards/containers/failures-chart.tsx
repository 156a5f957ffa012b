import { useMemo } from 'react';
import type { TooltipContentProps } from 'recharts';
import type { containers } from '@lookout/server/types';
import { formatCount } from '../../lib/format-number.ts';
import { Swatch } from '../../components/swatch.tsx';
import { describeIntervalMs, StackedBarChart, type StackedSeries } from '../../components/time-bar-chart.tsx';
import { formatRange, zoneLabel } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { reasonStyle, UNLISTED_REASON } from './reason-classes.ts';
import { intervalMs, toTimelineRows, visibleReasons, type TimelineRow } from './timeline-rows.ts';

export interface FailuresChartProps {
  /** Pixels; the lazy placeholder holds the same height while the chart's code loads. */
  height: number;
  data: containers.TimelineResponse;
  /** The reason filter: only these classes are drawn (all when empty). */
  selectedReasons: readonly containers.ReasonClass[];
  tz: TimeZoneOption;
  /** A click on a segment: that reason (null for unlisted) in that bar's time span. */
  onSelectBar?: (reason: containers.ReasonClass | null, row: TimelineRow) => void;
}

/** Startup failures per interval, stacked by reason class in the board's fixed order and colours. */
export function FailuresChart({ data, selectedReasons, tz, height, onSelectBar }: FailuresChartProps) {
  const rows = useMemo(() => toTimelineRows(data), [data]);
  const reasonsKey = visibleReasons(rows, selectedReasons).join(',');
  const showUnlisted = selectedReasons.length === 0 && rows.some((row) => row.unlisted > 0);
  // One accessor per series, kept while the drawn classes stay the same: recharts re-registers a
  // bar whose dataKey changes.
  const bars = useMemo(
    () =>
      (reasonsKey ? (reasonsKey.split(',') as containers.ReasonClass[]) : []).map((reason) => ({
        reason,
        ...reasonStyle(reason),
        value: (row: TimelineRow) => row.byReason[reason],
      })),
    [reasonsKey],
  );
  const reasons = bars.map((bar) => bar.reason);
  const series: StackedSeries<TimelineRow>[] = bars.map((bar) => ({
    key: bar.reason,
    name: bar.label,
    color: bar.color,
    value: bar.value,
    onSelect: onSelectBar ? (row) => onSelectBar(bar.reason, row) : undefined,
  }));
  if (showUnlisted) {
    series.push({
      key: 'unlisted',
      name: UNLISTED_REASON.label,
      color: UNLISTED_REASON.color,
      value: 'unlisted',
      onSelect: onSelectBar ? (row) => onSelectBar(null, row) : undefined,
    });
  }
  const first = rows[0];
  const last = rows.at(-1);
  const spanMs = first && last ? last.endMs - first.startMs : 0;
  const zone = zoneLabel(new Date(last?.endMs ?? 0), tz);
  const width = intervalMs(data.interval);

  return (
    <StackedBarChart
      rows={rows}
      xKey="startMs"
      timeAxis={{ spanMs, tz }}
      series={series}
      title="Startup failures per interval, by reason class"
      height={height}
      yAxisWidth={44}
      tooltip={(props) => <BarTooltip {...props} reasons={reasons} showUnlisted={showUnlisted} tz={tz} />}
      className="containers-chart-layout"
      caption={
        <>
          Time ({zone}), one bar per {width === null ? data.interval : describeIntervalMs(width)}. Click a
          segment to list those failures.
        </>
      }
      aside={<ReasonLegend reasons={reasons} showUnlisted={showUnlisted} rows={rows} />}
    />
  );
}

/** The chart's legend with each class's count in range, in the chart's order. */
function ReasonLegend({
  reasons,
  showUnlisted,
  rows,
}: {
  reasons: containers.ReasonClass[];
  showUnlisted: boolean;
  rows: TimelineRow[];
}) {
  const total = (reason: containers.ReasonClass) => rows.reduce((sum, row) => sum + row.byReason[reason], 0);
  return (
    <ul className="containers-legend" aria-label="Reason classes">
      {reasons.map((reason) => {
        const style = reasonStyle(reason);
        return (
          <li key={reason} title={style.description} data-reason={reason}>
            <Swatch color={style.color} />
            <span>{style.label}</span>
            <span className="num">{formatCount(total(reason))}</span>
          </li>
        );
      })}
      {showUnlisted && (
        <li title={UNLISTED_REASON.description}>
          <Swatch color={UNLISTED_REASON.color} />
          <span>{UNLISTED_REASON.label}</span>
          <span className="num">{formatCount(rows.reduce((sum, row) => sum + row.unlisted, 0))}</span>
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
}: TooltipContentProps & { reasons: containers.ReasonClass[]; showUnlisted: boolean; tz: TimeZoneOption }) {
  const row = payload?.[0]?.payload as TimelineRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">
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
                <td className="num">{formatCount(row.byReason[reason])}</td>
              </tr>
            ))}
          {showUnlisted && row.unlisted > 0 && (
            <tr>
              <td>
                <Swatch color={UNLISTED_REASON.color} />
                {UNLISTED_REASON.label}
              </td>
              <td className="num">{formatCount(row.unlisted)}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
