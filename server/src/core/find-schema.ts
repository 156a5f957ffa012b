import { Type, type Static } from 'typebox';
import { IsoTime, PartialField, TimeRangeQuery } from './schema-pieces.ts';

/** `GET /api/find`: where a pasted value occurs across the boards. */
export const FindQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 512,
      description: 'Any pasted value: an IP or CIDR, an ARN, vol-…, an eventID, a task or container id',
    }),
    ...TimeRangeQuery,
  },
  { additionalProperties: false },
);
export type FindQuery = Static<typeof FindQuery>;

export const RecognisedShape = Type.Object({
  shape: Type.String({
    description: 'ipv4, ipv6, cidr, arn, aws-resource-id, trace-id, container-id, uuid…',
  }),
  label: Type.String({ description: 'As a person says it: "IPv4 address"' }),
});

export const FindResult = Type.Object({
  board: Type.String(),
  what: Type.String({ description: 'Which field matched: "source IP", "eventID", "task"' }),
  count: Type.Integer({
    description: 'Matching documents (in the range, unless the id is found at any age)',
  }),
  newest: Type.Union([IsoTime, Type.Null()]),
  anyAge: Type.Boolean({ description: 'True when the range was not applied (ids)' }),
  link: Type.String({ description: 'Web URL of the board filtered to the value' }),
});
export type FindResult = Static<typeof FindResult>;

export const FindResponse = Type.Object({
  ...PartialField,
  q: Type.String(),
  recognised: Type.Array(RecognisedShape),
  /** Newest first. */
  results: Type.Array(FindResult),
  searched: Type.Object({
    boards: Type.Array(Type.String()),
    from: IsoTime,
    to: IsoTime,
  }),
});
export type FindResponse = Static<typeof FindResponse>;
