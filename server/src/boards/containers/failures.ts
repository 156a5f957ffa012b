import type { Client } from '@elastic/elasticsearch';
import type { ContainersConfig } from './config.ts';
import type { TimeRange } from '../../core/time-range.ts';
import type { Searcher } from '../../es/search.ts';
import { resolveLogFields } from './log-fields.ts';
import {
  buildFailuresSearch,
  buildFailureTimesSearch,
  buildFirstErrorsSearch,
  buildLastEventSearch,
  buildLastLogSearch,
  buildPreviousFailuresSearch,
  buildRecentStartsSearch,
  buildStartupFailedAmongSearch,
  buildStartupLogSearch,
  buildTaskSearch,
  type FailureFilters,
} from './query.ts';
import {
  failureTimes,
  lastTimestamp,
  logWindowOf,
  shapeFailureDetail,
  shapeFailureList,
  shapeFirstErrors,
  shapeFailureTotal,
  shapeServiceBuckets,
  storedHits,
  toFailure,
} from './shape.ts';
import type { FailureDetailResponse, FailuresResponse } from './schema.ts';

/**
 * The containers board's reads: failures (list, one failure with its log) joined with the fluentd
 * logs by Docker container id (`runtimeId` = `container_id`). Used by the routes and the alert
 * watcher alike.
 */
export interface ContainerReads {
  client: Client;
  search: Searcher;
  config: ContainersConfig;
}

/** Newest ECS event and newest log line: the freshness line of both pages (not the watcher's business). */
export async function containerFreshness(reads: ContainerReads): Promise<FailuresResponse['freshness']> {
  const [events, logs] = await Promise.all([
    reads.search(buildLastEventSearch(reads.config)),
    reads.search(buildLastLogSearch(reads.config)),
  ]);
  return { lastEventAt: lastTimestamp(events), lastLogAt: lastTimestamp(logs) };
}

/** First error lines of these failures' containers, in one search; empty when there are no logs. */
async function firstErrorsOf(reads: ContainerReads, hits: ReturnType<typeof storedHits>) {
  const windows = hits
    .map((hit) => logWindowOf(hit, reads.config.startupWindowMs))
    .filter((window) => window.runtimeIds.length > 0);
  const fields =
    windows.length > 0 ? await resolveLogFields(reads.client, reads.config.logsIndexPattern) : null;
  if (!fields) return { firstErrors: new Map<string, string>(), searched: false };
  const response = await reads.search(
    buildFirstErrorsSearch(reads.config.logsIndexPattern, fields, {
      runtimeIds: windows.flatMap((window) => window.runtimeIds),
      fromMs: Math.min(...windows.map((window) => window.fromMs)),
      toMs: Math.max(...windows.map((window) => window.toMs)),
    }),
  );
  return { firstErrors: shapeFirstErrors(response), searched: true };
}

/**
 * The rows of a failures export, one page at a time: each failure with its first error line.
 * Crash loops are a property of the list as shown (they need the failures before the range) and
 * are left out of the file.
 */
export async function exportFailureRows(reads: ContainerReads, hits: ReturnType<typeof storedHits>) {
  const { firstErrors, searched } = await firstErrorsOf(reads, hits);
  return hits.map((hit) => {
    const { crashLoop: _crashLoop, containers, ...failure } = toFailure(hit, firstErrors, false, searched);
    return {
      ...failure,
      containers: containers.map(
        (container) =>
          `${container.name} exit ${container.exitCode ?? '-'}${container.reason ? ` (${container.reason})` : ''}`,
      ),
      images: containers.flatMap((container) => (container.image ? [container.image] : [])),
    };
  });
}

export async function listFailures(
  reads: ContainerReads,
  range: TimeRange,
  filters: FailureFilters,
  size: number,
): Promise<Omit<FailuresResponse, 'freshness'>> {
  const { config } = reads;
  const response = await reads.search(buildFailuresSearch(config, range, filters, size));
  const hits = storedHits(response);
  const services = shapeServiceBuckets(response);
  const [{ firstErrors, searched }, timesResponse] = await Promise.all([
    firstErrorsOf(reads, hits),
    services.length > 0
      ? reads.search(
          buildFailureTimesSearch(
            config,
            range,
            filters,
            services.map((entry) => entry.service),
          ),
        )
      : Promise.resolve(null),
  ]);
  return shapeFailureList({
    hits,
    services,
    firstErrors,
    logsSearched: searched,
    times: timesResponse ? failureTimes(timesResponse) : [],
    total: shapeFailureTotal(response),
    range,
    config,
  });
}

export async function failureDetail(
  reads: ContainerReads,
  taskId: string,
): Promise<FailureDetailResponse | null> {
  const { config } = reads;
  const [taskResponse, fresh] = await Promise.all([
    reads.search(buildTaskSearch(config, taskId)),
    containerFreshness(reads),
  ]);
  const hit = storedHits(taskResponse)[0];
  if (!hit?.lookout.failureReason) return null;
  const stoppedAtMs = Date.parse(hit.lookout.stoppedAt ?? '');
  const window = logWindowOf(hit, config.startupWindowMs);
  const fields =
    window.runtimeIds.length > 0 ? await resolveLogFields(reads.client, config.logsIndexPattern) : null;
  const [logResponse, previousResponse, startsResponse] = await Promise.all([
    fields
      ? reads.search(buildStartupLogSearch(config.logsIndexPattern, fields, window))
      : Promise.resolve(null),
    reads.search(buildPreviousFailuresSearch(config, hit.lookout.service, stoppedAtMs)),
    reads.search(buildRecentStartsSearch(config, hit.lookout.service, stoppedAtMs)),
  ]);
  return shapeFailureDetail({
    hit,
    runtimeIds: window.runtimeIds,
    logResponse,
    previous: storedHits(previousResponse),
    lastSuccessfulStart: await lastSuccessfulStart(reads, storedHits(startsResponse)),
    freshness: fresh,
    config,
  });
}

/** The newest earlier task of the service that started and was not itself a startup failure. */
async function lastSuccessfulStart(reads: ContainerReads, candidates: ReturnType<typeof storedHits>) {
  if (candidates.length === 0) return null;
  const failed = await reads.search(
    buildStartupFailedAmongSearch(
      reads.config,
      candidates.map((candidate) => candidate.lookout.taskArn),
    ),
  );
  const failedArns = new Set(
    failed.hits.hits.map((hit) => (hit._source as { lookout: { taskArn: string } }).lookout.taskArn),
  );
  const good = candidates.find((candidate) => !failedArns.has(candidate.lookout.taskArn));
  if (!good?.lookout.startedAt) return null;
  return {
    taskId: good.lookout.taskId,
    startedAt: good.lookout.startedAt,
    images: good.lookout.containers.flatMap((container) =>
      container.image ? [{ container: container.name, image: container.image }] : [],
    ),
  };
}
