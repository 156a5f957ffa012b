import type { estypes } from '@elastic/elasticsearch';
import { resolveTimeRange } from '../../../core/time-range.ts';
import { buildServiceMapSearch, buildServiceSearch, buildTraceHeadsSearch, buildTraceSummariesSearch } from '../query.ts';
import { shapeService, shapeServiceMap, shapeTraceHeads, shapeTraceSummaries, type TraceHead } from '../shape.ts';

/**
 * Golden cases: each builds a request from fixed parameters and shapes the response the real
 * engine gave for it over the known spans of `test/traces-api.int.test.ts` (written under a
 * prefix of that file's own, renamed to `spans-golden` here). Re-record with
 * `RECORD_FIXTURES=1 npx vitest run --project integration test/traces-api.int.test.ts`, then
 * review the diff of `<case>.response.json` and `<case>.expected.json`.
 */
export const GOLDEN_PREFIX = 'spans-golden';
const index = `${GOLDEN_PREFIX}-*`;
const range = resolveTimeRange(
  { from: '2026-11-20T00:00:00Z', to: '2026-11-21T01:00:00Z' },
  new Date('2026-11-26T00:00:00Z'),
);
const twoHours = resolveTimeRange(
  { from: '2026-11-20T09:00:00Z', to: '2026-11-20T11:00:00Z' },
  new Date('2026-11-26T00:00:00Z'),
);

type Response = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

export interface GoldenCase {
  name: string;
  request: estypes.SearchRequest;
  shape(response: Response): unknown;
}

/** The three slowest heads of the known spans (the summaries case counts their spans). */
const SLOWEST_HEADS: TraceHead[] = [
  ['00000abc000000000000000000000001', 'GET /report', '2026-11-20T09:00:00.000000000Z', 60_000_000],
  ['00000abc000000000000000000000002', 'POST /pay', '2026-11-20T10:00:00.000000000Z', 300_000],
  ['00000abc000000000000000000000003', 'GET /late', '2026-11-20T23:59:59.900000000Z', 300_000],
].map(([traceId, rootName, start, durationUs]) => ({
  traceId: traceId as string,
  rootName: rootName as string,
  start: start as string,
  durationUs: durationUs as number,
  rootService: 'gateway',
  sort: [],
}));

export const GOLDEN_CASES: GoldenCase[] = [
  {
    name: 'service-map',
    request: buildServiceMapSearch({}, { index, range }),
    shape: (response) => shapeServiceMap(response, { range }),
  },
  {
    name: 'service-map-checkout',
    request: buildServiceMapSearch({ service: 'checkout' }, { index, range }),
    shape: (response) => shapeServiceMap(response, { range, service: 'checkout' }),
  },
  {
    name: 'service-gateway',
    request: buildServiceSearch({ service: 'gateway' }, { index, range: twoHours, interval: '1h' }),
    shape: (response) => shapeService(response, { service: 'gateway', range: twoHours, interval: '1h' }),
  },
  {
    name: 'heads-slowest',
    request: buildTraceHeadsSearch({ sort: 'slowest' }, { index, range, size: 3 }),
    shape: (response) => shapeTraceHeads(response as never),
  },
  {
    name: 'summaries',
    request: buildTraceSummariesSearch(
      SLOWEST_HEADS.map((head) => head.traceId),
      { index },
    ),
    shape: (response) => shapeTraceSummaries(SLOWEST_HEADS, response),
  },
];
