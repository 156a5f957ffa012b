import type { estypes } from '@elastic/elasticsearch';
import { buildFailuresSearch, buildKpisSearch, buildServicesSearch, type BuildContext } from '../query.ts';
import { shapeFailures, shapeKpis, shapeServices } from '../shape.ts';

/**
 * Golden cases over the hand-counted events of test/deployments-records.ts (recorded from the
 * real engine). Re-record with
 * `RECORD_FIXTURES=1 ES_URL=http://127.0.0.1:9201 npx vitest run --project integration test/deployments-api.int.test.ts`,
 * then review the diff of `<case>.response.json` and `<case>.expected.json`.
 */
export const GOLDEN_CONTEXT: BuildContext = {
  index: 'lookout-deployments-golden',
  range: { fromMs: Date.parse('2026-11-20T00:00:00Z'), toMs: Date.parse('2026-11-23T00:00:00Z') },
};

type Response = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

export interface GoldenCase {
  name: string;
  request: estypes.SearchRequest;
  shape(response: Response): unknown;
}

export const GOLDEN_CASES: GoldenCase[] = [
  { name: 'kpis-all', request: buildKpisSearch({}, GOLDEN_CONTEXT), shape: shapeKpis },
  {
    name: 'kpis-staging',
    request: buildKpisSearch({ environment: ['staging'] }, GOLDEN_CONTEXT),
    shape: shapeKpis,
  },
  {
    name: 'failures-user-page',
    request: buildFailuresSearch({ cause: ['user'], size: 2 }, GOLDEN_CONTEXT),
    shape: (response) => shapeFailures(response, 2),
  },
  {
    name: 'services',
    request: buildServicesSearch({}, GOLDEN_CONTEXT),
    shape: (response) => shapeServices(response, GOLDEN_CONTEXT.range.toMs),
  },
];
