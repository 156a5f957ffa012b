import type { containers } from '@lookout/server/types';
import { isReasonClass, REASON_ORDER } from './reason-classes.ts';

export interface TimelineRow {
  startMs: number;
  endMs: number;
  total: number;
  /** Failures per reason class in this bar (0 for classes without failures). */
  byReason: Record<containers.ReasonClass, number>;
  /** Failures under a class this page does not know, drawn rather than lost. */
  unlisted: number;
}

const UNITS_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `5m` → 300000; null for anything else (the bar's end then comes from the next bar). */
export function intervalMs(interval: string): number | null {
  const match = /^(\d+)([mhd])$/.exec(interval);
  if (!match) return null;
  return Number(match[1]) * (UNITS_MS[match[2] as string] as number);
}

/** One stacked bar per bucket; the stack adds up to the bucket's total. */
export function toTimelineRows(timeline: containers.TimelineResponse): TimelineRow[] {
  const width = intervalMs(timeline.interval);
  return timeline.buckets.map((bucket, index) => {
    const startMs = Date.parse(bucket.start);
    const next = timeline.buckets[index + 1];
    const endMs = width !== null ? startMs + width : next ? Date.parse(next.start) : startMs;
    const byReason = Object.fromEntries(REASON_ORDER.map((reason) => [reason, 0])) as Record<
      containers.ReasonClass,
      number
    >;
    let listed = 0;
    for (const [reason, count] of Object.entries(bucket.byReason)) {
      if (!isReasonClass(reason)) continue;
      byReason[reason] += count;
      listed += count;
    }
    return { startMs, endMs, total: bucket.total, byReason, unlisted: Math.max(0, bucket.total - listed) };
  });
}

/**
 * Reason classes to draw, in the fixed order: those with failures in range, narrowed to the
 * reason filter when one is set (the timeline endpoint counts every class).
 */
export function visibleReasons(
  rows: readonly TimelineRow[],
  selected: readonly containers.ReasonClass[],
): containers.ReasonClass[] {
  return REASON_ORDER.filter(
    (reason) =>
      (selected.length === 0 || selected.includes(reason)) && rows.some((row) => row.byReason[reason] > 0),
  );
}
