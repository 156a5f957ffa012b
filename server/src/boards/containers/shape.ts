import type { estypes } from '@elastic/elasticsearch';
import { aggregationsOf, buckets, isoOrNull, keyOf, metricValue } from '../../es/aggregations.ts';
import type { TimeRange } from '../../core/time-range.ts';
import { crashLoopFlags, exitMeaning, firstErrorLine } from './classify.ts';
import type { ContainersConfig } from './config.ts';
import { linesFromHits, type FluentdLogDocument, LOG_MARGIN_MS } from './logs.ts';
import type { StoredEcsEvent } from './mapping.ts';
import { AGG, MAX_LOG_LINES } from './query.ts';
import type {
  Failure,
  FailureDetailResponse,
  FailuresResponse,
  ReasonClass,
  TimelineResponse,
} from './schema.ts';

type Response<T = unknown> = estypes.SearchResponse<T, Record<string, estypes.AggregationsAggregate>>;
type StoredHit = Pick<StoredEcsEvent, 'lookout'> & { event?: { detail?: { createdAt?: string } } };

/** Reading the containers board's search responses into the API's shapes. */

/** The failure page's path with an absolute range of 30 minutes either side of the stop. */
export function failureLink(taskId: string, stoppedAtMs: number): string {
  const from = new Date(stoppedAtMs - 30 * 60_000).toISOString();
  const to = new Date(stoppedAtMs + 30 * 60_000).toISOString();
  return `/containers/failures/${encodeURIComponent(taskId)}?from=${from}&to=${to}`;
}

/** The stored ECS events of a search's hits (the builders ask for `lookout` and the event). */
export function storedHits(response: Response): StoredHit[] {
  return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source as StoredHit] : []));
}

/** How many distinct failed tasks matched (the list itself is one page). */
export function shapeFailureTotal(response: Response): number {
  return metricValue(aggregationsOf(response), AGG.tasks) ?? 0;
}

/**
 * Where a task's startup logs are: its containers' Docker ids, from shortly before it was
 * created (or started) until shortly after it stopped.
 */
export function logWindowOf(
  hit: StoredHit,
  startupWindowMs: number,
): {
  runtimeIds: string[];
  fromMs: number;
  toMs: number;
} {
  const stoppedMs = Date.parse(hit.lookout.stoppedAt ?? '');
  const createdMs = Date.parse(hit.event?.detail?.createdAt ?? hit.lookout.startedAt ?? '');
  const startMs = Number.isNaN(createdMs) ? stoppedMs - startupWindowMs : createdMs;
  return {
    // Fargate's runtimeId (`<taskId>-<n>`) is no Docker id: no fluentd log carries it.
    runtimeIds: hit.lookout.launchType === 'FARGATE' ? [] : hit.lookout.runtimeIds,
    fromMs: startMs - LOG_MARGIN_MS,
    toMs: stoppedMs + LOG_MARGIN_MS,
  };
}

/** Per container id: the first error line among its first stderr lines, else its last stderr line. */
export function shapeFirstErrors(response: Response): Map<string, string> {
  const result = new Map<string, string>();
  for (const bucket of buckets(aggregationsOf(response), AGG.containers)) {
    const hitsOf = (name: string) =>
      (bucket[name] as { hits: { hits: { _source?: Partial<FluentdLogDocument> }[] } }).hits.hits;
    const first = firstErrorLine(linesFromHits(hitsOf(AGG.firstLines)));
    const line = first ?? linesFromHits(hitsOf(AGG.lastLine))[0]?.line;
    if (line !== undefined) result.set(keyOf(bucket), line);
  }
  return result;
}

export function toFailure(
  hit: StoredHit,
  firstErrors: Map<string, string>,
  crashLoop: boolean,
  logsSearched: boolean,
): Failure {
  const { lookout } = hit;
  const stoppedAtMs = Date.parse(lookout.stoppedAt ?? '');
  const firstError = lookout.runtimeIds.map((id) => firstErrors.get(id)).find((line) => line !== undefined);
  return {
    taskId: lookout.taskId,
    taskArn: lookout.taskArn,
    cluster: lookout.cluster,
    service: lookout.service,
    launchType: lookout.launchType ?? null,
    startedAt: lookout.startedAt ?? null,
    stoppedAt: new Date(stoppedAtMs).toISOString(),
    stopCode: lookout.stopCode ?? null,
    stoppedReason: lookout.stoppedReason ?? null,
    reasonClass: lookout.failureReason ?? 'other',
    containers: lookout.containers.map((container) => ({
      name: container.name,
      image: container.image ?? null,
      exitCode: container.exitCode ?? null,
      exitMeaning: exitMeaning(container.exitCode),
      reason: container.reason ?? null,
      runtimeId: container.runtimeId ?? null,
    })),
    firstErrorLine: firstError ?? null,
    logsAvailable: logsSearched && firstError !== undefined,
    crashLoop,
    link: failureLink(lookout.taskId, stoppedAtMs),
  };
}

