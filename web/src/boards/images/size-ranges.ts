import { formatCount } from '../../lib/format-number.ts';
import type { PixelRange } from './use-images-view.ts';

// The width and height facets are size classes (`from` inclusive, `to` exclusive), but the API
// filters by one range per dimension. Checking classes therefore selects one continuous range:
// checking a class adds it and every class between it and the range; unchecking an end class
// shrinks the range; unchecking a class in the middle keeps the part below it.

export interface SizeBucket {
  from: number;
  to: number | null;
  count: number;
}

function isEmpty(range: PixelRange): boolean {
  return range.min === undefined && range.max === undefined;
}

/** A class is checked when the selected range covers all of it. */
export function bucketChecked(range: PixelRange, bucket: SizeBucket): boolean {
  if (isEmpty(range)) return false;
  const aboveMin = (range.min ?? 0) <= bucket.from;
  const belowMax = range.max === undefined || (bucket.to !== null && bucket.to <= range.max);
  return aboveMin && belowMax;
}

/** The range of one class; a lower bound of 0 is no bound (it would drop images without a size). */
function rangeOf(from: number, to: number | null): PixelRange {
  return { ...(from > 0 ? { min: from } : {}), ...(to === null ? {} : { max: to }) };
}

export function toggleBucket(
  range: PixelRange,
  bucket: SizeBucket,
  buckets: readonly SizeBucket[],
): PixelRange {
  if (isEmpty(range)) return rangeOf(bucket.from, bucket.to);
  const checked = buckets.filter((b) => bucketChecked(range, b));
  if (!bucketChecked(range, bucket)) {
    const from = Math.min(range.min ?? 0, bucket.from);
    const to = range.max === undefined || bucket.to === null ? null : Math.max(range.max, bucket.to);
    return rangeOf(from, to);
  }
  if (checked.length <= 1) return {};
  if (bucket.from === checked[0]?.from) return rangeOf(bucket.to ?? 0, range.max ?? null);
  // The highest class, or one in the middle: keep what lies below it.
  return rangeOf(range.min ?? 0, bucket.from);
}

/** `under 640 px`, `640–1,079 px`, `3,840 px and up`. */
export function bucketLabel(bucket: { from: number; to: number | null }): string {
  if (bucket.from === 0 && bucket.to !== null) return `under ${formatCount(bucket.to)} px`;
  if (bucket.to === null) return `${formatCount(bucket.from)} px and up`;
  return `${formatCount(bucket.from)}–${formatCount(bucket.to - 1)} px`;
}

/** A range as a chip says it: `640–1,919 px`, `at least 3,840 px`, `under 640 px`. */
export function rangeLabel(range: PixelRange): string {
  if (range.min !== undefined && range.max !== undefined) {
    return `${formatCount(range.min)}–${formatCount(range.max - 1)} px`;
  }
  if (range.min !== undefined) return `at least ${formatCount(range.min)} px`;
  if (range.max !== undefined) return `under ${formatCount(range.max)} px`;
  return 'any';
}
