import fastifyPlugin from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import type { Board, EventSink } from '../../core/board.ts';
import { alertsIndexTemplate, containerLogsIndexTemplate, ecsEventsIndexTemplate } from './mapping.ts';
import { containersRoutes } from './routes.ts';
import { ecsIngestRoutes } from './ingest/ingest-routes.ts';
import { asJsonItems, ingestEcsEvents } from './ingest/ingest-events.ts';
import { createAlertWatcher } from './alerts/watcher.ts';
import { ensureAlertsIndex } from './alerts/alert-store.ts';
import { containersHaveData, seedContainers } from './demo/seed.ts';

/**
 * Two route scopes (absolute prefixes, hence `fastify-plugin`): the board's endpoints under
 * `/api/containers`, and the EventBridge ingest at `/api/ingest/ecs-events`. When
 * ALERT_WEBHOOK_URL is set, the alert watcher runs from `onReady` until the app closes.
 */
const routes: FastifyPluginAsync = async (app) => {
  await app.register(containersRoutes, { prefix: '/api/containers' });
  await app.register(ecsIngestRoutes, { prefix: '/api/ingest' });

  if (app.config.containers.alerts.webhookUrl) {
    const watcher = createAlertWatcher({
      reads: { client: app.es, search: app.esSearch, config: app.config.containers },
      writer: app.esWriter,
      log: app.log.child({ component: 'alert-watcher' }),
    });
    app.addHook('onReady', async () => {
      // Before serving: the board's alert list must not meet the index while its shard starts.
      // An engine that is down now is no reason not to start; the first round creates it then.
      await ensureAlertsIndex(app.esWriter, app.config.containers.alerts.index, 5_000).catch(
        (error: unknown) =>
          app.log.warn({ err: error }, 'alerts index not ready yet; the watcher will create it'),
      );
      app.log.info(
        { every: app.config.containers.alerts.intervalMs, instance: watcher.instanceId },
        'container alert watcher started',
      );
      watcher.start();
    });
    app.addHook('onClose', async () => watcher.stop());
  }
};

/** ECS events that came through SNS (EventBridge → SNS → /api/ingest/sns) are stored here too. */
const storeEcsEvent: EventSink = async (app, event) => {
  await app.ensureIndexTemplates();
  const result = await ingestEcsEvents(
    app.esWriter,
    app.config.containers.eventsIndex,
    asJsonItems([event]),
    {
      batcher: app.ingestBatcher,
    },
  );
  const rejected = result.rejected[0];
  if (rejected) return { outcome: 'rejected', detail: rejected.reason };
  return { outcome: result.alreadyPresent > 0 ? 'already_present' : 'stored' };
};

/** Container startup failures: why did this service's container not start. */
export const containersBoard: Board = {
  name: 'containers',
  routes: fastifyPlugin(routes, { name: 'containers-board' }),
  indexTemplates: (config) => [
    ecsEventsIndexTemplate(config.containers.eventsIndex),
    alertsIndexTemplate(config.containers.alerts.index),
    // The log indices belong to the platform's fluentd; Lookout maps them only on its own engine.
    ...(config.es.local ? [containerLogsIndexTemplate(config.containers.logsIndexPattern)] : []),
  ],
  eventSinks: { 'ecs-task-state-change': storeEcsEvent },
  demo: { hasData: containersHaveData, seed: seedContainers },
};
