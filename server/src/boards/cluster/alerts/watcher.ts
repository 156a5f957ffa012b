import type { Client } from '@elastic/elasticsearch';
import type { FastifyBaseLogger } from 'fastify';
import { claimOnce, ensureIndex, replaceIfUnchanged, type Stored } from '../../../es/claims.ts';
import { postWebhook } from '../../../core/webhook.ts';
import { createPeriodicJob } from '../../../core/periodic-job.ts';
import { stateIndexTemplate } from '../mapping.ts';
import { readFamilies, readForecast, readHealth, type ClusterReads } from '../reads.ts';
import { activeConditions, type ActiveCondition } from './conditions.ts';
import { conditionMessage } from './message.ts';

/**
 * Cluster alerts: one message when a condition starts (an episode), one "resolved" when it
 * clears, exactly once across any number of instances. Each condition has one document in the
 * state index (`alert:<key>`); a transition is a conditional write (create, or replace at the
 * sequence number read), and only the instance whose write wins sends the message. A failed
 * delivery is retried by the next round's winner.
 */

export interface EpisodeDocument {
  kind: 'alert';
  condition: string;
  state: 'pending' | 'firing' | 'resolved';
  /** When the current state began. */
  since: string;
  episode: number;
  title: string;
  detail: string;
  link: string;
  delivery: 'none' | 'pending' | 'sent' | 'failed';
  lastError: string | null;
  payload: Record<string, unknown> | null;
  by: string;
}

type StoredEpisode = Stored<EpisodeDocument>;

export interface ClusterAlertReport {
  fired: number;
  resolved: number;
  delivered: number;
  failed: number;
}

async function openEpisodes(client: Client, index: string): Promise<Map<string, StoredEpisode>> {
  const response = await client.search<EpisodeDocument>({
    index,
    size: 1_000,
    seq_no_primary_term: true,
    query: { bool: { filter: [{ term: { kind: 'alert' } }] } },
  });
  return new Map(
    response.hits.hits.flatMap((hit) =>
      hit._source && hit._seq_no !== undefined && hit._primary_term !== undefined
        ? [
            [
              hit._source.condition,
              { id: hit._id!, document: hit._source, seqNo: hit._seq_no, primaryTerm: hit._primary_term },
            ],
          ]
        : [],
    ),
  );
}

