import type { estypes } from '@elastic/elasticsearch';
import {
  buildEventsSearch,
  buildSummarySearch,
  buildTopCallsSearch,
  buildUnknownIpsSearch,
  chooseInterval,
} from '../query.ts';
import { shapeEvents, shapeSummary, shapeTopCalls, shapeUnknownIps } from '../shape.ts';
import { resolveTimeRange } from '../../../core/time-range.ts';

/**
 * Golden cases: each builds a request from fixed parameters, and shapes the response that the
 * real engine gave for it (recorded over the hand-counted records of server/test). Re-record with
 * `RECORD_FIXTURES=1 npx vitest run --project integration test/cloudtrail-api.int.test.ts`, then
 * review the diff of `<case>.response.json` and `<case>.expected.json`.
 */
export const GOLDEN_INDEX = 'ct-golden-*';
export const GOLDEN_KNOWN = ['10.0.0.0/8', '2001:db8:aaaa::/48'];
const range = resolveTimeRange({ from: '2026-11-20T10:00:00Z', to: '2026-11-20T11:00:00Z' }, new Date('2026-11-26T00:00:00Z'));

type Response = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

export interface GoldenCase {
  name: string;
  request: estypes.SearchRequest;
  shape(response: Response): unknown;
}

const interval = chooseInterval(range);

export const GOLDEN_CASES: GoldenCase[] = [
  {
    name: 'top-calls-top2',
    request: buildTopCallsSearch({ size: 2 }, { index: GOLDEN_INDEX, range, interval }),
    shape: (response) => shapeTopCalls(response, { interval, range }),
  },
  {
    name: 'top-calls-account-b',
    request: buildTopCallsSearch({ account: ['222222222222'] }, { index: GOLDEN_INDEX, range, interval }),
    shape: (response) => shapeTopCalls(response, { interval, range }),
  },
  {
    name: 'events-failures',
    request: buildEventsSearch({ outcome: 'failure', size: 10 }, { index: GOLDEN_INDEX, range }),
    shape: (response) => shapeEvents(response, 10),
  },
  {
    name: 'unknown-ips',
    request: buildUnknownIpsSearch({}, { index: GOLDEN_INDEX, range, knownNetworks: GOLDEN_KNOWN }),
    shape: (response) => shapeUnknownIps(response, GOLDEN_KNOWN),
  },
  {
    name: 'summary',
    request: buildSummarySearch({}, { index: GOLDEN_INDEX, range }),
    shape: (response) => shapeSummary(response),
  },
];
