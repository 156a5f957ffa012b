import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../../lib/format-number.ts';
import { formatTimestamp, toDateTimeLocalValue } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';

/** One time bucket of a service's RED: requests, errors and latency in milliseconds. */
export interface RedRow {
  time: number;
  requests: number;
  errors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** A deploy drawn across the charts: failed ones in red. */
export interface DeployMark {
  time: number;
  label: string;
  failed: boolean;
}

export interface RedChartsProps {
  rows: RedRow[];
  deploys: DeployMark[];
  tz: TimeZoneOption;
  height: number;
}

/**
 * Rate, errors and duration of one service over time, with its deploys marked on each chart:
 * "did latency change after this deploy?" is one look.
 */
export function RedCharts({ rows, deploys, tz, height }: RedChartsProps) {
  const spanMs = rows.length > 1 ? rows.at(-1)!.time - rows[0]!.time : 0;
  const tick = (ms: number) => {
    const local = toDateTimeLocalValue(new Date(ms), tz);
    return spanMs > 86_400_000 ? local.slice(5).replace('T', ' ') : local.slice(11);
  };
  const domain: [number, number] | undefined =
    rows.length > 0 ? [rows[0]!.time, rows.at(-1)!.time] : undefined;
  const marks = deploys
    .filter((deploy) => !domain || (deploy.time >= domain[0] && deploy.time <= domain[1]))
    .map((deploy) => (
      <ReferenceLine
        key={`${deploy.time}-${deploy.label}`}
        x={deploy.time}
        stroke={deploy.failed ? 'var(--red)' : 'var(--muted)'}
        strokeDasharray="4 3"
        label={{
          value: deploy.failed ? '✗' : '▲',
          position: 'top',
          fill: deploy.failed ? 'var(--red)' : 'var(--muted)',
        }}
      />
    ));
  const axis = (
    <XAxis
      dataKey="time"
      type="number"
      scale="time"
      domain={domain ?? ['dataMin', 'dataMax']}
      tickFormatter={tick}
      minTickGap={24}
      stroke="var(--muted)"
      tick={{ fill: 'var(--muted)', fontSize: 12 }}
    />
  );
  const label = (ms: unknown) => formatTimestamp(new Date(Number(ms)), tz);

  return (
    <div className="traces-red">
      <figure className="chart">
        <figcaption className="chart-caption">Requests and errors per bucket</figcaption>
        <ComposedChart responsive style={{ width: '100%', height }} data={rows} title="Requests and errors">
          <CartesianGrid vertical={false} stroke="var(--border)" />
          {axis}
          <YAxis
            width={56}
            allowDecimals={false}
            tickFormatter={formatCount}
            stroke="var(--muted)"
            tick={{ fill: 'var(--muted)', fontSize: 12 }}
          />
          <Tooltip isAnimationActive={false} labelFormatter={label} />
          <Bar dataKey="requests" name="Requests" fill="#4e79a7" isAnimationActive={false} />
          <Bar dataKey="errors" name="Errors" fill="#e15759" isAnimationActive={false} />
          {marks}
        </ComposedChart>
      </figure>
      <figure className="chart">
        <figcaption className="chart-caption">Latency (ms): p50, p95, p99</figcaption>
        <ComposedChart responsive style={{ width: '100%', height }} data={rows} title="Latency percentiles">
          <CartesianGrid vertical={false} stroke="var(--border)" />
          {axis}
          <YAxis width={56} stroke="var(--muted)" tick={{ fill: 'var(--muted)', fontSize: 12 }} />
          <Tooltip isAnimationActive={false} labelFormatter={label} />
          <Line
            dataKey="p50Ms"
            name="p50"
            stroke="#59a14f"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            dataKey="p95Ms"
            name="p95"
            stroke="#f28e2b"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            dataKey="p99Ms"
            name="p99"
            stroke="#e15759"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          {marks}
        </ComposedChart>
      </figure>
    </div>
  );
}