export function createClusterAlertWatcher(options: {
  reads: ClusterReads;
  writer: Client;
  instanceId: string;
  log: FastifyBaseLogger;
  now?: () => number;
  fetchTimeoutMs?: number;
}) {
  const { reads, writer, log, instanceId } = options;
  const { stateIndex } = reads.config;
  const alerts = reads.config.alerts;
  const now = options.now ?? Date.now;
  const webhookUrl = alerts.webhookUrl;
  if (!webhookUrl) throw new Error('cluster alerts need ALERT_WEBHOOK_URL');

  async function deliver(stored: StoredEpisode, report: ClusterAlertReport): Promise<void> {
    try {
      await postWebhook(webhookUrl!, stored.document.payload ?? {}, options.fetchTimeoutMs);
      await replaceIfUnchanged(writer, stateIndex, stored, {
        ...stored.document,
        delivery: 'sent',
        lastError: null,
      });
      report.delivered += 1;
    } catch (error) {
      const message = (error as Error).message;
      log.warn({ condition: stored.document.condition }, `cluster alert delivery failed: ${message}`);
      await replaceIfUnchanged(writer, stateIndex, stored, {
        ...stored.document,
        delivery: 'failed',
        lastError: message,
      });
      report.failed += 1;
    }
  }

  /** A message that failed to go out is taken (sequence-number guarded) by one instance and sent again. */
  async function retryDelivery(stored: StoredEpisode, report: ClusterAlertReport): Promise<void> {
    const retry: EpisodeDocument = { ...stored.document, delivery: 'pending', by: instanceId };
    const taken = await replaceIfUnchanged(writer, stateIndex, stored, retry);
    if (taken) await deliver(taken, report);
  }

  function episode(
    condition: Pick<ActiveCondition, 'key' | 'title' | 'detail' | 'link'>,
    state: EpisodeDocument['state'],
    number: number,
    nowMs: number,
  ): EpisodeDocument {
    const link = `${alerts.publicUrl}${condition.link}`;
    const sends = state !== 'pending';
    return {
      kind: 'alert',
      condition: condition.key,
      state,
      since: new Date(nowMs).toISOString(),
      episode: number,
      title: condition.title,
      detail: condition.detail,
      link,
      delivery: sends ? 'pending' : 'none',
      lastError: null,
      payload: sends
        ? conditionMessage(condition, state === 'resolved' ? 'resolved' : 'firing', link, alerts.format)
        : null,
      by: instanceId,
    };
  }

  /** Writes the transition; sends its message only when this instance's write won. */
  async function transition(
    stored: StoredEpisode | undefined,
    next: EpisodeDocument,
    report: ClusterAlertReport,
  ): Promise<void> {
    const won = stored
      ? await replaceIfUnchanged(writer, stateIndex, stored, next)
      : await claimOnce(writer, stateIndex, `alert:${next.condition}`, next);
    if (!won || next.delivery === 'none') return;
    if (next.state === 'firing') report.fired += 1;
    if (next.state === 'resolved') report.resolved += 1;
    await deliver(won, report);
  }

  async function tick(): Promise<ClusterAlertReport> {
    const report: ClusterAlertReport = { fired: 0, resolved: 0, delivered: 0, failed: 0 };
    await ensureIndex(writer, stateIndex, stateIndexTemplate(stateIndex));
    const nowMs = now();
    const [health, families, forecast] = await Promise.all([
      readHealth(reads),
      readFamilies(reads, new Date(nowMs)),
      readForecast(reads, new Date(nowMs)),
    ]);
    const active = activeConditions({ health, families: families.families, forecast }, alerts, nowMs);
    const episodes = await openEpisodes(writer, stateIndex);

    for (const condition of active) {
      const stored = episodes.get(condition.key);
      const state = stored?.document.state;
      const number = (stored?.document.episode ?? 0) + (state === 'resolved' || !stored ? 1 : 0);
      if (!stored || state === 'resolved') {
        await transition(
          stored,
          episode(condition, condition.forMs > 0 ? 'pending' : 'firing', number, nowMs),
          report,
        );
      } else if (state === 'pending' && nowMs - Date.parse(stored.document.since) >= condition.forMs) {
        await transition(stored, episode(condition, 'firing', number, nowMs), report);
      } else if (stored.document.delivery === 'failed') {
        await retryDelivery(stored, report);
      }
    }

    const activeKeys = new Set(active.map((condition) => condition.key));
    for (const [key, stored] of episodes) {
      if (activeKeys.has(key)) continue;
      const { state, delivery } = stored.document;
      if (state === 'firing') {
        await transition(
          stored,
          episode(
            { ...stored.document, key, link: stored.document.link.slice(alerts.publicUrl.length) },
            'resolved',
            stored.document.episode,
            nowMs,
          ),
          report,
        );
      } else if (state === 'pending') {
        // Cleared before it was long enough to alert: nothing was said, nothing to resolve.
        await replaceIfUnchanged(writer, stateIndex, stored, {
          ...stored.document,
          state: 'resolved',
          delivery: 'none',
          payload: null,
        });
      } else if (delivery === 'failed') {
        await retryDelivery(stored, report);
      }
    }
    return report;
  }

  const job = createPeriodicJob({
    name: 'cluster alert',
    delayMs: () => alerts.intervalMs,
    round: tick,
    done: (report) => {
      if (report.fired + report.resolved + report.failed > 0) log.info(report, 'cluster alert round');
    },
    log,
  });

  return { tick, start: job.start, stop: job.stop };
}
