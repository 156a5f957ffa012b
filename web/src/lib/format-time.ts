import { relativeRangeLabel, type TimeBound, type TimeRange, type TimeZoneOption } from './time-range.ts';

// Every timestamp on screen names its zone: at 3 a.m. nobody should have to guess whether
// "10:43" is UTC or the browser's time.

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function fields(date: Date, tz: TimeZoneOption): Fields {
  return tz === 'utc'
    ? {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: date.getUTCHours(),
        minute: date.getUTCMinutes(),
        second: date.getUTCSeconds(),
      }
    : {
        year: date.getFullYear(),
        month: date.getMonth() + 1,
        day: date.getDate(),
        hour: date.getHours(),
        minute: date.getMinutes(),
        second: date.getSeconds(),
      };
}

const pad = (n: number) => String(n).padStart(2, '0');

// An offset ("GMT+1") rather than an abbreviation ("CET", "CST"): abbreviations are ambiguous
// across regions, offsets are not. The offset is taken at `date`, so it follows summer time.
const localOffset = new Intl.DateTimeFormat('en-US', { timeZoneName: 'shortOffset' });

export function zoneLabel(date: Date, tz: TimeZoneOption): string {
  if (tz === 'utc') return 'UTC';
  return localOffset.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? 'local';
}

function formatDate(f: Fields): string {
  return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
}

function formatTime(f: Fields, precision: 'minute' | 'second'): string {
  const hm = `${pad(f.hour)}:${pad(f.minute)}`;
  return precision === 'second' ? `${hm}:${pad(f.second)}` : hm;
}

/** `2026-11-26 10:43:12 UTC` or `2026-11-26 11:43:12 GMT+1`. */
export function formatTimestamp(date: Date, tz: TimeZoneOption): string {
  const f = fields(date, tz);
  return `${formatDate(f)} ${formatTime(f, 'second')} ${zoneLabel(date, tz)}`;
}

/** `10:43:12 UTC`, for "updated at" stamps where the date is obvious. */
export function formatClock(date: Date, tz: TimeZoneOption): string {
  return `${formatTime(fields(date, tz), 'second')} ${zoneLabel(date, tz)}`;
}

/**
 * `2026-11-20 10:00 → 2026-11-21 10:00 UTC`. The zone is written once when both ends share it,
 * and on each end when a summer-time switch falls inside the range.
 */
export function formatRange(
  from: Date,
  to: Date,
  tz: TimeZoneOption,
  precision: 'minute' | 'second',
): string {
  const fromZone = zoneLabel(from, tz);
  const toZone = zoneLabel(to, tz);
  const fromFields = fields(from, tz);
  const toFields = fields(to, tz);
  const start = `${formatDate(fromFields)} ${formatTime(fromFields, precision)}`;
  const end = `${formatDate(toFields)} ${formatTime(toFields, precision)}`;
  return fromZone === toZone ? `${start} → ${end} ${toZone}` : `${start} ${fromZone} → ${end} ${toZone}`;
}

/** Minutes are enough to read a range unless one of its ends has seconds worth showing. */
export function rangePrecision(from: Date, to: Date): 'minute' | 'second' {
  return from.getTime() % 60_000 === 0 && to.getTime() % 60_000 === 0 ? 'minute' : 'second';
}

/** Value for `<input type="datetime-local">`, showing `date` in the selected zone. */
export function toDateTimeLocalValue(date: Date, tz: TimeZoneOption): string {
  const f = fields(date, tz);
  return `${formatDate(f)}T${formatTime(f, 'minute')}`;
}

/** Reads an `<input type="datetime-local">` value as a time in the selected zone. */
export function parseDateTimeLocalValue(value: string, tz: TimeZoneOption): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date =
    tz === 'utc'
      ? new Date(Date.UTC(year, month - 1, day, hour, minute, second))
      : new Date(year, month - 1, day, hour, minute, second);
  // Reject values the Date constructor would silently roll over, such as February 30th.
  const f = fields(date, tz);
  if (f.year !== year || f.month !== month || f.day !== day) return null;
  return date;
}

/**
 * How the picker names a range: "Last 7 days" when it ends now, otherwise its ends,
 * e.g. "2026-11-20 10:00 → 2026-11-21 10:00 UTC".
 */
export function describeTimeRange(range: TimeRange, tz: TimeZoneOption): string {
  const relative = relativeRangeLabel(range);
  if (relative) return relative;
  const { from, to } = range;
  if (from.kind === 'absolute' && to.kind === 'absolute') {
    return formatRange(from.date, to.date, tz, rangePrecision(from.date, to.date));
  }
  const end = (bound: TimeBound) =>
    bound.kind === 'absolute' ? formatTimestamp(bound.date, tz) : bound.text;
  return `${end(from)} → ${end(to)}`;
}
