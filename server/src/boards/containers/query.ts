import type { estypes } from '@elastic/elasticsearch';
import { searchOver } from '../../es/request-basics.ts';
import { chooseInterval, type IntervalChoice, type TimeRange } from '../../core/time-range.ts';
import type { ContainersConfig } from './config.ts';
import { LOG_SOURCE_FIELDS, logsQuery } from './logs.ts';
import type { LogFields } from './log-fields.ts';
import type { ReasonClass } from './schema.ts';

type Query = estypes.QueryDslQueryContainer;

/** Request builders of the containers board: plain objects, no I/O (shape.ts reads the answers). */

export interface FailureFilters {
  service?: string[] | undefined;
  cluster?: string[] | undefined;
  reason?: ReasonClass[] | undefined;
}

/** Aggregation names, shared by the builders and the shapers (never "2", "3"). */
export const AGG = {
  tasks: 'tasks',
  services: 'services',
  last: 'last',
  containers: 'containers',
  firstLines: 'first',
  lastLine: 'last',
  overTime: 'over_time',
  reasons: 'reasons',
} as const;

/**
 * Startup failures: STOPPED events that failed (classified at ingest) and ran shorter than the
 * startup window, or never reached RUNNING. The window is applied here, not at ingest, so
 * changing STARTUP_WINDOW_SECONDS needs no re-ingest.
 */
export function startupFailureClauses(startupWindowMs: number): Query[] {
  return [
    { term: { 'lookout.lastStatus': 'STOPPED' } },
    { exists: { field: 'lookout.failureReason' } },
    {
      bool: {
        should: [
          { range: { 'lookout.ranMs': { lt: startupWindowMs } } },
          { bool: { must_not: { exists: { field: 'lookout.ranMs' } } } },
        ],
        minimum_should_match: 1,
      },
    },
  ];
}

function rangeClause(range: { fromMs: number; toMs: number }): Query {
  return { range: { '@timestamp': { gte: range.fromMs, lt: range.toMs, format: 'epoch_millis' } } };
}

export function failureClauses(
  config: ContainersConfig,
  range: { fromMs: number; toMs: number },
  filters: FailureFilters,
): Query[] {
  const clauses = [...startupFailureClauses(config.startupWindowMs), rangeClause(range)];
  if (filters.service?.length) clauses.push({ terms: { 'lookout.service': filters.service } });
  if (filters.cluster?.length) clauses.push({ terms: { 'lookout.cluster': filters.cluster } });
  if (filters.reason?.length) clauses.push({ terms: { 'lookout.failureReason': filters.reason } });
  return clauses;
}

/** Newest first; a task's STOPPED event appears once even if ECS sent it twice (collapse). */
export function buildFailuresSearch(
  config: ContainersConfig,
  range: TimeRange,
  filters: FailureFilters,
  size: number,
): estypes.SearchRequest {
  return {
    ...searchOver(config.eventsIndex),
    size,
    track_total_hits: false,
    query: { bool: { filter: failureClauses(config, range, filters) } },
    sort: [{ '@timestamp': 'desc' }, { 'lookout.version': 'desc' }],
    collapse: { field: 'lookout.taskArn' },
    _source: ['lookout', 'event.detail.createdAt'],
    aggs: {
      [AGG.tasks]: { cardinality: { field: 'lookout.taskArn', precision_threshold: 10_000 } },
      [AGG.services]: {
        terms: { field: 'lookout.service', size: 200, order: { last: 'desc' } },
        aggs: {
          [AGG.tasks]: { cardinality: { field: 'lookout.taskArn', precision_threshold: 3_000 } },
          [AGG.last]: { max: { field: '@timestamp' } },
        },
      },
    },
  };
}

/**
 * Every failure of the list's filters, newest first, for an export: the list's search without the
 * page, the per-task collapse and the facets. `(taskArn, version)` is the document id, so the sort
 * is unique; a task ECS reported STOPPED twice under two versions appears twice.
 */
