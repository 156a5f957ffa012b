/**
 * Span times kept with the producer's precision: OTLP sends nanoseconds since the epoch (int64,
 * as a string or number in JSON, a Long from protobuf), Zipkin and Jaeger microseconds.
 */

/** ISO 8601 with `fractionDigits` (6 or 9) fraction digits, from an epoch count in that unit. */
export function isoFromEpoch(count: bigint, fractionDigits: 6 | 9): string {
  const perMs = fractionDigits === 9 ? 1_000_000n : 1_000n;
  const ms = count / perMs;
  const rest = count % perMs;
  const iso = new Date(Number(ms)).toISOString(); // …T12:00:00.123Z
  return `${iso.slice(0, -1)}${String(rest).padStart(fractionDigits - 3, '0')}Z`;
}

/** The millisecond ISO string of `@timestamp`, from an epoch count in nanoseconds. */
export function msIsoFromNanos(nanos: bigint): string {
  return new Date(Number(nanos / 1_000_000n)).toISOString();
}

/** An integer as a producer sent it (string, number, Long with toString) → bigint, or undefined. */
export function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? BigInt(Math.trunc(value)) : undefined;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
  if (typeof value === 'object' && value !== null && 'low' in value && 'high' in value) {
    return toBigInt(String(value));
  }
  return undefined;
}

/** Epoch times before 2000 or after 2200 are a unit mistake (seconds or ms sent as ns), not data. */
const EARLIEST_NS = 946_684_800_000_000_000n;
const LATEST_NS = 7_258_118_400_000_000_000n;

export function plausibleNanos(nanos: bigint): boolean {
  return nanos >= EARLIEST_NS && nanos <= LATEST_NS;
}
