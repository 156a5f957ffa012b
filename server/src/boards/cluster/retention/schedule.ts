import type { Client } from '@elastic/elasticsearch';
import type { FastifyBaseLogger } from 'fastify';
import { claimOnce, ensureIndex } from '../../../es/claims.ts';
import { createPeriodicJob } from '../../../core/periodic-job.ts';
import type { ClusterConfig } from '../config.ts';
import { stateIndexTemplate } from '../mapping.ts';
import { applyRetention, type ApplyReport } from './apply.ts';

/**
 * The scheduled retention run (RETENTION_INTERVAL_MINUTES, off by default). Time is cut into
 * slots of one interval; the instance that creates a slot's claim document runs it, the others
 * skip it. Every deletion is claimed again on its own (apply.ts), so even overlapping runs delete
 * nothing twice.
 */
export function createRetentionSchedule(options: {
  writer: Client;
  config: ClusterConfig;
  instanceId: string;
  log: FastifyBaseLogger;
  now?: () => number;
}) {
  const { writer, config, log } = options;
  const now = options.now ?? Date.now;
  const interval = config.retentionIntervalMs;

  /** Runs the current slot if this instance claims it; null when another one did. */
  async function runSlot(): Promise<ApplyReport | null> {
    await ensureIndex(writer, config.stateIndex, stateIndexTemplate(config.stateIndex));
    const slot = Math.floor(now() / interval) * interval;
    const claim = await claimOnce(writer, config.stateIndex, `retention-run:${slot}`, {
      kind: 'retention-run',
      at: new Date(now()).toISOString(),
      by: options.instanceId,
    });
    if (!claim) return null;
    return applyRetention(writer, config, { by: `schedule:${options.instanceId}`, now });
  }

  const job = createPeriodicJob({
    name: 'retention',
    // Wake just after the next slot boundary, so instances started at different times agree on slots.
    delayMs: () => interval - (now() % interval) + 1_000,
    round: runSlot,
    done: (report) => {
      if (report) {
        log.info(
          { deleted: report.deleted.length, skipped: report.skipped.length, failed: report.failed.length },
          'retention run',
        );
      }
    },
    log,
  });

  return { runSlot, start: job.start, stop: job.stop };
}
