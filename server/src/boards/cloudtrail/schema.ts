import { Type, type Static } from 'typebox';
import { IsoTime, MultiValue, PageQuery, TimeRangeQuery, PartialField } from '../../core/schema-pieces.ts';

/** Request and response schemas of the CloudTrail board (validation, serialisation, OpenAPI). */

export const Outcome = Type.Union([Type.Literal('success'), Type.Literal('failure')]);
export type Outcome = Static<typeof Outcome>;

export const CloudTrailFilters = {
  account: MultiValue('AWS account that logged the event (recipientAccountId)'),
  region: MultiValue('AWS region, e.g. eu-west-1'),
  eventSource: MultiValue('Service endpoint, e.g. ec2.amazonaws.com'),
  principal: MultiValue(
    'Acting principal as shown by Lookout, e.g. `user/alice` or `role/Admin (session bob)`',
  ),
  sourceIp: MultiValue('Source IP address or CIDR'),
  outcome: Type.Optional(Outcome),
};

export const TopCallsQuery = Type.Object(
  {
    ...TimeRangeQuery,
    ...CloudTrailFilters,
    interval: Type.Optional(
      Type.String({
        pattern: '^[1-9][0-9]*[mhd]$',
        description: 'Bar width, e.g. 10m, 1h (default 10m, widened for long ranges)',
      }),
    ),
    size: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'Top N calls per bar' }),
    ),
  },
  { additionalProperties: false },
);
export type TopCallsQuery = Static<typeof TopCallsQuery>;

const CallCount = Type.Object({ eventName: Type.String(), count: Type.Integer() });

export const TopCallsResponse = Type.Object({
  ...PartialField,
  interval: Type.String({ description: 'Bar width actually used' }),
  from: IsoTime,
  to: IsoTime,
  buckets: Type.Array(
    Type.Object({
      start: IsoTime,
      total: Type.Integer(),
      calls: Type.Array(CallCount, { description: "This bar's own top calls" }),
      other: Type.Integer({ description: 'Events of this bar outside its top calls' }),
    }),
  ),
  overall: Type.Array(CallCount, { description: 'Top calls over the whole range' }),
});
export type TopCallsResponse = Static<typeof TopCallsResponse>;

export const EventsQuery = Type.Object(
  {
    ...TimeRangeQuery,
    ...CloudTrailFilters,
    eventName: MultiValue('API call name, e.g. CreateVolume'),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 256,
        description: 'Event name, principal, IP or resource id (vol-…, i-…, ARN)',
      }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type EventsQuery = Static<typeof EventsQuery>;

export const EventSummary = Type.Object({
  eventID: Type.String(),
  eventTime: IsoTime,
  eventName: Type.String(),
  eventSource: Type.String(),
  account: Type.String(),
  region: Type.String(),
  principal: Type.String(),
  sourceIp: Type.Union([Type.String(), Type.Null()]),
  sourceAddress: Type.String(),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  outcome: Outcome,
  errorCode: Type.Union([Type.String(), Type.Null()]),
});
export type EventSummary = Static<typeof EventSummary>;

export const EventsResponse = Type.Object({
  ...PartialField,
  total: Type.Integer({ description: 'Events matching (exact up to 10,000)' }),
  totalIsExact: Type.Boolean(),
  events: Type.Array(EventSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type EventsResponse = Static<typeof EventsResponse>;

export const EventParams = Type.Object({
  eventID: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9-]+$' }),
});
export type EventParams = Static<typeof EventParams>;

export const EventRecordResponse = Type.Object(
  {
    ...PartialField,
    index: Type.String(),
    record: Type.Record(Type.String(), Type.Unknown()),
  },
  { description: 'The CloudTrail record exactly as delivered' },
);
export type EventRecordResponse = Static<typeof EventRecordResponse>;

export const UnknownIpsQuery = Type.Object(
  { ...TimeRangeQuery, ...CloudTrailFilters },
  { additionalProperties: false },
);
export type UnknownIpsQuery = Static<typeof UnknownIpsQuery>;

export const UnknownIpsResponse = Type.Object({
  ...PartialField,
  knownNetworks: Type.Array(Type.String(), { description: 'CIDRs treated as known (KNOWN_CIDRS)' }),
  ips: Type.Array(
    Type.Object({
      ip: Type.String(),
      count: Type.Integer(),
      firstSeen: IsoTime,
      lastSeen: IsoTime,
      principals: Type.Array(Type.String()),
      accounts: Type.Array(Type.String()),
      topCalls: Type.Array(CallCount),
    }),
  ),
});
export type UnknownIpsResponse = Static<typeof UnknownIpsResponse>;

export const SummaryQuery = UnknownIpsQuery;
export type SummaryQuery = Static<typeof SummaryQuery>;

export const SummaryResponse = Type.Object({
  ...PartialField,
  total: Type.Integer(),
  failures: Type.Integer(),
  distinctPrincipals: Type.Integer({ description: 'Approximate (cardinality) above a few thousand' }),
  distinctIps: Type.Integer(),
  accounts: Type.Array(
    Type.Object({ account: Type.String(), count: Type.Integer(), failures: Type.Integer() }),
  ),
  topErrors: Type.Array(
    Type.Object({
      errorCode: Type.String(),
      count: Type.Integer(),
      principals: Type.Array(Type.Object({ principal: Type.String(), count: Type.Integer() })),
    }),
  ),
  failedConsoleLogins: Type.Array(Type.Object({ principal: Type.String(), count: Type.Integer() })),
  newestEventTime: Type.Union([IsoTime, Type.Null()], {
    description: 'Newest event in the indices, whatever the range (freshness)',
  }),
});
export type SummaryResponse = Static<typeof SummaryResponse>;
