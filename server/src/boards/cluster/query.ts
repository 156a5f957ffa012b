import type { estypes } from '@elastic/elasticsearch';
import { aggregationsOver } from '../../es/request-basics.ts';
import type { IndexFamily } from './config.ts';
import { DAY_MS, utcDay } from './families.ts';

// The cluster board shows each index family's documents per day over the last 14 days, its newest
// document and its ingest rate, from one aggregation-only search per family on its time field.

export const VOLUME_DAYS = 14;

/** Aggregation names shared by the builder and the shaper. */
export const FAMILY_AGGS = {
  recent: 'last_14_days',
  perDay: 'docs_per_day',
  untilNow: 'until_now',
  newest: 'newest_document',
  lastHour: 'last_hour',
} as const;

/** Epoch ms of the first day of the 14-day window (midnight UTC, 13 days before today). */
export function volumeWindowStart(nowMs: number): number {
  return utcDay(nowMs) - (VOLUME_DAYS - 1) * DAY_MS;
}

/**
 * `nowMs` is floored to the minute by the caller, so identical page loads send identical
 * requests that the shard request cache can answer; ranges end with that minute.
 */
export function buildFamilyVolumeSearch(family: IndexFamily, nowMs: number): estypes.SearchRequest {
  const field = family.timeField;
  const range = (gte: number, lt: number) => ({ range: { [field]: { gte, lt, format: 'epoch_millis' } } });
  const windowStart = volumeWindowStart(nowMs);
  const endMs = nowMs + 60_000;
  return {
    ...aggregationsOver(family.pattern),
    aggs: {
      [FAMILY_AGGS.recent]: {
        filter: range(windowStart, endMs),
        aggs: {
          [FAMILY_AGGS.perDay]: {
            date_histogram: {
              field,
              calendar_interval: '1d',
              time_zone: 'UTC',
              min_doc_count: 0,
              extended_bounds: { min: windowStart, max: utcDay(nowMs) },
            },
          },
        },
      },
      // A clock-skewed producer writing future times must not hide a stopped feed.
      [FAMILY_AGGS.untilNow]: {
        filter: { range: { [field]: { lt: endMs, format: 'epoch_millis' } } },
        aggs: { [FAMILY_AGGS.newest]: { max: { field } } },
      },
      [FAMILY_AGGS.lastHour]: { filter: range(endMs - 3_600_000, endMs) },
    },
  };
}
