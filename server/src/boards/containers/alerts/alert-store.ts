import type { Client } from '@elastic/elasticsearch';
import { claimOnce, ensureIndex, replaceIfUnchanged, type Stored } from '../../../es/claims.ts';
import type { ContainersConfig } from '../config.ts';
import type { TimeRange } from '../../../core/time-range.ts';
import type { Searcher } from '../../../es/search.ts';
import type { AlertRow, Failure, ReasonClass } from '../schema.ts';
import { alertsIndexTemplate } from '../mapping.ts';

/**
 * Alert claims and delivery status in Elasticsearch, one document per task ARN, so any number of
 * BFF instances (and restarts) agree on who sends what: the claim is `create` (only one instance
 * succeeds), later status changes use the document's sequence number (only one instance wins a
 * retry). Nothing lives on the BFF's disk.
 */

export type AlertStatus = AlertRow['status'];

export interface AlertDocument {
  taskArn: string;
  taskId: string;
  service: string;
  cluster: string;
  reasonClass: ReasonClass;
  failureStoppedAt: string;
  claimedAt: string;
  claimedBy: string;
  status: AlertStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
  /** When a retry is due; while it is in the future, nobody sends. */
  nextAttemptAt: string;
  link: string;
  /** The message as first rendered: retries send exactly this. */
  payload: Record<string, unknown>;
}

export type StoredAlert = Stored<AlertDocument>;

/**
 * Creates the alerts index with its mapping and waits until it answers searches (see
 * es/claims.ts `ensureIndex`).
 */
export async function ensureAlertsIndex(client: Client, index: string, timeoutMs = 30_000): Promise<void> {
  await ensureIndex(client, index, alertsIndexTemplate(index), timeoutMs);
}

/**
 * Which of these task ARNs already have an alert document: one `mget` per watcher round, so
 * failures alerted in earlier rounds cost no write attempt each time the lookback still sees
 * them. The `create` in `claimAlert` stays the guard between instances.
 */
export async function alreadyClaimed(
  client: Client,
  index: string,
  taskArns: string[],
): Promise<Set<string>> {
  if (taskArns.length === 0) return new Set();
  const response = await client.mget({ index, ids: taskArns, _source: false });
  return new Set(response.docs.flatMap((doc) => ('found' in doc && doc.found ? [doc._id] : [])));
}

/** Claims the alert for a failure; false when another instance (or an earlier run) already did. */
export async function claimAlert(
  client: Client,
  index: string,
  document: AlertDocument,
): Promise<StoredAlert | null> {
  return claimOnce(client, index, document.taskArn, document);
}

/**
 * Writes the new state only if nobody changed the document since it was read; null when someone
 * did (another instance took this retry).
 */
export async function updateAlert(
  client: Client,
  index: string,
  alert: StoredAlert,
  changes: Partial<AlertDocument>,
): Promise<StoredAlert | null> {
  return replaceIfUnchanged(client, index, alert, { ...alert.document, ...changes });
}

/**
 * Alerts whose delivery is due: retrying ones past `nextAttemptAt`, and `sending` ones whose
 * claimer did not report back in time (it crashed between claim and send).
 */
export async function dueAlerts(client: Client, index: string, nowMs: number): Promise<StoredAlert[]> {
  const response = await client.search<AlertDocument>({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 100,
    seq_no_primary_term: true,
    query: {
      bool: {
        filter: [
          { terms: { status: ['retrying', 'sending'] } },
          { range: { nextAttemptAt: { lte: nowMs, format: 'epoch_millis' } } },
        ],
      },
    },
    sort: [{ nextAttemptAt: { order: 'asc', unmapped_type: 'date' } }],
  });
  return response.hits.hits.flatMap((hit) =>
    hit._source && hit._seq_no !== undefined && hit._primary_term !== undefined
      ? [{ id: hit._id!, document: hit._source, seqNo: hit._seq_no, primaryTerm: hit._primary_term }]
      : [],
  );
}

export function newAlertDocument(
  failure: Failure,
  link: string,
  payload: Record<string, unknown>,
  instanceId: string,
  nowMs: number,
  leaseMs: number,
): AlertDocument {
  return {
    taskArn: failure.taskArn,
    taskId: failure.taskId,
    service: failure.service,
    cluster: failure.cluster,
    reasonClass: failure.reasonClass,
    failureStoppedAt: failure.stoppedAt,
    claimedAt: new Date(nowMs).toISOString(),
    claimedBy: instanceId,
    status: 'sending',
    attempts: 0,
    lastError: null,
    deliveredAt: null,
    nextAttemptAt: new Date(nowMs + leaseMs).toISOString(),
    link,
    payload,
  };
}

/** Sent alerts for the board, newest claim first. */
export async function listAlerts(
  search: Searcher,
  config: ContainersConfig,
  range: TimeRange,
  size: number,
): Promise<AlertRow[]> {
  const response = await search<AlertDocument>({
    index: config.alerts.index,
    ignore_unavailable: true,
    allow_no_indices: true,
    size,
    track_total_hits: false,
    query: { range: { claimedAt: { gte: range.fromMs, lt: range.toMs, format: 'epoch_millis' } } },
    sort: [{ claimedAt: { order: 'desc', unmapped_type: 'date' } }],
    _source: { excludes: ['payload'] },
  });
  return response.hits.hits.flatMap((hit) => {
    const alert = hit._source;
    if (!alert) return [];
    return [
      {
        taskId: alert.taskId,
        service: alert.service,
        cluster: alert.cluster,
        reasonClass: alert.reasonClass,
        failureStoppedAt: alert.failureStoppedAt,
        claimedAt: alert.claimedAt,
        status: alert.status,
        attempts: alert.attempts,
        lastError: alert.lastError,
        deliveredAt: alert.deliveredAt,
        link: alert.link,
      },
    ];
  });
}
