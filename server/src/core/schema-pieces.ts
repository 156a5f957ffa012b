import { Type } from 'typebox';

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

export const IsoTime = Type.String({ format: 'date-time' });
