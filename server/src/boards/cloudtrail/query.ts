// The CloudTrail board shows who called which AWS API, from where and when; it reads the daily
// indices `<prefix>YYYY.MM.DD` and filters on `@timestamp` (the record's eventTime).
import type { estypes } from '@elastic/elasticsearch';
import { AGGREGATIONS_ONLY, withoutPage } from '../../es/request-basics.ts';
import {
  chooseInterval as chooseIntervalWithin,
  type IntervalChoice,
  type TimeRange,
} from '../../core/time-range.ts';
import type { EventsQuery, SummaryQuery, TopCallsQuery, UnknownIpsQuery } from './schema.ts';
import { decodeCursor } from '../../es/cursor.ts';

type Query = estypes.QueryDslQueryContainer;

export interface BuildContext {
  /** Index pattern to search, e.g. `ct-*`. */
  index: string;
  range: TimeRange;
}

/** Aggregation names, shared by the builders and the shapers (never "2", "3"). */
export const AGG = {
  callsOverTime: 'calls_over_time',
  topCalls: 'top_calls',
  overallTopCalls: 'overall_top_calls',
  unknownIps: 'unknown_ips',
  firstSeen: 'first_seen',
  lastSeen: 'last_seen',
  principals: 'principals',
  accounts: 'accounts',
  failures: 'failures',
  distinctPrincipals: 'distinct_principals',
  distinctIps: 'distinct_ips',
  topErrors: 'top_errors',
  failedConsoleLogins: 'failed_console_logins',
  newest: 'newest_anywhere',
  newestTime: 'newest_time',
} as const;

/** Where each filter of the API lives in the documents (see mapping.ts). */
const FILTER_FIELDS = {
  account: 'lookout.account',
  region: 'lookout.region',
  eventSource: 'eventSource',
  principal: 'lookout.principal',
  sourceIp: 'lookout.sourceIp',
  eventName: 'eventName',
} as const;

type FilterParams = Partial<Record<keyof typeof FILTER_FIELDS, string[]>> & {
  outcome?: 'success' | 'failure';
};

function rangeFilter({ fromMs, toMs }: TimeRange): Query {
  return { range: { '@timestamp': { gte: fromMs, lt: toMs, format: 'epoch_millis' } } };
}

/** Time range plus every filter the user set; each multi-valued filter is an OR of its values. */
export function filterClauses(params: FilterParams, range: TimeRange): Query[] {
  const clauses: Query[] = [rangeFilter(range)];
  for (const [name, field] of Object.entries(FILTER_FIELDS) as Array<[keyof typeof FILTER_FIELDS, string]>) {
    const values = params[name];
    // An `ip` field takes CIDRs in terms queries, so sourceIp=203.0.113.0/24 works too.
    if (values && values.length > 0) clauses.push({ terms: { [field]: [...values] } });
  }
  if (params.outcome) clauses.push({ term: { 'lookout.outcome': params.outcome } });
  return clauses;
}

/** Bar widths of the top-calls chart: 10 minutes to a day, at most 200 bars unless asked. */
export const TOP_CALLS_INTERVALS: IntervalChoice = {
  intervals: ['10m', '30m', '1h', '3h', '1d'],
  maxBars: 200,
  maxExplicitBars: 2_000,
};

export function chooseInterval(range: TimeRange, requested?: string): string {
  return chooseIntervalWithin(range, requested, TOP_CALLS_INTERVALS);
}

export function buildTopCallsSearch(
  params: TopCallsQuery,
  context: BuildContext & { interval: string },
): estypes.SearchRequest {
  const size = params.size ?? 10;
  const { fromMs, toMs } = context.range;
  return {
    // A pattern of daily indices: a missing day is already "nothing found" for a wildcard.
    index: context.index,
    ...AGGREGATIONS_ONLY,
    query: { bool: { filter: filterClauses(params, context.range) } },
    aggs: {
      [AGG.callsOverTime]: {
        date_histogram: {
          field: '@timestamp',
          fixed_interval: context.interval,
          min_doc_count: 0,
          // Empty bars at both ends still show: a quiet period is information. No hard_bounds:
          // the range filter already bounds the documents, and hard_bounds would also drop those
          // of a first bar that starts before `from` (seen on 9.2: a range from 10:07 lost 10:07-10:10).
          extended_bounds: { min: fromMs, max: toMs - 1 },
        },
        aggs: { [AGG.topCalls]: { terms: { field: 'eventName', size } } },
      },
      [AGG.overallTopCalls]: { terms: { field: 'eventName', size } },
    },
  };
}

const EVENT_SOURCE_FIELDS = [
  'eventID',
  'eventTime',
  'eventName',
  'eventSource',
  'userAgent',
  'errorCode',
  'lookout.account',
  'lookout.region',
  'lookout.principal',
  'lookout.sourceIp',
  'lookout.sourceAddress',
  'lookout.outcome',
];

