import { endpointGoldenCases } from '../../../../test/golden-harness.ts';
import { cloudtrailBoard } from '../board.ts';

/**
 * Golden cases: every one is a `<case>.case.json` of the endpoint table (the request, its `now`,
 * the index prefix `ct-golden-`), built and shaped by the endpoint itself; the responses were
 * recorded over the hand-counted records of server/test. Re-record with
 * `RECORD_FIXTURES=1 npx vitest run --project integration test/cloudtrail-api.int.test.ts`, then
 * review the diff of `<case>.response.json` and `<case>.expected.json`.
 */
export const GOLDEN_CASES = endpointGoldenCases(cloudtrailBoard);
