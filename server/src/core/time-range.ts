/**
 * `from`/`to` as users and links write them: ISO-8601, or date math relative to now
 * (`now`, `now-24h`, `now-7d`, `now-15m`, optionally rounded: `now/d`, `now-1d/d`).
 * Resolved here to absolute epoch milliseconds, so that every request the BFF sends is absolute
 * and identical requests are byte-identical (Elasticsearch's request cache can serve them).
 */

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

const DATE_MATH = /^now(?:([+-])(\d+)([smhdw]))?(?:\/([smhdw]))?$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A bad `from`/`to` (or similar): the message names the parameter; the error handler answers 400. */
export class BadParameterError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly parameter: string,
    problem: string,
  ) {
    super(`querystring/${parameter} ${problem}`);
    this.name = 'BadParameterError';
  }
}

/** The BFF's "now", floored to the minute: requests within one minute share cache entries. */
export function flooredNow(now: Date): number {
  return Math.floor(now.getTime() / 60_000) * 60_000;
}

/** Times Lookout accepts: 1970-01-01 to 9999-12-31 (a date the engine and `Date` both hold). */
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function withinDates(parameter: string, value: string, ms: number): number {
  if (!Number.isFinite(ms) || ms < 0 || ms > LATEST_MS) {
    throw new BadParameterError(parameter, `is out of range (1970 to 9999), got "${value.slice(0, 64)}"`);
  }
  return ms;
}

export function parseTimeExpression(parameter: string, value: string, nowMs: number): number {
  const math = DATE_MATH.exec(value);
  if (math) {
    const [, sign, amount, unit, roundTo] = math;
    // `now` is the END of the current minute: a failure 20 s ago must be inside `to=now`, and
    // every request within the minute still resolves to the same bytes (cacheable). Rounded
    // expressions (`now/d`) start from the minute itself, so the last minute of a day stays in it.
    let result = roundTo ? nowMs : nowMs + 60_000;
    if (sign && amount && unit) result += (sign === '-' ? -1 : 1) * Number(amount) * UNIT_MS[unit]!;
    if (roundTo) result = Math.floor(result / UNIT_MS[roundTo]!) * UNIT_MS[roundTo]!;
    return withinDates(parameter, value, result);
  }
  if (ISO.test(value)) {
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return withinDates(parameter, value, parsed);
  }
  throw new BadParameterError(
    parameter,
    `must be ISO-8601 (2026-11-26T10:00:00Z) or date math (now-24h), got "${value.slice(0, 64)}"`,
  );
}

export interface TimeRange {
  fromMs: number;
  toMs: number;
}

export interface TimeRangeLimits {
  /** Longest range an endpoint accepts (query cost). */
  maxRangeMs?: number;
}

/** Resolves `from`/`to` against `now` (floored to the minute); `from` must be before `to`. */
export function resolveTimeRange(
  params: { from?: string; to?: string },
  now: Date,
  defaults: { from: string; to: string } = { from: 'now-24h', to: 'now' },
  limits: TimeRangeLimits = {},
): TimeRange {
  const nowMs = flooredNow(now);
  const fromMs = parseTimeExpression('from', params.from ?? defaults.from, nowMs);
  const toMs = parseTimeExpression('to', params.to ?? defaults.to, nowMs);
  if (fromMs >= toMs)
    throw new BadParameterError(
      'from',
      `must be before to (${new Date(fromMs).toISOString()} ≥ ${new Date(toMs).toISOString()})`,
    );
  if (limits.maxRangeMs !== undefined && toMs - fromMs > limits.maxRangeMs) {
    throw new BadParameterError(
      'from',
      `range longer than the maximum of ${Math.round(limits.maxRangeMs / 86_400_000)} days`,
    );
  }
  return { fromMs, toMs };
}

/** No chart bar is wider than a year: longer is a typo, and the engine refuses huge intervals. */
const MAX_INTERVAL_MS = 366 * 86_400_000;

/** `10m`, `1h`, `1d` ↔ milliseconds, for histogram intervals (at most 366 days). */
export function intervalMs(parameter: string, interval: string): number {
  const match = /^(\d{1,12})([smhd])$/.exec(interval);
  if (!match || Number(match[1]) === 0) {
    throw new BadParameterError(parameter, `must look like 10m, 1h or 1d, got "${interval.slice(0, 64)}"`);
  }
  const ms = Number(match[1]) * UNIT_MS[match[2]!]!;
  if (ms > MAX_INTERVAL_MS) throw new BadParameterError(parameter, `must be at most 366d, got "${interval}"`);
  return ms;
}

export interface IntervalChoice {
  /** Bar widths a chart may use, narrowest first; the widest is the fallback. */
  intervals: readonly string[];
  /** Above this many bars a chart is unreadable: the automatic choice widens. */
  maxBars: number;
  /** An explicit `interval` may draw more bars, up to this (query cost and chart budget). */
  maxExplicitBars: number;
}

/** The `interval` asked for (within the bar limit, else 400 naming it), or the narrowest readable one. */
export function chooseInterval(
  range: TimeRange,
  requested: string | undefined,
  choice: IntervalChoice,
): string {
  const span = range.toMs - range.fromMs;
  if (requested) {
    if (span / intervalMs('interval', requested) > choice.maxExplicitBars) {
      throw new BadParameterError(
        'interval',
        `${requested} draws more than ${choice.maxExplicitBars} bars over this range; choose a wider one`,
      );
    }
    return requested;
  }
  const widest = choice.intervals.at(-1)!;
  return (
    choice.intervals.find(
      (interval) => Math.ceil(span / intervalMs('interval', interval)) <= choice.maxBars,
    ) ?? widest
  );
}

/**
 * A board's reading of `from`/`to` against the clock (or the request's `now`, which an endpoint's
 * `build` is given): its default range and its longest range.
 */
export function rangeReader(
  defaults: { from: string; to: string } | undefined,
  limits: TimeRangeLimits,
): (query: { from?: string; to?: string }, now?: Date) => TimeRange {
  return (query, now = new Date()) => resolveTimeRange(query, now, defaults, limits);
}