export function buildFailuresExportSearch(
  config: ContainersConfig,
  range: TimeRange,
  filters: FailureFilters,
): estypes.SearchRequest {
  const {
    size: _size,
    collapse: _collapse,
    aggs: _aggs,
    track_total_hits: _total,
    ...request
  } = buildFailuresSearch(config, range, filters, 0);
  return {
    ...request,
    sort: [{ '@timestamp': 'desc' }, { 'lookout.taskArn': 'asc' }, { 'lookout.version': 'desc' }],
  };
}

/** Most failures a crash-loop check reads; beyond this the page says loops only among these. */
export const CRASH_LOOP_SCAN_LIMIT = 10_000;

/**
 * Failure times per service from one window before `from` to `to`, so a loop that began just
 * before the range still counts. Only doc values: cheap even for thousands of failures.
 */
export function buildFailureTimesSearch(
  config: ContainersConfig,
  range: TimeRange,
  filters: FailureFilters,
  services: string[],
): estypes.SearchRequest {
  return {
    ...searchOver(config.eventsIndex),
    size: CRASH_LOOP_SCAN_LIMIT,
    track_total_hits: false,
    query: {
      bool: {
        filter: failureClauses(
          config,
          { fromMs: range.fromMs - config.crashLoopWindowMs, toMs: range.toMs },
          { ...filters, service: services },
        ),
      },
    },
    sort: [{ '@timestamp': 'desc' }],
    collapse: { field: 'lookout.taskArn' },
    _source: false,
    docvalue_fields: [{ field: 'lookout.service' }, { field: '@timestamp', format: 'epoch_millis' }],
  };
}

export interface LogWindow {
  runtimeIds: string[];
  fromMs: number;
  toMs: number;
}

/**
 * The first stderr lines and the last stderr line of every container of the listed failures,
 * in one search (a terms bucket per container id), for `firstErrorLine`.
 */
export function buildFirstErrorsSearch(
  pattern: string,
  fields: LogFields,
  window: LogWindow,
): estypes.SearchRequest {
  return {
    ...searchOver(pattern),
    size: 0,
    query: logsQuery(fields, window.runtimeIds, window, true),
    aggs: {
      [AGG.containers]: {
        terms: { field: fields.containerId, size: window.runtimeIds.length },
        aggs: {
          [AGG.firstLines]: {
            top_hits: { size: 50, sort: [{ '@timestamp': 'asc' }], _source: LOG_SOURCE_FIELDS },
          },
          [AGG.lastLine]: {
            top_hits: { size: 1, sort: [{ '@timestamp': 'desc' }], _source: LOG_SOURCE_FIELDS },
          },
        },
      },
    },
  };
}

/** Most lines the failure page shows; a startup log longer than this is flagged truncated. */
export const MAX_LOG_LINES = 5_000;

export function buildStartupLogSearch(
  pattern: string,
  fields: LogFields,
  window: LogWindow,
): estypes.SearchRequest {
  return {
    ...searchOver(pattern),
    size: MAX_LOG_LINES,
    track_total_hits: MAX_LOG_LINES + 1,
    query: logsQuery(fields, window.runtimeIds, window, false),
    // Lines of one millisecond keep their indexing order (fluentd sends them in order).
    sort: [{ '@timestamp': 'asc' }, '_doc'],
    _source: LOG_SOURCE_FIELDS,
  };
}

/** The STOPPED event(s) of one task, newest version first. */
export function buildTaskSearch(config: ContainersConfig, taskId: string): estypes.SearchRequest {
  return {
    ...searchOver(config.eventsIndex),
    size: 1,
    query: {
      bool: {
        filter: [{ term: { 'lookout.taskId': taskId } }, { term: { 'lookout.lastStatus': 'STOPPED' } }],
      },
    },
    sort: [{ 'lookout.version': 'desc' }],
    _source: ['lookout', 'event.detail.createdAt'],
  };
}

