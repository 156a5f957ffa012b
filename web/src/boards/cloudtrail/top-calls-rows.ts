import type { cloudtrail } from '@lookout/server/types';

type Bucket = cloudtrail.TopCallsResponse['buckets'][number];
type CallCount = Bucket['calls'][number];

// Ten colours that stay apart from each other and from the greys below; the n-th call of the
// whole range always gets the n-th colour, so "blue" means the busiest call on every bar.
export const SERIES_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#17becf',
] as const;
/** Calls that are in some bar's own top list but not in the range's: one shared colour. */
export const OUTSIDE_TOP_COLOR = '#6e7781';
/** Events outside each bar's own top list. */
export const OTHER_COLOR = '#c4cad1';

export interface ChartSeries {
  eventName: string;
  color: string;
  /** Place in the range's top list, or null for calls only some bars have in their own top. */
  overallRank: number | null;
}

export interface ChartRow {
  /** Bucket start as sent by the server (the bar's label). */
  start: string;
  startMs: number;
  /** The bar's time span, cut to the requested range: exactly the events the bar counts. */
  from: string;
  to: string;
  total: number;
  /** This bar's own top list, for the tooltip. */
  calls: CallCount[];
  counts: Record<string, number>;
  other: number;
}

export interface ChartData {
  rows: ChartRow[];
  /** Stacking order, bottom first: the range's top calls in order, then the rest by volume. */
  series: ChartSeries[];
  intervalMs: number;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `10m`, `1h`, `1d` (the BFF's fixed intervals) in milliseconds. */
export function intervalToMs(interval: string): number {
  const match = /^([1-9]\d*)([mhd])$/.exec(interval);
  if (!match) throw new Error(`unexpected interval "${interval}" from the server`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

export function toChartRows(response: cloudtrail.TopCallsResponse): ChartData {
  const intervalMs = intervalToMs(response.interval);
  const rangeFromMs = Date.parse(response.from);
  const rangeToMs = Date.parse(response.to);

  const rows = response.buckets.map((bucket): ChartRow => {
    const startMs = Date.parse(bucket.start);
    const counts: Record<string, number> = {};
    for (const call of bucket.calls) counts[call.eventName] = call.count;
    return {
      start: bucket.start,
      startMs,
      from: new Date(Math.max(startMs, rangeFromMs)).toISOString(),
      to: new Date(Math.min(startMs + intervalMs, rangeToMs)).toISOString(),
      total: bucket.total,
      calls: bucket.calls,
      counts,
      other: bucket.other,
    };
  });

  const overallNames = response.overall.map((call) => call.eventName);
  const overallRank = new Map(overallNames.map((name, index) => [name, index]));
  const outsideVolume = new Map<string, number>();
  for (const bucket of response.buckets) {
    for (const call of bucket.calls) {
      if (overallRank.has(call.eventName)) continue;
      outsideVolume.set(call.eventName, (outsideVolume.get(call.eventName) ?? 0) + call.count);
    }
  }
  const inBars = new Set(response.buckets.flatMap((bucket) => bucket.calls.map((call) => call.eventName)));
  const outside = [...outsideVolume.entries()]
    .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
    .map(([name]) => name);

  const series: ChartSeries[] = [
    ...overallNames
      .filter((name) => inBars.has(name))
      .map((eventName) => {
        const rank = overallRank.get(eventName) ?? 0;
        return {
          eventName,
          color: SERIES_PALETTE[rank % SERIES_PALETTE.length] ?? OUTSIDE_TOP_COLOR,
          overallRank: rank,
        };
      }),
    ...outside.map((eventName) => ({ eventName, color: OUTSIDE_TOP_COLOR, overallRank: null })),
  ];

  return { rows, series, intervalMs };
}

/** A series' colour, for a call name listed somewhere else (tooltip, legend). */
export function colorOf(series: readonly ChartSeries[], eventName: string): string {
  return series.find((s) => s.eventName === eventName)?.color ?? OUTSIDE_TOP_COLOR;
}
