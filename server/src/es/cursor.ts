import type { estypes } from '@elastic/elasticsearch';
import { BadParameterError } from '../core/time-range.ts';

/**
 * The opaque `cursor` of lists paged with search_after on (time, id): the sort values of the last
 * hit, base64url JSON. The app signs it on the way out and checks the signature on the way in
 * (app/cursor-signing.ts); what arrives here was handed out, and is still checked for shape.
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
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === 'string'
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // Falls through to the error below.
  }
  throw new BadParameterError('cursor', 'is not a cursor this endpoint returned');
}
