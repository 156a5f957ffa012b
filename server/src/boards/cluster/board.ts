import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { defineBoard, type AlertContext, type AlertSource } from '../../core/board.ts';
import { createBurstMemo } from '../../es/burst-memo.ts';
import { auditIndexTemplate, stateIndexTemplate } from './mapping.ts';
import { BURST_MS, clusterEndpoints } from './endpoints.ts';
import { createRetentionSchedule } from './retention/schedule.ts';
import { createClusterAlertWatcher } from './alerts/watcher.ts';
import type { ClusterReads } from './reads.ts';
import { clusterConfig, clusterConfigOf } from './config.ts';

/** This process among the BFF instances, in claims and audit records. */
const instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

function readsOf({ config, es, search }: AlertContext): ClusterReads {
  return { client: es, search, memo: createBurstMemo(BURST_MS), config: clusterConfigOf(config) };
}

/** Cluster red/yellow, disk and stale feeds posted to ALERT_WEBHOOK_URL; off when it is not set. */
const clusterAlerts: AlertSource = {
  name: 'cluster-alerts',
  create(context) {
    const reads = readsOf(context);
    if (!reads.config.alerts.webhookUrl) return null;
    const log = context.log.child({ component: 'cluster' });
    return createClusterAlertWatcher({ reads, writer: context.esWriter, instanceId, log });
  },
};

/** The scheduled retention run (RETENTION_INTERVAL_MINUTES; off by default), exactly once across instances. */
const scheduledRetention: AlertSource = {
  name: 'retention-schedule',
  create(context) {
    const config = clusterConfigOf(context.config);
    if (config.retentionIntervalMs <= 0) return null;
    const log = context.log.child({ component: 'cluster' });
    return createRetentionSchedule({ writer: context.esWriter, config, instanceId, log });
  },
};

/** Cluster: is the cluster healthy, is every feed arriving, when does disk run out, what does retention delete. */
export const clusterBoard = defineBoard({
  name: 'cluster',
  title: 'Cluster',
  question:
    'is the cluster healthy, is every feed arriving, when does disk run out, what does retention delete',
  config: clusterConfig,
  endpoints: clusterEndpoints,
  indexTemplates: (config) => [
    auditIndexTemplate(config.cluster.auditIndex),
    stateIndexTemplate(config.cluster.stateIndex),
  ],
  alertSources: [clusterAlerts, scheduledRetention],
});