/**
 * `q` finds an event by what a person pastes: an API name, a principal, an IP, an access key id
 * or a resource id (`vol-0abc…`, `i-0123…`, an ARN). Only term/prefix forms: user text never becomes query syntax.
 */
function freeTextQuery(q: string): Query {
  const text = q.trim();
  const should: Query[] = [
    { term: { eventName: { value: text, case_insensitive: true } } },
    { prefix: { eventName: { value: text, case_insensitive: true } } },
    { term: { 'lookout.principal': { value: text, case_insensitive: true } } },
    { prefix: { 'lookout.principal': { value: text, case_insensitive: true } } },
    { term: { 'lookout.resourceIds': text } },
    { term: { 'lookout.sourceAddress': text } },
    // An access key id from a leak report or an alert (the find box links here with `q`).
    { term: { 'userIdentity.accessKeyId': text } },
    // Flattened fields match any leaf value: ids the extractor did not recognise still match.
    { term: { requestParameters: text } },
    { term: { responseElements: text } },
  ];
  return { bool: { should, minimum_should_match: 1 } };
}

export function buildEventsSearch(params: EventsQuery, context: BuildContext): estypes.SearchRequest {
  const filter = filterClauses(params, context.range);
  const must: Query[] = params.q ? [freeTextQuery(params.q)] : [];
  return {
    index: context.index,
    size: params.size ?? 50,
    track_total_hits: 10_000,
    _source: EVENT_SOURCE_FIELDS,
    query: { bool: { filter, must } },
    // Newest first; eventID breaks ties so paging with search_after never skips or repeats.
    sort: [{ '@timestamp': { order: 'desc' } }, { eventID: { order: 'asc' } }],
    ...(params.cursor ? { search_after: decodeCursor(params.cursor) } : {}),
  };
}

/** Every event of the list's filters, in the list's order: what an export pages through. */
export function buildEventsExportSearch(params: EventsQuery, context: BuildContext): estypes.SearchRequest {
  return withoutPage(buildEventsSearch({ ...params, cursor: undefined }, context));
}

export function buildEventByIdSearch(eventID: string, context: { index: string }): estypes.SearchRequest {
  // The id is the producer's eventID; the day index is unknown, so look across the pattern.
  return { index: context.index, size: 1, query: { ids: { values: [eventID] } } };
}

export function buildUnknownIpsSearch(
  params: UnknownIpsQuery,
  context: BuildContext & { knownNetworks: string[] },
): estypes.SearchRequest {
  return {
    // A pattern of daily indices: a missing day is already "nothing found" for a wildcard.
    index: context.index,
    ...AGGREGATIONS_ONLY,
    query: {
      bool: {
        filter: [...filterClauses(params, context.range), { exists: { field: 'lookout.sourceIp' } }],
        must_not: [
          // A term query on an `ip` field matches a whole CIDR block, IPv4 or IPv6.
          ...context.knownNetworks.map((cidr): Query => ({ term: { 'lookout.sourceIp': cidr } })),
          { term: { 'lookout.principalType': 'AWSService' } },
        ],
      },
    },
    aggs: {
      [AGG.unknownIps]: {
        terms: { field: 'lookout.sourceIp', size: 100 },
        aggs: {
          [AGG.firstSeen]: { min: { field: '@timestamp' } },
          [AGG.lastSeen]: { max: { field: '@timestamp' } },
          [AGG.principals]: { terms: { field: 'lookout.principal', size: 10 } },
          [AGG.accounts]: { terms: { field: 'lookout.account', size: 10 } },
          [AGG.topCalls]: { terms: { field: 'eventName', size: 5 } },
        },
      },
    },
  };
}

export function buildSummarySearch(params: SummaryQuery, context: BuildContext): estypes.SearchRequest {
  const failure: Query = { term: { 'lookout.outcome': 'failure' } };
  return {
    index: context.index,
    size: 0,
    track_total_hits: true,
    request_cache: true,
    query: { bool: { filter: filterClauses(params, context.range) } },
    aggs: {
      [AGG.failures]: { filter: failure },
      [AGG.distinctPrincipals]: { cardinality: { field: 'lookout.principal' } },
      [AGG.distinctIps]: { cardinality: { field: 'lookout.sourceIp' } },
      [AGG.accounts]: {
        terms: { field: 'lookout.account', size: 50 },
        aggs: { [AGG.failures]: { filter: failure } },
      },
      [AGG.topErrors]: {
        terms: { field: 'errorCode', size: 10 },
        aggs: { [AGG.principals]: { terms: { field: 'lookout.principal', size: 5 } } },
      },
      [AGG.failedConsoleLogins]: {
        filter: { bool: { filter: [{ term: { eventName: 'ConsoleLogin' } }, failure] } },
        aggs: { [AGG.principals]: { terms: { field: 'lookout.principal', size: 10 } } },
      },
      // Freshness ignores range and filters: is anything arriving at all?
      [AGG.newest]: { global: {}, aggs: { [AGG.newestTime]: { max: { field: '@timestamp' } } } },
    },
  };
}
