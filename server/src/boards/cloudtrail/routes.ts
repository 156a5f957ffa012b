import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { esErrorResponses, ErrorResponse } from '../../app/error-schema.ts';
import { resolveTimeRange } from '../../core/time-range.ts';
import { checkIpOrCidr } from '../../core/ip-filter.ts';
import {
  buildEventByIdSearch,
  buildEventsSearch,
  buildSummarySearch,
  buildTopCallsSearch,
  buildUnknownIpsSearch,
  chooseInterval,
} from './query.ts';
import { shapeEventRecord, shapeEvents, shapeSummary, shapeTopCalls, shapeUnknownIps } from './shape.ts';
import {
  EventParams,
  EventRecordResponse,
  EventsQuery,
  EventsResponse,
  SummaryQuery,
  SummaryResponse,
  TopCallsQuery,
  TopCallsResponse,
  UnknownIpsQuery,
  UnknownIpsResponse,
} from './schema.ts';

/** Longest range one request may cover: a year of daily indices. */
const MAX_RANGE_MS = 400 * 86_400_000;
const tags = ['cloudtrail'];

/** Build → search → shape for each endpoint; errors go to the app's one error handler. */
export const cloudtrailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const index = `${app.config.cloudtrail.indexPrefix}*`;
  // Every parameter is checked here, before any search: the range, and the addresses.
  const rangeOf = (params: { from?: string; to?: string; sourceIp?: string[] }) => {
    checkIpOrCidr('sourceIp', params.sourceIp);
    return resolveTimeRange(params, new Date(), undefined, { maxRangeMs: MAX_RANGE_MS });
  };

  app.get(
    '/top-calls',
    {
      schema: {
        summary: 'Top API calls per interval',
        description: 'Each bar holds its own top `size` calls and the rest as `other`.',
        tags,
        querystring: TopCallsQuery,
        response: { 200: TopCallsResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const range = rangeOf(request.query);
      const interval = chooseInterval(range, request.query.interval);
      const response = await app.esSearch(buildTopCallsSearch(request.query, { index, range, interval }));
      return shapeTopCalls(response, { interval, range });
    },
  );

  app.get(
    '/events',
    {
      schema: {
        summary: 'CloudTrail events, newest first',
        description: 'Paged with `nextCursor` (search_after).',
        tags,
        querystring: EventsQuery,
        response: { 200: EventsResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const range = rangeOf(request.query);
      const response = await app.esSearch(buildEventsSearch(request.query, { index, range }));
      return shapeEvents(response, request.query.size ?? 50);
    },
  );

  app.get(
    '/events/:eventID',
    {
      schema: {
        summary: 'One CloudTrail record as delivered',
        tags,
        params: EventParams,
        response: { 200: EventRecordResponse, 404: ErrorResponse, ...esErrorResponses },
      },
    },
    async (request, reply) => {
      const response = await app.esSearch(buildEventByIdSearch(request.params.eventID, { index }));
      const found = shapeEventRecord(response);
      if (!found) {
        return reply.status(404).send({
          statusCode: 404,
          error: 'Not Found',
          message: `no event with eventID ${request.params.eventID}`,
        });
      }
      return found;
    },
  );

  app.get(
    '/unknown-ips',
    {
      schema: {
        summary: 'Source IPs outside the known networks',
        description: 'Known networks come from KNOWN_CIDRS; AWS service callers are excluded.',
        tags,
        querystring: UnknownIpsQuery,
        response: { 200: UnknownIpsResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const knownNetworks = app.config.cloudtrail.knownCidrs;
      const range = rangeOf(request.query);
      const response = await app.esSearch(
        buildUnknownIpsSearch(request.query, { index, range, knownNetworks }),
      );
      return shapeUnknownIps(response, knownNetworks);
    },
  );

  app.get(
    '/summary',
    {
      schema: {
        summary: 'Totals, failures, accounts, top errors and freshness',
        tags,
        querystring: SummaryQuery,
        response: { 200: SummaryResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const range = rangeOf(request.query);
      return shapeSummary(await app.esSearch(buildSummarySearch(request.query, { index, range })));
    },
  );
};
