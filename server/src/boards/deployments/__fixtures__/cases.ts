import type { estypes } from '@elastic/elasticsearch';
import { buildKpisSearch, type BuildContext } from '../query.ts';
import { shapeKpis } from '../shape.ts';
import { deploymentsBoard } from '../board.ts';
import { endpointGoldenCases } from '../../../../test/golden-harness.ts';
import {
  buildFailureScanSearch,
  buildRestoreLookupSearch,
  readFailureScanPage,
  readRestoreLookup,
  restoreWindows,
  timeToRestoreOf,
} from '../time-to-restore.ts';

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

/**
 * The failed production deploys of those events, as the restore scan reads them (by service, then
 * time): checkout d2 and d3, search e1 and e3. Their windows are what the restore lookup asks about.
 */
const GOLDEN_PRODUCTION_FAILURES = [
  { service: 'checkout', at: Date.parse('2026-11-20T12:00:00Z') },
  { service: 'checkout', at: Date.parse('2026-11-20T12:30:00Z') },
  { service: 'search', at: Date.parse('2026-11-21T09:00:00Z') },
  { service: 'search', at: Date.parse('2026-11-22T08:00:00Z') },
];
const GOLDEN_WINDOWS = restoreWindows(GOLDEN_PRODUCTION_FAILURES);

type Response = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

export interface GoldenCase {
  name: string;
  request: estypes.SearchRequest;
  shape(response: Response): unknown;
}

/** Golden cases of the searches inside `/kpis` (its counts and the time-to-restore steps). */
export const STEP_CASES: GoldenCase[] = [
  { name: 'kpis-all', request: buildKpisSearch({}, GOLDEN_CONTEXT), shape: shapeKpis },
  {
    name: 'kpis-staging',
    request: buildKpisSearch({ environment: ['staging'] }, GOLDEN_CONTEXT),
    shape: shapeKpis,
  },
  {
    name: 'restore-scan',
    request: buildFailureScanSearch({}, GOLDEN_CONTEXT),
    shape: readFailureScanPage,
  },
  {
    name: 'restore-lookup',
    request: buildRestoreLookupSearch({}, GOLDEN_CONTEXT, GOLDEN_WINDOWS),
    shape: (response) => {
      const firstSuccess = readRestoreLookup(response, GOLDEN_WINDOWS);
      return {
        firstSuccess: firstSuccess.map((ms) => (ms === null ? null : new Date(ms).toISOString())),
        timeToRestoreMs: timeToRestoreOf(GOLDEN_WINDOWS, firstSuccess),
      };
    },
  },
];

/** Every golden case: the endpoint table's (`<case>.case.json`) and the steps'. */
export const GOLDEN_CASES: GoldenCase[] = [...endpointGoldenCases(deploymentsBoard), ...STEP_CASES];
