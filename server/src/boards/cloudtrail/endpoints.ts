import { defineEndpoint, type BuildContext } from '../../core/board.ts';
import { rangeReader } from '../../core/time-range.ts';
import { checkIpOrCidr } from '../../core/ip-filter.ts';
import {
  buildEventByIdSearch,
  buildEventsExportSearch,
  buildEventsSearch,
  buildSummarySearch,
  buildTopCallsSearch,
  buildUnknownIpsSearch,
  chooseInterval,
} from './query.ts';
import {
  shapeEventRecord,
  shapeEventRows,
  shapeEvents,
  shapeSummary,
  shapeTopCalls,
  shapeUnknownIps,
} from './shape.ts';
import {
  EventParams,
  EventRecordResponse,
  EventsQuery,
  EventsResponse,
  type EventSummary,
  SummaryQuery,
  SummaryResponse,
  TopCallsQuery,
  TopCallsResponse,
  UnknownIpsQuery,
  UnknownIpsResponse,
} from './schema.ts';

/** Longest range one request may cover: a year of daily indices. */
const MAX_RANGE_MS = 400 * 86_400_000;

const indexOf = ({ config }: Pick<BuildContext, 'config'>) => `${config.cloudtrail.indexPrefix}*`;
const rangeWithin = rangeReader(undefined, { maxRangeMs: MAX_RANGE_MS });
// Every parameter is checked here, before any search: the range, and the addresses.
const rangeOf = (
  query: { from?: string; to?: string; sourceIp?: string[] },
  context?: Pick<BuildContext, 'now'>,
) => {
  checkIpOrCidr('sourceIp', query.sourceIp);
  return rangeWithin(query, context?.now);
};

const EVENT_COLUMNS = [
  'eventTime',
  'eventID',
  'eventName',
  'eventSource',
  'account',
  'region',
  'principal',
  'sourceIp',
  'sourceAddress',
  'userAgent',
  'outcome',
  'errorCode',
] as const satisfies ReadonlyArray<keyof EventSummary>;

/** Build → search → shape for each endpoint; errors go to the app's one error handler. */
export const cloudtrailEndpoints = [
  defineEndpoint({
    url: '/top-calls',
    summary: 'Top API calls per interval',
    description: 'Each bar holds its own top `size` calls and the rest as `other`.',
    querystring: TopCallsQuery,
    response: TopCallsResponse,
    build({ query }, context) {
      const range = rangeOf(query, context);
      const interval = chooseInterval(range, query.interval);
      return {
        search: buildTopCallsSearch(query, { index: indexOf(context), range, interval }),
        interval,
        range,
      };
    },
    shape: (response, { interval, range }) => shapeTopCalls(response, { interval, range }),
  }),
  defineEndpoint({
    url: '/events',
    summary: 'CloudTrail events, newest first',
    description: 'Paged with `nextCursor` (search_after).',
    querystring: EventsQuery,
    response: EventsResponse,
    build: ({ query }, context) => ({
      search: buildEventsSearch(query, { index: indexOf(context), range: rangeOf(query, context) }),
      size: query.size ?? 50,
    }),
    shape: (response, { size }) => shapeEvents(response, size),
    export: {
      name: 'events',
      columns: EVENT_COLUMNS,
      range: rangeOf,
      hits: {
        search: (query, context) =>
          buildEventsExportSearch(query, { index: indexOf(context), range: rangeOf(query) }),
        rows: shapeEventRows,
      },
    },
  }),
  defineEndpoint({
    url: '/events/:eventID',
    summary: 'One CloudTrail record as delivered',
    params: EventParams,
    response: EventRecordResponse,
    build: ({ params }, context) => ({
      search: buildEventByIdSearch(params.eventID, { index: indexOf(context) }),
    }),
    shape: (response) => shapeEventRecord(response) ?? null,
    notFound: (params) => `no event with eventID ${params.eventID}`,
  }),
  defineEndpoint({
    url: '/unknown-ips',
    summary: 'Source IPs outside the known networks',
    description: 'Known networks come from KNOWN_CIDRS; AWS service callers are excluded.',
    querystring: UnknownIpsQuery,
    response: UnknownIpsResponse,
    build({ query }, context) {
      const knownNetworks = context.config.cloudtrail.knownCidrs;
      const range = rangeOf(query, context);
      return {
        search: buildUnknownIpsSearch(query, { index: indexOf(context), range, knownNetworks }),
        knownNetworks,
      };
    },
    shape: (response, { knownNetworks }) => shapeUnknownIps(response, knownNetworks),
    export: {
      name: 'unknown-ips',
      columns: ['ip', 'count', 'firstSeen', 'lastSeen', 'principals', 'accounts', 'topCalls'],
      range: rangeOf,
      rows: (answer) =>
        answer.ips.map((ip) => ({
          ...ip,
          topCalls: ip.topCalls.map((call) => `${call.eventName} (${call.count})`),
        })),
    },
  }),
  defineEndpoint({
    url: '/summary',
    summary: 'Totals, failures, accounts, top errors and freshness',
    querystring: SummaryQuery,
    response: SummaryResponse,
    build: ({ query }, context) => ({
      search: buildSummarySearch(query, { index: indexOf(context), range: rangeOf(query, context) }),
    }),
    shape: (response) => shapeSummary(response),
  }),
];
