import { Type } from 'typebox';
import { configSlice, type AlertDelivery } from '../../core/config.ts';
import { variable } from '../../core/env.ts';

export interface ContainersConfig {
  /** Where fluent-plugin-elasticsearch writes container logs (`logstash_format true`); read only. */
  logsIndexPattern: string;
  /** ECS Task State Change events; `_id` is taskArn + version. */
  eventsIndex: string;
  /** A task that stopped within this long after starting (or never started) failed at startup. */
  startupWindowMs: number;
  /** This many startup failures of one service within `crashLoopWindowMs` is a crash loop. */
  crashLoopCount: number;
  crashLoopWindowMs: number;
  alerts: AlertDelivery & {
    intervalMs: number;
    /** Only failures newer than this are alerted (no flood on a first start). */
    lookbackMs: number;
    /** Claims and delivery status, one document per task ARN. */
    index: string;
  };
}

declare module '../../core/config.ts' {
  interface BoardConfigs {
    containers: ContainersConfig;
  }
}

const variables = Type.Object({
  CONTAINER_LOGS_INDEX: variable.string({
    description: 'fluentd container log indices (read only; comma-separated patterns allowed)',
    default: 'logstash-*',
  }),
  ECS_EVENTS_INDEX: variable.string({
    description: 'index of ECS Task State Change events',
    default: 'lookout-ecs-events',
  }),
  STARTUP_WINDOW_SECONDS: variable.integer({
    description: 'a task that stopped sooner than this after starting failed at startup',
    default: 300,
    minimum: 1,
    maximum: 86_400,
  }),
  CRASH_LOOP_COUNT: variable.integer({
    description: 'that many startup failures of one service within `CRASH_LOOP_WINDOW_MINUTES`: a crash loop',
    default: 3,
    minimum: 2,
    maximum: 1000,
  }),
  CRASH_LOOP_WINDOW_MINUTES: variable.integer({
    description: 'the window of `CRASH_LOOP_COUNT`',
    default: 30,
    minimum: 1,
    maximum: 1440,
  }),
  ALERT_INTERVAL: variable.integer({
    description: 'seconds between watcher rounds',
    default: 30,
    minimum: 1,
    maximum: 3600,
  }),
  ALERT_LOOKBACK_MINUTES: variable.integer({
    description: 'only failures newer than this are alerted (no flood on a first start)',
    default: 15,
    minimum: 1,
    maximum: 10_080,
  }),
  ALERTS_INDEX: variable.string({
    description: 'alert claims and delivery status (one document per task ARN)',
    default: 'lookout-alerts',
  }),
});

export const containersConfig = configSlice(variables, (read, core): ContainersConfig => {
  return {
    logsIndexPattern: read.indexPattern('CONTAINER_LOGS_INDEX'),
    eventsIndex: read.indexName('ECS_EVENTS_INDEX'),
    startupWindowMs: read.integer('STARTUP_WINDOW_SECONDS') * 1000,
    crashLoopCount: read.integer('CRASH_LOOP_COUNT'),
    crashLoopWindowMs: read.integer('CRASH_LOOP_WINDOW_MINUTES') * 60_000,
    // Where alerts go is the app's (core config), shared with every board that alerts.
    alerts: {
      ...core.alerts,
      intervalMs: read.integer('ALERT_INTERVAL') * 1000,
      lookbackMs: read.integer('ALERT_LOOKBACK_MINUTES') * 60_000,
      index: read.indexName('ALERTS_INDEX'),
    },
  };
});