export function failureTimes(response: Response): { service: string; stoppedAtMs: number }[] {
  return response.hits.hits.map((hit) => ({
    service: String((hit.fields?.['lookout.service'] as unknown[] | undefined)?.[0] ?? ''),
    stoppedAtMs: Number((hit.fields?.['@timestamp'] as unknown[] | undefined)?.[0] ?? 0),
  }));
}

export function shapeServiceBuckets(response: Response) {
  return buckets(aggregationsOf(response), AGG.services).map((bucket) => ({
    service: keyOf(bucket),
    failures: metricValue(bucket, AGG.tasks) ?? bucket.doc_count,
    lastFailure: isoOrNull(metricValue(bucket, AGG.last)) ?? new Date(0).toISOString(),
  }));
}

export function shapeTimeline(response: Response, interval: string): TimelineResponse {
  return {
    interval,
    buckets: buckets(aggregationsOf(response), AGG.overTime).map((bucket) => {
      const byReason: Partial<Record<ReasonClass, number>> = {};
      for (const reason of buckets(bucket, AGG.reasons))
        byReason[keyOf(reason) as ReasonClass] = reason.doc_count;
      return { start: new Date(Number(bucket.key)).toISOString(), total: bucket.doc_count, byReason };
    }),
  };
}

export function lastTimestamp(response: Response): string | null {
  return isoOrNull(metricValue(aggregationsOf(response), AGG.last));
}

/** The failure list: each failure flagged when it belongs to a crash loop, and the failing services. */
export function shapeFailureList(input: {
  hits: StoredHit[];
  services: ReturnType<typeof shapeServiceBuckets>;
  firstErrors: Map<string, string>;
  logsSearched: boolean;
  times: ReturnType<typeof failureTimes>;
  total: number;
  range: TimeRange;
  config: ContainersConfig;
}): Omit<FailuresResponse, 'freshness'> {
  const { times, config } = input;
  const loops = crashLoopFlags(times, config.crashLoopCount, config.crashLoopWindowMs);
  const loopingAt = new Set(
    times.flatMap((time, position) => (loops[position] ? [`${time.service}@${time.stoppedAtMs}`] : [])),
  );
  // Failures before `from` help find a loop that runs into the range; a loop that ended before
  // it does not mark the service.
  const loopingServices = new Set(
    times.flatMap((time, position) =>
      loops[position] && time.stoppedAtMs >= input.range.fromMs ? [time.service] : [],
    ),
  );
  return {
    failures: input.hits.map((hit) =>
      toFailure(
        hit,
        input.firstErrors,
        loopingAt.has(`${hit.lookout.service}@${Date.parse(hit.lookout.stoppedAt ?? '')}`),
        input.logsSearched,
      ),
    ),
    services: input.services.map((entry) => ({ ...entry, crashLoop: loopingServices.has(entry.service) })),
    total: input.total,
    startupWindowMs: config.startupWindowMs,
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

/** One failure with its startup log (null: no log search), the earlier failures of its service. */
export function shapeFailureDetail(input: {
  hit: StoredHit;
  runtimeIds: string[];
  logResponse: Response | null;
  previous: StoredHit[];
  lastSuccessfulStart: FailureDetailResponse['lastSuccessfulStart'];
  freshness: FailureDetailResponse['freshness'];
  config: ContainersConfig;
}): FailureDetailResponse {
  const { hit, logResponse, previous, config } = input;
  const stoppedAtMs = Date.parse(hit.lookout.stoppedAt ?? '');
  const logs = logResponse
    ? linesFromHits(logResponse.hits.hits as { _source?: Partial<FluentdLogDocument> }[])
    : [];
  const total = logResponse?.hits.total;
  const totalLines = typeof total === 'number' ? total : (total?.value ?? 0);
  const firstErrors = new Map<string, string>();
  const firstError = firstErrorLine(logs);
  if (firstError !== null) for (const id of input.runtimeIds) firstErrors.set(id, firstError);
  const failure: Failure = { ...toFailure(hit, firstErrors, false, true), logsAvailable: logs.length > 0 };
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
    logsNote: logsNote(hit.lookout.launchType, input.runtimeIds.length, logs.length),
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
    lastSuccessfulStart: input.lastSuccessfulStart,
    freshness: input.freshness,
  };
}
