import { containersFinders } from './finders.ts';
import { defineBoard, lazyDemo, type AlertSource, type EventSink } from '../../core/board.ts';
import { containersConfig } from './config.ts';
import { alertsIndexTemplate, containerLogsIndexTemplate, ecsEventsIndexTemplate } from './mapping.ts';
import { containersEndpoints } from './endpoints.ts';
import { ecsIngestRoutes } from './ingest/ingest-routes.ts';
import { asJsonItems, ingestEcsEvents } from './ingest/ingest-events.ts';
import { createAlertWatcher } from './alerts/watcher.ts';
import { ensureAlertsIndex } from './alerts/alert-store.ts';

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

/** New startup failures posted to ALERT_WEBHOOK_URL; off when it is not set. */
const startupFailureAlerts: AlertSource = {
  name: 'alert-watcher',
  create({ config, es, esWriter, search, log }) {
    const settings = config.containers;
    if (!settings.alerts.webhookUrl) return null;
    const watcher = createAlertWatcher({
      reads: { client: es, search, config: settings },
      writer: esWriter,
      log,
    });
    return {
      // Before serving: the board's alert list must not meet the index while its shard starts.
      // An engine that is down now is no reason not to start; the first round creates it then.
      prepare: () =>
        ensureAlertsIndex(esWriter, settings.alerts.index, 5_000).catch((error: unknown) =>
          log.warn({ err: error }, 'alerts index not ready yet; the watcher will create it'),
        ),
      start() {
        log.info(
          { every: settings.alerts.intervalMs, instance: watcher.instanceId },
          'container alert watcher started',
        );
        watcher.start();
      },
      stop: () => watcher.stop(),
    };
  },
};

/**
 * Container startup failures: why did this service's container not start. The EventBridge ingest
 * lives at `/api/ingest/ecs-events`; the alert watcher runs when ALERT_WEBHOOK_URL is set.
 */
export const containersBoard = defineBoard({
  name: 'containers',
  title: 'Container failures',
  question: "why did this service's container not start",
  config: containersConfig,
  endpoints: containersEndpoints,
  finders: containersFinders,
  scopes: [{ prefix: '/api/ingest', plugin: ecsIngestRoutes }],
  indexTemplates: (config) => [
    ecsEventsIndexTemplate(config.containers.eventsIndex),
    alertsIndexTemplate(config.containers.alerts.index),
    // The log indices belong to the platform's fluentd; Lookout maps them only on its own engine.
    ...(config.es.local ? [containerLogsIndexTemplate(config.containers.logsIndexPattern)] : []),
  ],
  eventSinks: { 'ecs-task-state-change': storeEcsEvent },
  alertSources: [startupFailureAlerts],
  demo: lazyDemo(() => import('./demo/seed.ts')),
});
