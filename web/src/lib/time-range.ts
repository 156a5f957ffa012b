// The global time range lives in the URL (`from`, `to`, `refresh`, `tz`) so that a link restores
// exactly what was seen. Everything here is pure: callers pass `now`, nothing reads the clock.

export type RefreshOption = 'off' | '10s' | '30s' | '1m' | '5m';
export type TimeZoneOption = 'local' | 'utc';

/** A bound as written in the URL, plus what it means. */
export type TimeBound =
  { kind: 'relative'; text: string; offsetMs: number } | { kind: 'absolute'; text: string; date: Date };

export interface TimeRange {
  from: TimeBound;
  to: TimeBound;
}

export interface IgnoredParam {
  param: string;
  value: string;
  reason: string;
}

export interface TimeSettings {
  range: TimeRange;
  refresh: RefreshOption;
  tz: TimeZoneOption;
  /** URL values that were not understood and replaced by defaults; the UI names each one. */
  ignored: IgnoredParam[];
}

export interface ResolvedTimeRange {
  from: Date;
  to: Date;
}

const DEFAULT_FROM: TimeBound = { kind: 'relative', text: 'now-24h', offsetMs: 86_400_000 };
const DEFAULT_TO: TimeBound = { kind: 'relative', text: 'now', offsetMs: 0 };
export const DEFAULT_REFRESH: RefreshOption = 'off';
export const DEFAULT_TZ: TimeZoneOption = 'local';

export const QUICK_RANGES = [
  { from: 'now-15m', label: 'Last 15 minutes' },
  { from: 'now-1h', label: 'Last 1 hour' },
  { from: 'now-24h', label: 'Last 24 hours' },
  { from: 'now-7d', label: 'Last 7 days' },
  { from: 'now-30d', label: 'Last 30 days' },
] as const;

export const REFRESH_OPTIONS: readonly { value: RefreshOption; label: string; ms: number | false }[] = [
  { value: 'off', label: 'Off', ms: false },
  { value: '10s', label: '10 s', ms: 10_000 },
  { value: '30s', label: '30 s', ms: 30_000 },
  { value: '1m', label: '1 min', ms: 60_000 },
  { value: '5m', label: '5 min', ms: 300_000 },
];

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const UNIT_NAMES = { m: 'minute', h: 'hour', d: 'day' } as const;
type Unit = keyof typeof UNIT_MS;

// `now` or `now-<n><m|h|d>`: the subset of Elasticsearch date math that the BFF resolves too.
const RELATIVE = /^now(?:-([1-9]\d{0,4})([mhd]))?$/;
// Absolute times must carry their zone, otherwise the same link means different instants to
// people in different places.
const ABSOLUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function parseTimeBound(text: string): TimeBound | null {
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, amount, unit] = relative;
    const offsetMs = amount && unit ? Number(amount) * UNIT_MS[unit as Unit] : 0;
    return { kind: 'relative', text, offsetMs };
  }
  if (ABSOLUTE.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return { kind: 'absolute', text, date: new Date(ms) };
  }
  return null;
}

export function parseTimeSettings(params: URLSearchParams): TimeSettings {
  const ignored: IgnoredParam[] = [];

  const bound = (param: 'from' | 'to', fallback: TimeBound): TimeBound => {
    const value = params.get(param);
    if (value !== null) {
      const parsed = parseTimeBound(value);
      if (parsed) return parsed;
      ignored.push({ param, value, reason: 'expected now-15m … now-30d, now, or an ISO time with zone' });
    }
    return fallback;
  };

  let from = bound('from', DEFAULT_FROM);
  let to = bound('to', DEFAULT_TO);
  if (!isOrdered(from, to)) {
    ignored.push({ param: 'from', value: from.text, reason: `must be before to=${to.text}` });
    from = DEFAULT_FROM;
    to = DEFAULT_TO;
  }

  const refreshValue = params.get('refresh');
  let refresh = DEFAULT_REFRESH;
  if (refreshValue !== null) {
    const option = REFRESH_OPTIONS.find((o) => o.value === refreshValue);
    if (option) refresh = option.value;
    else ignored.push({ param: 'refresh', value: refreshValue, reason: 'expected off, 10s, 30s, 1m or 5m' });
  }

  const tzValue = params.get('tz');
  let tz = DEFAULT_TZ;
  if (tzValue === 'local' || tzValue === 'utc') tz = tzValue;
  else if (tzValue !== null) ignored.push({ param: 'tz', value: tzValue, reason: 'expected local or utc' });

  return { range: { from, to }, refresh, tz, ignored };
}

// Only bounds of the same kind can be compared without a clock; a mixed range that turns out
// inverted is left for the BFF to reject with a message naming the parameter.
function isOrdered(from: TimeBound, to: TimeBound): boolean {
  if (from.kind === 'relative' && to.kind === 'relative') return from.offsetMs > to.offsetMs;
  if (from.kind === 'absolute' && to.kind === 'absolute') return from.date < to.date;
  return true;
}

export function describeIgnored(item: IgnoredParam): string {
  const value = item.value.length > 40 ? `${item.value.slice(0, 40)}…` : item.value;
  return `ignored invalid ${item.param}=${value} (${item.reason})`;
}

export function resolveTimeBound(bound: TimeBound, now: Date): Date {
  return bound.kind === 'absolute' ? bound.date : new Date(now.getTime() - bound.offsetMs);
}

export function resolveTimeRange(range: TimeRange, now: Date): ResolvedTimeRange {
  return { from: resolveTimeBound(range.from, now), to: resolveTimeBound(range.to, now) };
}

export function refreshIntervalMs(refresh: RefreshOption): number | false {
  return REFRESH_OPTIONS.find((o) => o.value === refresh)?.ms ?? false;
}

/** "Last 7 days" for ranges that end now; undefined when the range needs absolute wording. */
export function relativeRangeLabel(range: TimeRange): string | undefined {
  if (range.from.kind !== 'relative' || range.to.text !== 'now') return undefined;
  const match = RELATIVE.exec(range.from.text);
  const [, amount, unit] = match ?? [];
  if (!amount || !unit) return undefined;
  const name = UNIT_NAMES[unit as Unit];
  return `Last ${amount} ${name}${amount === '1' ? '' : 's'}`;
}

/**
 * The same URL with a relative range replaced by the absolute instants it meant at `now`, so a
 * link opened days later shows the same data. Auto-refresh is dropped: a frozen range never
 * changes, refreshing it would only repeat the same requests.
 */
export function freezeTimeRangeUrl(href: string, now: Date): string {
  const url = new URL(href);
  const { range } = parseTimeSettings(url.searchParams);
  const resolved = resolveTimeRange(range, now);
  url.searchParams.set('from', resolved.from.toISOString());
  url.searchParams.set('to', resolved.to.toISOString());
  url.searchParams.delete('refresh');
  return url.toString();
}
