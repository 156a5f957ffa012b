import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Client } from '@elastic/elasticsearch';
import { flooredNow } from '../../../core/time-range.ts';
import { listFailures, type ContainerReads } from '../failures.ts';
import { alertMessage } from './alert-message.ts';
import {
  alreadyClaimed,
  claimAlert,
  dueAlerts,
  ensureAlertsIndex,
  newAlertDocument,
  updateAlert,
  type StoredAlert,
} from './alert-store.ts';
import { postWebhook } from '../../../core/webhook.ts';
import { createPeriodicJob } from '../../../core/periodic-job.ts';

/** Attempts before an alert is given up (then the board shows `gave_up` with the last error). */
export const MAX_ATTEMPTS = 8;
/** How long a claimer has to send before another instance may take the alert over. */
export const SEND_LEASE_MS = 2 * 60_000;

/** 5 s, 10 s, 20 s … capped at 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

export interface AlertWatcherOptions {
  reads: ContainerReads;
  /** Claims and status changes (the writer key when the boards read with a read-only key). */
  writer: Client;
  log: FastifyBaseLogger;
  /** Tests pin these. */
  now?: () => number;
  instanceId?: string;
  fetchTimeoutMs?: number;
}

export interface TickReport {
  claimed: number;
  delivered: number;
  failed: number;
}

/**
 * Finds new startup failures and posts one message per failure to ALERT_WEBHOOK_URL. A failure is
 * alerted by whichever instance first creates its claim document; failed deliveries are retried
 * with backoff by any instance (sequence-number guarded), and the status is kept for the board.
 * Delivery is exactly once unless an instance dies between a successful post and recording it
 * (then the lease expires and the alert is sent again: at least once, never zero times).
 */
export function createAlertWatcher(options: AlertWatcherOptions) {
  const { reads, writer, log } = options;
  const alerts = reads.config.alerts;
  const now = options.now ?? Date.now;
  const instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const webhookUrl = alerts.webhookUrl;
  if (!webhookUrl) throw new Error('alert watcher needs ALERT_WEBHOOK_URL');

  async function deliver(alert: StoredAlert, report: TickReport): Promise<void> {
    const attempts = alert.document.attempts + 1;
    try {
      await postWebhook(webhookUrl!, alert.document.payload, options.fetchTimeoutMs);
      await updateAlert(writer, alerts.index, alert, {
        status: 'delivered',
        attempts,
        lastError: null,
        deliveredAt: new Date(now()).toISOString(),
      });
      report.delivered += 1;
    } catch (error) {
      const message = (error as Error).message;
      const gaveUp = attempts >= MAX_ATTEMPTS;
      log.warn({ taskArn: alert.document.taskArn, attempts }, `alert delivery failed: ${message}`);
      await updateAlert(writer, alerts.index, alert, {
        status: gaveUp ? 'gave_up' : 'retrying',
        attempts,
        lastError: message,
        nextAttemptAt: new Date(now() + retryDelayMs(attempts)).toISOString(),
      });
      report.failed += 1;
    }
  }

  async function alertNewFailures(report: TickReport): Promise<void> {
    const nowMs = now();
    const range = { fromMs: nowMs - alerts.lookbackMs, toMs: flooredNow(new Date(nowMs)) + 60_000 };
    const { failures } = await listFailures(reads, range, {}, 200);
    const claimedBefore = await alreadyClaimed(
      writer,
      alerts.index,
      failures.map((failure) => failure.taskArn),
    );
    for (const failure of failures.reverse()) {
      if (claimedBefore.has(failure.taskArn)) continue;
      const link = `${alerts.publicUrl}${failure.link}`;
      const payload = alertMessage(failure, link, alerts.format);
      const claimed = await claimAlert(
        writer,
        alerts.index,
        newAlertDocument(failure, link, payload, instanceId, nowMs, SEND_LEASE_MS),
      );
      if (!claimed) continue;
      report.claimed += 1;
      await deliver(claimed, report);
    }
  }

  async function retryDue(report: TickReport): Promise<void> {
    for (const due of await dueAlerts(writer, alerts.index, now())) {
      // Take the retry: push nextAttemptAt out by a lease; a concurrent taker gets a conflict.
      const taken = await updateAlert(writer, alerts.index, due, {
        claimedBy: instanceId,
        nextAttemptAt: new Date(now() + SEND_LEASE_MS).toISOString(),
      });
      if (taken) await deliver(taken, report);
    }
  }

  /** One round: retries that are due, then new failures. Errors are logged; the next tick tries again. */
  let indexReady = false;
  async function tick(): Promise<TickReport> {
    const report = { claimed: 0, delivered: 0, failed: 0 };
    if (!indexReady) {
      await ensureAlertsIndex(writer, alerts.index);
      indexReady = true;
    }
    await retryDue(report);
    await alertNewFailures(report);
    return report;
  }

  const job = createPeriodicJob({
    name: 'alert watcher',
    delayMs: () => alerts.intervalMs,
    round: tick,
    done: (report) => {
      if (report.claimed + report.failed > 0) log.info(report, 'alert watcher round');
    },
    log,
  });

  return { instanceId, tick, start: job.start, stop: job.stop };
}

export type AlertWatcher = ReturnType<typeof createAlertWatcher>;
