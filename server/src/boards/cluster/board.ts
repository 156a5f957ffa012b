import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import fastifyPlugin from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import type { Board } from '../../core/board.ts';
import { createBurstMemo } from '../../es/burst-memo.ts';
import { auditIndexTemplate, stateIndexTemplate } from './mapping.ts';
import { clusterRoutes } from './routes.ts';
import { createRetentionSchedule } from './retention/schedule.ts';
import { createClusterAlertWatcher } from './alerts/watcher.ts';
import type { ClusterReads } from './reads.ts';
import { clusterConfigOf } from './config.ts';

/** Engine statistics are shared by everyone asking within this window (one page load, many viewers). */
const BURST_MS = 3_000;

/**
 * The board's endpoints under `/api/cluster`; with ALERT_WEBHOOK_URL the alert watcher, with
 * RETENTION_INTERVAL_MINUTES the scheduled retention run, both from `onReady` until the app closes.
 */
const routes: FastifyPluginAsync = async (app) => {
  const config = clusterConfigOf(app.config);
  const reads: ClusterReads = {
    client: app.es,
    search: app.esSearch,
    memo: createBurstMemo(BURST_MS),
    config,
  };
  await app.register(clusterRoutes(reads), { prefix: '/api/cluster' });

  const instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const log = app.log.child({ component: 'cluster' });
  const jobs = [
    ...(config.alerts.webhookUrl
      ? [createClusterAlertWatcher({ reads, writer: app.esWriter, instanceId, log })]
      : []),
    ...(config.retentionIntervalMs > 0
      ? [createRetentionSchedule({ writer: app.esWriter, config, instanceId, log })]
      : []),
  ];
  app.addHook('onReady', async () => jobs.forEach((job) => job.start()));
  app.addHook('onClose', async () => {
    await Promise.all(jobs.map((job) => job.stop()));
  });
};

/** Cluster: is the cluster healthy, is every feed arriving, when does disk run out, what does retention delete. */
export const clusterBoard: Board = {
  name: 'cluster',
  routes: fastifyPlugin(routes, { name: 'cluster-board' }),
  indexTemplates: (config) => [
    auditIndexTemplate(config.cluster.auditIndex),
    stateIndexTemplate(config.cluster.stateIndex),
  ],
};
