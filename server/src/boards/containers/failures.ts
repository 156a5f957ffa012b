import type { Client } from '@elastic/elasticsearch';
import type { ContainersConfig } from './config.ts';
import type { TimeRange } from '../../core/time-range.ts';
import type { Searcher } from '../../es/search.ts';
import { crashLoopFlags, firstErrorLine } from './classify.ts';
import { resolveLogFields } from './log-fields.ts';
import { linesFromHits, type FluentdLogDocument } from './logs.ts';
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
  MAX_LOG_LINES,
  type FailureFilters,
} from './query.ts';
import {
  failureLink,
  failureTimes,
  lastTimestamp,
  logWindowOf,
  shapeFirstErrors,
  shapeFailureTotal,
  shapeServiceBuckets,
  storedHits,
  toFailure,
} from './shape.ts';
import type { Failure, FailureDetailResponse, FailuresResponse } from './schema.ts';

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
  const times = timesResponse ? failureTimes(timesResponse) : [];
  const loops = crashLoopFlags(times, config.crashLoopCount, config.crashLoopWindowMs);
  const loopingAt = new Set(
    times.flatMap((time, position) => (loops[position] ? [`${time.service}@${time.stoppedAtMs}`] : [])),
  );
  // Failures before `from` help find a loop that runs into the range; a loop that ended before
  // it does not mark the service.
  const loopingServices = new Set(
    times.flatMap((time, position) =>
      loops[position] && time.stoppedAtMs >= range.fromMs ? [time.service] : [],
    ),
  );
  return {
    failures: hits.map((hit) =>
      toFailure(
        hit,
        firstErrors,
        loopingAt.has(`${hit.lookout.service}@${Date.parse(hit.lookout.stoppedAt ?? '')}`),
        searched,
      ),
    ),
    services: services.map((entry) => ({ ...entry, crashLoop: loopingServices.has(entry.service) })),
    total: shapeFailureTotal(response),
    startupWindowMs: config.startupWindowMs,
  };
}

/** One failure with its startup log, or null when no startup failure of this task is stored. */
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
  const logs = logResponse
    ? linesFromHits(logResponse.hits.hits as { _source?: Partial<FluentdLogDocument> }[])
    : [];
  const total = logResponse?.hits.total;
  const totalLines = typeof total === 'number' ? total : (total?.value ?? 0);
  const firstErrors = new Map<string, string>();
  const firstError = firstErrorLine(logs);
  if (firstError !== null) for (const id of window.runtimeIds) firstErrors.set(id, firstError);
  const failure: Failure = { ...toFailure(hit, firstErrors, false, true), logsAvailable: logs.length > 0 };
  const previous = storedHits(previousResponse);
  failure.crashLoop =
    previous.filter(
      (entry) => stoppedAtMs - Date.parse(entry.lookout.stoppedAt ?? '') <= config.crashLoopWindowMs,
    ).length +
      1 >=
    config.crashLoopCount;
  return {
    failure,
    logs,
    logsTruncated: totalLines > MAX_LOG_LINES,
    logsNote: logsNote(hit.lookout.launchType, window.runtimeIds.length, logs.length),
    previousFailures: previous.map((entry) => {
      const stopped = Date.parse(entry.lookout.stoppedAt ?? '');
      return {
        taskId: entry.lookout.taskId,
        stoppedAt: new Date(stopped).toISOString(),
        reasonClass: entry.lookout.failureReason ?? 'other',
        exitCode:
          entry.lookout.containers.find((container) => (container.exitCode ?? 0) !== 0)?.exitCode ?? null,
        link: failureLink(entry.lookout.taskId, stopped),
      };
    }),
    lastSuccessfulStart: await lastSuccessfulStart(reads, storedHits(startsResponse)),
    freshness: fresh,
  };
}

function logsNote(launchType: string | undefined, runtimeIds: number, lines: number): string | null {
  if (lines > 0) return null;
  if (launchType === 'FARGATE') {
    return 'Logs are not available: Fargate tasks have no Docker container id and no fluentd logs.';
  }
  if (runtimeIds === 0) {
    return 'Logs are not available: no container of this task started (no Docker container id).';
  }
  return 'No log lines found for these container ids in the log indices (check the fluentd pipeline).';
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
