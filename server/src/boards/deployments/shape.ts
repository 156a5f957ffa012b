import type { estypes } from '@elastic/elasticsearch';
import {
  aggregation,
  aggregationsOf,
  buckets,
  docCount,
  isoOrNull,
  keyOf,
  metricValue,
  subAggregations,
  type Aggregations,
  type Bucket,
} from '../../es/aggregations.ts';
import { intervalMs } from '../../core/time-range.ts';
import { AGG, FAILED_PHASES, INCIDENT_MIN_SERVICES, INCIDENT_WINDOW } from './query.ts';
import { encodeCursor } from '../../es/cursor.ts';
import type { StoredDeployment } from './mapping.ts';
import type {
  FailureCause,
  FailureRow,
  FailuresResponse,
  KpisResponse,
  ServicesResponse,
  StagesResponse,
} from './schema.ts';

type Response = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

function countsBy(aggs: Aggregations | Bucket, name: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const bucket of buckets(aggs, name)) counts[keyOf(bucket)] = bucket.doc_count;
  return counts;
}

function causeCounts(failures: Aggregations | Bucket): { user: number; platform: number; unknown: number } {
  const counts = countsBy(failures, AGG.byCause);
  return { user: counts.user ?? 0, platform: counts.platform ?? 0, unknown: counts.unknown ?? 0 };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function failedOf(phases: Record<string, number>): number {
  return FAILED_PHASES.reduce((sum, phase) => sum + (phases[phase] ?? 0), 0);
}

export interface IncidentWindow {
  startMs: number;
  failures: number;
  services: number;
}

/**
 * Windows with at least INCIDENT_MIN_SERVICES services failing for platform causes are incidents;
 * back-to-back windows merge into one incident (`services` is then the most seen in one window).
 */
export function platformIncidents(
  windows: readonly IncidentWindow[],
  windowMs: number,
): KpisResponse['platformIncidents'] {
  const incidents: KpisResponse['platformIncidents'] = [];
  let current: { fromMs: number; toMs: number; failures: number; services: number } | null = null;
  for (const window of [...windows].sort((a, b) => a.startMs - b.startMs)) {
    if (window.services < INCIDENT_MIN_SERVICES) continue;
    if (current && current.toMs === window.startMs) {
      current.toMs += windowMs;
      current.failures += window.failures;
      current.services = Math.max(current.services, window.services);
    } else {
      if (current) incidents.push(toIncident(current));
      current = {
        fromMs: window.startMs,
        toMs: window.startMs + windowMs,
        failures: window.failures,
        services: window.services,
      };
    }
  }
  if (current) incidents.push(toIncident(current));
  return incidents;
}

function toIncident(incident: { fromMs: number; toMs: number; failures: number; services: number }) {
  return {
    from: new Date(incident.fromMs).toISOString(),
    to: new Date(incident.toMs).toISOString(),
    failures: incident.failures,
    services: incident.services,
  };
}

const INCIDENT_WINDOW_MS = intervalMs('INCIDENT_WINDOW', INCIDENT_WINDOW);

function percentile(aggs: Aggregations | Bucket, name: string, percent: string): number | null {
  const agg = aggregation(aggs, name) as { values?: Record<string, number | null> };
  return agg.values?.[percent] ?? null;
}

/** Everything but time to restore, which takes searches of its own (time-to-restore.ts). */
export function shapeKpis(response: Response): Omit<KpisResponse, 'timeToRestoreMs'> {
  const aggs = aggregationsOf(response);
  let deployments = 0;
  let releases = 0;
  let succeeded = 0;
  let failed = 0;
  for (const kind of buckets(aggs, AGG.byKind)) {
    const phases = countsBy(kind as Bucket, AGG.byPhase);
    if (keyOf(kind) === 'deploy') deployments += kind.doc_count;
    else releases += kind.doc_count;
    succeeded += phases.succeeded ?? 0;
    failed += failedOf(phases);
  }
  const production = subAggregations(aggs, AGG.productionDeploys);
  const productionPhases = countsBy(production, AGG.byPhase);
  const productionFinished = Object.values(productionPhases).reduce((sum, n) => sum + n, 0);

  return {
    deployments,
    releases,
    succeeded,
    failed,
    successRate: ratio(succeeded, succeeded + failed),
    changeFailureRate: ratio(failedOf(productionPhases), productionFinished),
    failuresByCause: causeCounts(subAggregations(aggs, AGG.failures)),
    durationMs: { p50: percentile(aggs, AGG.duration, '50.0'), p95: percentile(aggs, AGG.duration, '95.0') },
    perDay: buckets(aggs, AGG.perDay).map((day) => {
      const failures = subAggregations(day as Bucket, AGG.failures);
      return {
        day: new Date(Number(day.key)).toISOString().slice(0, 10),
        deployments: day.doc_count,
        failed: docCount(day as Bucket, AGG.failures),
        ...causeCounts(failures),
      };
    }),
    platformIncidents: platformIncidents(
      buckets(subAggregations(aggs, AGG.platformFailures), AGG.incidentWindows).map((window) => ({
        startMs: Number(window.key),
        failures: window.doc_count,
        services: metricValue(window as Bucket, AGG.failedServices) ?? 0,
      })),
      INCIDENT_WINDOW_MS,
    ),
  };
}

function failureRow(source: Partial<StoredDeployment>): FailureRow {
  return {
    eventId: source.eventId ?? '',
    kind: source.kind ?? 'deploy',
    phase: source.phase ?? 'failed',
    service: source.service ?? '',
    environment: source.environment ?? '',
    version: source.version ?? '',
    deploymentId: source.deploymentId ?? '',
    platform: source.platform ?? 'node',
    finishedAt: new Date(source['@timestamp'] ?? 0).toISOString(),
    stage: source.failure?.stage ?? null,
    code: source.failure?.code ?? null,
    message: source.failure?.message ?? null,
    cause: (source.cause ?? 'unknown') as FailureCause,
    ruleId: source.ruleId ?? null,
  };
}

/** The rows of a failures export: one per hit, the same fields as the list. */
export function shapeFailureRows(hits: readonly estypes.SearchHit<unknown>[]): FailureRow[] {
  return hits.map((hit) => failureRow((hit._source ?? {}) as Partial<StoredDeployment>));
}

export function shapeFailures(response: Response, pageSize: number): FailuresResponse {
  const hits = response.hits.hits;
  const total =
    typeof response.hits.total === 'number' ? response.hits.total : (response.hits.total?.value ?? 0);
  const last = hits.at(-1);
  return {
    total,
    failures: hits.map((hit) => failureRow((hit._source ?? {}) as Partial<StoredDeployment>)),
    nextCursor: hits.length === pageSize && last?.sort ? encodeCursor(last.sort) : null,
  };
}

export function shapeServices(response: Response, toMs: number): ServicesResponse {
  const aggs = aggregationsOf(response);
  return {
    services: buckets(aggs, AGG.services).map((service) => {
      const failures = subAggregations(service as Bucket, AGG.failures);
      const failed = docCount(service as Bucket, AGG.failures);
      const lastSuccess = metricValue(subAggregations(service as Bucket, AGG.successes), AGG.lastSuccess);
      return {
        service: keyOf(service),
        deployments: service.doc_count,
        failed,
        failureRate: ratio(failed, service.doc_count),
        failuresByCause: causeCounts(failures),
        lastDeployAt: isoOrNull(metricValue(service as Bucket, AGG.lastDeploy)),
        lastSuccessAt: isoOrNull(lastSuccess),
        msSinceLastSuccess: lastSuccess === null ? null : Math.max(0, toMs - lastSuccess),
      };
    }),
  };
}

export function shapeStages(response: Response): StagesResponse {
  const aggs = aggregationsOf(response);
  return {
    stages: buckets(aggs, AGG.stages).map((stage) => ({
      stage: keyOf(stage),
      failed: stage.doc_count,
      failuresByCause: causeCounts(stage as Bucket),
    })),
    withoutStage: docCount(aggs, AGG.withoutStage),
  };
}
