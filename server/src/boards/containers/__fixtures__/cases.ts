import type { estypes } from '@elastic/elasticsearch';
import { readConfig } from '../../../core/config.ts';
import { containersConfig, type ContainersConfig } from '../config.ts';
import { buildFailuresSearch, buildFirstErrorsSearch } from '../query.ts';
import { shapeFirstErrors, shapeServiceBuckets, storedHits } from '../shape.ts';
import { containersBoard } from '../board.ts';
import { endpointGoldenCases } from '../../../../test/golden-harness.ts';
import type { LogFields } from '../log-fields.ts';
import { runtimeId } from '../../../../test/containers-fixtures.ts';

/**
 * Golden cases over the hand-made tasks and log lines of test/containers-api.int.test.ts (fixed
 * times, recorded from the real engine). Re-record with
 * `RECORD_FIXTURES=1 ES_URL=http://127.0.0.1:9201 npx vitest run --project integration test/containers-api.int.test.ts`,
 * then review the diff of `<case>.response.json` and `<case>.expected.json`.
 */
export const GOLDEN_EVENTS_INDEX = 'lookout-ecs-events-golden';
export const GOLDEN_LOGS_PATTERN = 'logstash-golden-*';
export const GOLDEN_BASE_MS = Date.parse('2026-11-20T09:00:00Z');
const MINUTE = 60_000;

export const GOLDEN_CONFIG: ContainersConfig = {
  ...readConfig({ ES_URL: 'http://127.0.0.1:9200' }, [{ name: 'containers', config: containersConfig }])
    .containers,
  eventsIndex: GOLDEN_EVENTS_INDEX,
  logsIndexPattern: GOLDEN_LOGS_PATTERN,
};
const range = { fromMs: GOLDEN_BASE_MS, toMs: GOLDEN_BASE_MS + 180 * MINUTE };
/** Lookout's own template maps the log fields as keywords. */
const KEYWORD_FIELDS: LogFields = {
  containerId: 'container_id',
  containerName: 'container_name',
  source: 'source',
  partialId: 'partial_id',
};

type Response = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

export interface GoldenCase {
  name: string;
  request: estypes.SearchRequest;
  shape(response: Response): unknown;
}

/** The Docker ids of the checkout failure's two containers and the OOM failure's one. */
const GOLDEN_RUNTIME_IDS = [
  runtimeId({ name: 'checkout-db-refused' }, 'app'),
  runtimeId({ name: 'checkout-db-refused' }, 'envoy'),
  runtimeId({ name: 'billing-oom' }, 'app'),
];

/** Golden cases of steps inside an endpoint (the failures list and its log join). */
export const STEP_CASES: GoldenCase[] = [
  {
    name: 'failures-newest',
    request: buildFailuresSearch(GOLDEN_CONFIG, range, {}, 50),
    shape: (response) => ({
      tasks: storedHits(response as never).map((hit) => [hit.lookout.service, hit.lookout.failureReason]),
      services: shapeServiceBuckets(response),
    }),
  },
  {
    name: 'failures-oom-only',
    request: buildFailuresSearch(GOLDEN_CONFIG, range, { reason: ['out-of-memory'] }, 50),
    shape: (response) => storedHits(response as never).map((hit) => hit.lookout.service),
  },
  {
    name: 'first-errors',
    request: buildFirstErrorsSearch(GOLDEN_LOGS_PATTERN, KEYWORD_FIELDS, {
      runtimeIds: GOLDEN_RUNTIME_IDS,
      fromMs: range.fromMs,
      toMs: range.toMs,
    }),
    shape: (response) => Object.fromEntries(shapeFirstErrors(response)),
  },
];

/** Every golden case: the endpoint table's (`<case>.case.json`) and the steps'. */
export const GOLDEN_CASES: GoldenCase[] = [...endpointGoldenCases(containersBoard), ...STEP_CASES];
