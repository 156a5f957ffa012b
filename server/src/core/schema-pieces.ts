import { Type, type Static } from 'typebox';

/** Small TypeBox pieces that board schemas are built from (this module imports only TypeBox). */

export const TimeRangeQuery = {
  from: Type.Optional(
    Type.String({
      description: 'Start: ISO-8601 or date math such as `now-24h` (default `now-24h`)',
      examples: ['now-24h'],
    }),
  ),
  to: Type.Optional(
    Type.String({ description: 'End: ISO-8601 or date math (default `now`)', examples: ['now'] }),
  ),
};

/** A filter that accepts one value or several (`?account=1&account=2`). */
export function MultiValue(description: string) {
  return Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { description, maxItems: 50 }),
  );
}

export const PageQuery = {
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Page size' })),
  cursor: Type.Optional(
    Type.String({ maxLength: 2048, description: 'Opaque `nextCursor` of the previous page' }),
  ),
};

/**
 * Why an answer holds less than everything: a search timed out on the engine, or some shards
 * failed. Responses that can be partial carry it as `partial`.
 */
export const PartialReason = Type.Union([Type.Literal('timed_out'), Type.Literal('shard_failures')], {
  description: 'Set when the answer is incomplete: a search timed out on the engine, or shards failed',
});
export type PartialReason = Static<typeof PartialReason>;

/** Spread into every response that a search can leave incomplete. */
export const PartialField = { partial: Type.Optional(PartialReason) };

export const IsoTime = Type.String({ format: 'date-time' });
