import { useMemo, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Tooltip,
  XAxis,
  YAxis,
  type DataKey,
  type TooltipContentProps,
} from 'recharts';
import { formatCount } from '../lib/format-number.ts';
import { formatTimestamp, toDateTimeLocalValue } from '../lib/format-time.ts';
import type { TimeZoneOption } from '../lib/time-range.ts';
import { ChartTable, type ChartTableColumn } from './chart-table.tsx';

/** One stacked series: its name in the tooltip and legend, its colour, and how a row gives its value. */
export interface StackedSeries<Row> {
  key: string;
  name: string;
  color: string;
  /** A row's field, or an accessor kept stable across renders (recharts re-registers a bar whose dataKey changes). */
  value: DataKey<Row, number>;
  /** A click on this series' segment of a bar narrows the board to it; no click when absent. */
  onSelect?: (row: Row) => void;
}

export interface StackedBarChartProps<Row> {
  rows: Row[];
  /** The row field on the x axis: one bar per distinct value. */
  xKey: DataKey<Row>;
  /** When the x values are epoch ms: how wide the range is, so the labels carry dates over several days. */
  timeAxis?: { spanMs: number; tz: TimeZoneOption };
  series: readonly StackedSeries<Row>[];
  /** The chart's accessible name, and the caption of its table. */
  title: string;
  /** Heading of the table's first column; `Time` on a time axis. */
  xLabel?: string;
  height: number;
  yAxisWidth: number;
  tooltip: (props: TooltipContentProps) => ReactNode;
  caption: ReactNode;
  /** Board classes added to the layout (a narrower legend) and the caption. */
  className?: string;
  captionClassName?: string;
  /** Drawn beside the chart: the legend, or a list that stands for it. */
  aside: ReactNode;
  /** Extra recharts children drawn under the tooltip and the bars (reference areas, a legend). */
  children?: ReactNode;
}

/**
 * Counts over time as stacked bars beside their legend: the axes, grid, tooltip and click-to-narrow
 * that every board's chart shares. The board keeps its series, colours, tooltip and what a click does.
 */
export function StackedBarChart<Row>({
  rows,
  xKey,
  timeAxis,
  series,
  title,
  xLabel,
  height,
  yAxisWidth,
  tooltip,
  caption,
  className,
  captionClassName,
  aside,
  children,
}: StackedBarChartProps<Row>) {
  const tz = timeAxis?.tz;
  const seriesKey = series.map((s) => `${s.key}\u0000${s.name}`).join('\u0001');
  // A cell per bar and series, thousands over a long range: built again when the bars change,
  // not on every change of the URL that re-renders the board (a drawer opening, a filter).
  // Boards rebuild `series` each render with the same keys and stable accessors, hence seriesKey.
  const table = useMemo(
    () => (
      <ChartTable
        caption={title}
        columns={tableColumns(xKey, xLabel ?? (tz ? 'Time' : 'Bar'), tz, series)}
        rows={rows}
        rowKey={(_, index) => String(index)}
      />
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, title, xKey, xLabel, tz, seriesKey],
  );
  return (
    <div className={className ? `chart-layout ${className}` : 'chart-layout'}>
      <figure className="chart">
        <BarChart
          responsive
          style={{ width: '100%', height }}
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          // Many time bars touch; a few keep a gap between them.
          barCategoryGap={timeAxis ? (rows.length > 60 ? 0 : '12%') : undefined}
          title={title}
        >
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey={xKey}
            tickFormatter={timeAxis ? timeTickFormatter(timeAxis.spanMs, timeAxis.tz) : undefined}
            // Formatted times are wider than the default gap allows.
            minTickGap={timeAxis ? 24 : undefined}
            stroke="var(--muted)"
            tick={{ fill: 'var(--muted)', fontSize: 12 }}
          />
          <YAxis
            width={yAxisWidth}
            allowDecimals={false}
            tickFormatter={formatCount}
            stroke="var(--muted)"
            tick={{ fill: 'var(--muted)', fontSize: 12 }}
          />
          {children}
          <Tooltip
            cursor={{ fill: 'var(--border)', fillOpacity: 0.35 }}
            isAnimationActive={false}
            content={tooltip}
          />
          {series.map((s) => (
            <Bar
              key={s.key}
              name={s.name}
              dataKey={s.value}
              stackId="stack"
              fill={s.color}
              isAnimationActive={false}
              className="chart-segment"
              onClick={s.onSelect ? (item) => s.onSelect?.(item.payload as Row) : undefined}
            />
          ))}
        </BarChart>
        <figcaption className={captionClassName ? `chart-caption ${captionClassName}` : 'chart-caption'}>
          {caption}
        </figcaption>
      </figure>
      {aside}
      {table}
    </div>
  );
}

/** The chart's rows as table columns: the bar's x value, each series, and the bar's total. */
function tableColumns<Row>(
  xKey: DataKey<Row>,
  xLabel: string,
  tz: TimeZoneOption | undefined,
  series: readonly StackedSeries<Row>[],
): ChartTableColumn<Row>[] {
  const x: ChartTableColumn<Row> = {
    label: xLabel,
    cell: (row) => {
      const value = read(row, xKey);
      return tz && typeof value === 'number' ? formatTimestamp(new Date(value), tz) : String(value ?? '');
    },
  };
  const values: ChartTableColumn<Row>[] = series.map((s) => ({
    label: s.name,
    numeric: true,
    cell: (row) => formatCount(Number(read(row, s.value) ?? 0)),
  }));
  const total: ChartTableColumn<Row> = {
    label: 'Total',
    numeric: true,
    cell: (row) => formatCount(series.reduce((sum, s) => sum + Number(read(row, s.value) ?? 0), 0)),
  };
  return series.length > 1 ? [x, ...values, total] : [x, ...values];
}

/** A recharts data key read the way recharts reads it: a field name or an accessor. */
function read<Row>(row: Row, key: DataKey<Row>): unknown {
  return typeof key === 'function'
    ? key(row)
    : (row as Record<string | number, unknown>)[key as string | number];
}

/** Axis labels for epoch-ms bars: the time within a day, with the date over several days. */
function timeTickFormatter(spanMs: number, tz: TimeZoneOption): (ms: number) => string {
  return (ms) => {
    const local = toDateTimeLocalValue(new Date(ms), tz);
    return spanMs > 86_400_000 ? local.slice(5).replace('T', ' ') : local.slice(11);
  };
}

/** 3_600_000 → `hour`, 300_000 → `5 minutes`: the width of one bar, in words. */
export function describeIntervalMs(ms: number): string {
  if (ms % 86_400_000 === 0) return ms === 86_400_000 ? 'day' : `${ms / 86_400_000} days`;
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'hour' : `${ms / 3_600_000} hours`;
  return ms === 60_000 ? 'minute' : `${ms / 60_000} minutes`;
}
