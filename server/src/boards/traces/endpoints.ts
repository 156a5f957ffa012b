import { defineEndpoint, type EndpointContext } from '../../core/board.ts';
import { chooseInterval, rangeReader, resolveTimeRange, type TimeRange } from '../../core/time-range.ts';
import { spanIndexPattern } from './mapping.ts';
import { buildServiceMapSearch, buildServiceSearch } from './query.ts';
import { readTrace, searchTraces } from './reads.ts';
import {
  ServiceMapQuery,
  ServiceMapResponse,
  ServiceParams,
  ServiceQuery,
  ServiceResponse,
  TraceParams,
  TraceQuery,
  TraceResponse,
  TraceSearchQuery,
  TraceSearchResponse,
} from './schema.ts';
import { shapeServiceMap, shapeService } from './shape.ts';

/** Longest range one request may cover: a year of daily indices. */
const MAX_RANGE_MS = 400 * 86_400_000;

const indexOf = ({ config }: EndpointContext) => spanIndexPattern(config);
const rangeOf = rangeReader({ from: 'now-1h', to: 'now' }, { maxRangeMs: MAX_RANGE_MS });

/** A trace needs no range; given one (or half of one), it only narrows the lookup. */
function optionalRange(query: { from?: string; to?: string }): TimeRange | undefined {
  if (query.from === undefined && query.to === undefined) return undefined;
  return resolveTimeRange(query, new Date(), { from: '1970-01-01T00:00:00Z', to: '9999-12-31T00:00:00Z' });
}

/** RED bucket widths: about 60–120 points over any range. */
export const RED_INTERVALS = {
  intervals: ['1m', '2m', '5m', '10m', '30m', '1h', '3h', '6h', '12h', '1d'],
  maxBars: 120,
  maxExplicitBars: 2_000,
} as const;

/**
 * Build → search → shape for each endpoint; errors go to the app's one error handler. The static
 * paths (`/search`, `/service-map`) win over `/:traceId` in the router, and a trace id must be
 * 32 hex characters, so neither can be read as a trace.
 */
export const tracesEndpoints = [
  defineEndpoint({
    url: '/search',
    summary: 'Traces matching span and trace filters, newest or slowest first',
    description:
      'A trace is a result when any of its spans matches every span filter (service, operation, ' +
      'attribute, status); duration filters apply to the trace. Every filter is applied by the ' +
      'engine before the page is cut. Paged with `nextCursor`.',
    querystring: TraceSearchQuery,
    response: TraceSearchResponse,
    async answer({ query }, context) {
      return searchTraces(context.search, query, { index: indexOf(context), range: rangeOf(query) });
    },
  }),
  defineEndpoint({
    url: '/service-map',
    summary: 'Services and who calls whom, from the stored spans',
    description: 'Any range, no batch job: edges come from each span’s `parent_service`.',
    querystring: ServiceMapQuery,
    response: ServiceMapResponse,
    async answer({ query }, context) {
      const range = rangeOf(query);
      const response = await context.search(buildServiceMapSearch(query, { index: indexOf(context), range }));
      return shapeServiceMap(response, { range, service: query.service });
    },
  }),
  defineEndpoint({
    url: '/services/:service',
    summary: 'A service: RED over time, operations, latency histogram',
    querystring: ServiceQuery,
    params: ServiceParams,
    response: ServiceResponse,
    async answer({ query, params }, context) {
      const range = rangeOf(query);
      const interval = chooseInterval(range, query.interval, RED_INTERVALS);
      const response = await context.search(
        buildServiceSearch(
          { service: params.service, operation: query.operation },
          { index: indexOf(context), range, interval },
        ),
      );
      return shapeService(response, { service: params.service, range, interval });
    },
  }),
  defineEndpoint({
    url: '/:traceId',
    summary: 'One whole trace: every span, root, critical path, warnings',
    description: 'Any size (read in pages, no 10,000 cap) and any age (no range needed).',
    querystring: TraceQuery,
    params: TraceParams,
    response: TraceResponse,
    async answer({ query, params }, context) {
      return readTrace(context.search, params.traceId, {
        index: indexOf(context),
        range: optionalRange(query),
      });
    },
    notFound: (params) => `no stored span of trace ${params.traceId}`,
  }),
];
