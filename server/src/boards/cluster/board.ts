import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { defineBoard, type AlertContext, type AlertSource } from '../../core/board.ts';
import { createBurstMemo } from '../../es/burst-memo.ts';
import { auditIndexTemplate, stateIndexTemplate } from './mapping.ts';
import { clusterRoutes } from './routes.ts';
import { createRetentionSchedule } from './retention/schedule.ts';
import { createClusterAlertWatcher } from './alerts/watcher.ts';
import type { ClusterReads } from './reads.ts';
import { clusterConfig, clusterConfigOf } from './config.ts';

/** Engine statistics are shared by everyone asking within this window (one page load, many viewers). */
const BURST_MS = 3_000;

/** This process among the BFF instances, in claims and audit records. */
const instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;

/** The board's endpoints, mounted under `/api/cluster`. */
const routes: FastifyPluginAsync = async (app) => {
  const reads: ClusterReads = {
    client: app.es,
    search: app.esSearch,
    memo: createBurstMemo(BURST_MS),
    config: clusterConfigOf(app.config),
  };
  await app.register(clusterRoutes(reads));
};

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
  routes,
  indexTemplates: (config) => [
    auditIndexTemplate(config.cluster.auditIndex),
    stateIndexTemplate(config.cluster.stateIndex),
  ],
  alertSources: [clusterAlerts, scheduledRetention],
});