/** This service's startup failures before `beforeMs`, newest first. */
export function buildPreviousFailuresSearch(
  config: ContainersConfig,
  service: string,
  beforeMs: number,
  size = 10,
): estypes.SearchRequest {
  return {
    ...searchOver(config.eventsIndex),
    size,
    track_total_hits: false,
    query: {
      bool: {
        filter: [
          ...startupFailureClauses(config.startupWindowMs),
          { term: { 'lookout.service': service } },
          { range: { '@timestamp': { lt: beforeMs, format: 'epoch_millis' } } },
        ],
      },
    },
    sort: [{ '@timestamp': 'desc' }],
    collapse: { field: 'lookout.taskArn' },
    _source: ['lookout'],
  };
}

/**
 * Candidates for "last successful start": this service's tasks that reached RUNNING before the
 * failure, newest first; the caller drops those that then failed at startup.
 */
export function buildRecentStartsSearch(
  config: ContainersConfig,
  service: string,
  beforeMs: number,
): estypes.SearchRequest {
  return {
    ...searchOver(config.eventsIndex),
    size: 20,
    track_total_hits: false,
    query: {
      bool: {
        filter: [
          { term: { 'lookout.service': service } },
          { exists: { field: 'lookout.startedAt' } },
          { range: { 'lookout.startedAt': { lt: beforeMs, format: 'epoch_millis' } } },
        ],
      },
    },
    sort: [{ 'lookout.startedAt': 'desc' }],
    collapse: { field: 'lookout.taskArn' },
    _source: ['lookout'],
  };
}

/** Which of these tasks failed at startup (to skip them when looking for a good start). */
export function buildStartupFailedAmongSearch(
  config: ContainersConfig,
  taskArns: string[],
): estypes.SearchRequest {
  return {
    ...searchOver(config.eventsIndex),
    size: taskArns.length,
    track_total_hits: false,
    query: {
      bool: {
        filter: [
          { terms: { 'lookout.taskArn': taskArns } },
          ...startupFailureClauses(config.startupWindowMs),
        ],
      },
    },
    _source: ['lookout.taskArn'],
  };
}

/** Bar widths of the failures-over-time chart: a minute to a day, at most 200 bars unless asked. */
const TIMELINE_INTERVALS: IntervalChoice = {
  intervals: ['1m', '5m', '15m', '1h', '3h', '1d'],
  maxBars: 200,
  maxExplicitBars: 2_000,
};

export function chooseTimelineInterval(range: TimeRange, requested?: string): string {
  return chooseInterval(range, requested, TIMELINE_INTERVALS);
}

export function buildTimelineSearch(
  config: ContainersConfig,
  range: TimeRange,
  filters: FailureFilters,
  interval: string,
): estypes.SearchRequest {
  return {
    ...searchOver(config.eventsIndex),
    size: 0,
    query: { bool: { filter: failureClauses(config, range, filters) } },
    aggs: {
      [AGG.overTime]: {
        date_histogram: {
          field: '@timestamp',
          fixed_interval: interval,
          min_doc_count: 0,
          extended_bounds: { min: range.fromMs, max: range.toMs - 1 },
        },
        aggs: { [AGG.reasons]: { terms: { field: 'lookout.failureReason', size: 20 } } },
      },
    },
  };
}

/** Newest ECS event and newest log line: the freshness line on both pages. */
export function buildLastEventSearch(config: ContainersConfig): estypes.SearchRequest {
  return {
    ...searchOver(config.eventsIndex),
    size: 0,
    aggs: { [AGG.last]: { max: { field: '@timestamp' } } },
  };
}

export function buildLastLogSearch(config: ContainersConfig): estypes.SearchRequest {
  return {
    ...searchOver(config.logsIndexPattern),
    size: 0,
    aggs: { [AGG.last]: { max: { field: '@timestamp' } } },
  };
}
