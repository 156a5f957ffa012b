// The deployment KPIs board counts deploys and releases, their failures and whose fault they
// were; it reads the DEPLOYMENTS_INDEX index and filters on `@timestamp` (finishedAt of the event).
import type { estypes } from '@elastic/elasticsearch';
import { searchOver, aggregationsOver } from '../../es/request-basics.ts';
import type { TimeRange } from '../../core/time-range.ts';
import type { FailuresQuery, KpisQuery, ServicesQuery, StagesQuery } from './schema.ts';
import { decodeCursor } from '../../es/cursor.ts';

type Query = estypes.QueryDslQueryContainer;

export interface BuildContext {
  index: string;
  range: TimeRange;
}

/** The environment DORA metrics (change failure rate, time to restore) are computed for. */
export const PRODUCTION = 'production';
export const FINISHED_PHASES = ['succeeded', 'failed', 'rolled_back'];
export const FAILED_PHASES = ['failed', 'rolled_back'];

/** Platform failures are grouped in windows this long to find incidents … */
export const INCIDENT_WINDOW = '30m';
/** … and a window where at least this many services failed for platform causes is an incident. */
export const INCIDENT_MIN_SERVICES = 5;

/** Aggregation names, shared by the builders and the shapers. */
export const AGG = {
  byKind: 'by_kind',
  byPhase: 'by_phase',
  failures: 'failures',
  byCause: 'by_cause',
  duration: 'duration',
  productionDeploys: 'production_deploys',
  perDay: 'per_day',
  restoreWindows: 'restore_windows',
  firstSuccess: 'first_success',
  services: 'services',
  lastDeploy: 'last_deploy',
  successes: 'successes',
  lastSuccess: 'last_success',
  platformFailures: 'platform_failures',
  incidentWindows: 'incident_windows',
  failedServices: 'failed_services',
  stages: 'stages',
  withoutStage: 'without_stage',
} as const;

type Filters = Pick<KpisQuery, 'environment' | 'service' | 'platform'>;

/** Time range, finished events only, plus every filter the user set (each an OR of its values). */
export function filterClauses(params: Filters, range: TimeRange, phases = FINISHED_PHASES): Query[] {
  const clauses: Query[] = [
    { range: { '@timestamp': { gte: range.fromMs, lt: range.toMs, format: 'epoch_millis' } } },
    { terms: { phase: phases } },
  ];
  for (const field of ['environment', 'service', 'platform'] as const) {
    const values = params[field];
    if (values && values.length > 0) clauses.push({ terms: { [field]: [...values] } });
  }
  return clauses;
}

const failedFilter: Query = { terms: { phase: FAILED_PHASES } };
const byCause = { [AGG.byCause]: { terms: { field: 'cause', size: 3 } } };

export function buildKpisSearch(params: KpisQuery, context: BuildContext): estypes.SearchRequest {
  const { fromMs, toMs } = context.range;
  return {
    ...aggregationsOver(context.index),
    query: { bool: { filter: filterClauses(params, context.range) } },
    aggs: {
      [AGG.byKind]: {
        terms: { field: 'kind', size: 2 },
        aggs: { [AGG.byPhase]: { terms: { field: 'phase', size: 3 } } },
      },
      [AGG.failures]: { filter: failedFilter, aggs: byCause },
      // HDR histogram, not the default t-digest: Elasticsearch (since 8.9) and OpenSearch implement
      // t-digest differently and answer different p95s for the same data; HdrHistogram is the same
      // library on every engine, so the KPI is the same wherever Lookout runs.
      [AGG.duration]: {
        percentiles: {
          field: 'durationMs',
          percents: [50, 95],
          hdr: { number_of_significant_value_digits: 3 },
        },
      },
      [AGG.productionDeploys]: {
        filter: { bool: { filter: [{ term: { environment: PRODUCTION } }, { term: { kind: 'deploy' } }] } },
        aggs: {
          [AGG.byPhase]: { terms: { field: 'phase', size: 3 } },
        },
      },
      [AGG.perDay]: {
        date_histogram: {
          field: '@timestamp',
          calendar_interval: '1d',
          time_zone: 'UTC',
          min_doc_count: 0,
          // The query's range bounds the documents; hard_bounds with a calendar interval lost the
          // last day's documents on the local engine, so only extended_bounds (empty days show).
          extended_bounds: { min: fromMs, max: toMs - 1 },
        },
        aggs: { [AGG.failures]: { filter: failedFilter, aggs: byCause } },
      },
      // Platform incidents: windows in which many services failed for platform causes.
      [AGG.platformFailures]: {
        filter: { bool: { filter: [failedFilter, { term: { cause: 'platform' } }] } },
        aggs: {
          [AGG.incidentWindows]: {
            date_histogram: { field: '@timestamp', fixed_interval: INCIDENT_WINDOW, min_doc_count: 1 },
            aggs: { [AGG.failedServices]: { cardinality: { field: 'service' } } },
          },
        },
      },
    },
  };
}

export const FAILURE_FIELDS = [
  'eventId',
  'kind',
  'phase',
  'service',
  'environment',
  'version',
  'deploymentId',
  'platform',
  '@timestamp',
  'failure',
  'cause',
  'ruleId',
];

/** Failures newest first, paged with search_after on (@timestamp, eventId). */
export function buildFailuresSearch(params: FailuresQuery, context: BuildContext): estypes.SearchRequest {
  const filter = filterClauses(params, context.range, FAILED_PHASES);
  if (params.cause && params.cause.length > 0) filter.push({ terms: { cause: [...params.cause] } });
  if (params.stage && params.stage.length > 0) filter.push({ terms: { 'failure.stage': [...params.stage] } });
  return {
    ...searchOver(context.index),
    size: params.size ?? 50,
    track_total_hits: true,
    query: { bool: { filter } },
    _source: { includes: FAILURE_FIELDS },
    sort: [{ '@timestamp': { order: 'desc' } }, { eventId: { order: 'asc' } }],
    ...(params.cursor === undefined ? {} : { search_after: decodeCursor(params.cursor) }),
  };
}

/** Per service, most failures first: counts, causes, last deploy and last success. */
export function buildServicesSearch(params: ServicesQuery, context: BuildContext): estypes.SearchRequest {
  return {
    ...aggregationsOver(context.index),
    query: { bool: { filter: filterClauses(params, context.range) } },
    aggs: {
      [AGG.services]: {
        terms: {
          field: 'service',
          size: params.size ?? 100,
          order: [{ [AGG.failures]: 'desc' }, { _key: 'asc' }],
        },
        aggs: {
          [AGG.failures]: { filter: failedFilter, aggs: byCause },
          [AGG.lastDeploy]: { max: { field: '@timestamp' } },
          [AGG.successes]: {
            filter: { term: { phase: 'succeeded' } },
            aggs: { [AGG.lastSuccess]: { max: { field: '@timestamp' } } },
          },
        },
      },
    },
  };
}

/** Failures per pipeline stage, most first, each split by cause; failures naming no stage apart. */
export function buildStagesSearch(params: StagesQuery, context: BuildContext): estypes.SearchRequest {
  return {
    ...aggregationsOver(context.index),
    query: { bool: { filter: filterClauses(params, context.range, FAILED_PHASES) } },
    aggs: {
      [AGG.stages]: {
        terms: {
          field: 'failure.stage',
          size: params.size ?? 50,
          order: [{ _count: 'desc' }, { _key: 'asc' }],
        },
        aggs: byCause,
      },
      [AGG.withoutStage]: { missing: { field: 'failure.stage' } },
    },
  };
}
