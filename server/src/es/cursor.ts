import type { estypes } from '@elastic/elasticsearch';
import { BadParameterError } from '../core/time-range.ts';

/**
 * The opaque `cursor` of lists paged with search_after on (time, id): the sort values of the last
 * hit, base64url JSON. A cursor the API did not hand out is a 400 naming `cursor`.
 */
export type TimeIdCursor = [number, string];

export function encodeCursor(sort: estypes.SortResults): string {
  return Buffer.from(JSON.stringify(sort)).toString('base64url');
}

export function decodeCursor(cursor: string): TimeIdCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'number' &&
      typeof value[1] === 'string'
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // Falls through to the error below.
  }
  throw new BadParameterError('cursor', 'is not a cursor this endpoint returned');
}
