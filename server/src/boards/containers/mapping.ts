import type { estypes } from '@elastic/elasticsearch';
import type { IndexTemplate } from '../../es/templates.ts';
import type { ReasonClass } from './schema.ts';

const keyword: estypes.MappingProperty = { type: 'keyword' };
const date: estypes.MappingProperty = { type: 'date' };
const integer: estypes.MappingProperty = { type: 'integer' };

/** One ECS container as stored: what the board reads, plus the producer's own fields in `_source`. */
export interface StoredContainer {
  name: string;
  image?: string;
  runtimeId?: string;
  lastStatus?: string;
  exitCode?: number;
  reason?: string;
}

/**
 * One ECS Task State Change, stored whole (the EventBridge event), with `_id` = taskArn:version
 * and derived `lookout.*` fields the queries use.
 */
export interface StoredEcsEvent {
  '@timestamp': string;
  event: Record<string, unknown> & { detail: Record<string, unknown> };
  lookout: {
    taskArn: string;
    taskId: string;
    cluster: string;
    service: string;
    lastStatus: string;
    version: number;
    launchType?: string;
    startedAt?: string;
    stoppedAt?: string;
    /** Null-free: absent when the task never reached RUNNING (or has not stopped). */
    ranMs?: number;
    stopCode?: string;
    stoppedReason?: string;
    /** Set on STOPPED events that failed (see classify.ts); absent otherwise. */
    failureReason?: ReasonClass;
    containers: StoredContainer[];
    runtimeIds: string[];
  };
  ingestedAt: string;
}

/** `dynamic: false`: the whole event stays in `_source`, only the fields below are indexed. */
export function ecsEventsIndexTemplate(index: string): IndexTemplate {
  return {
    name: 'lookout-ecs-events',
    body: {
      index_patterns: [index],
      priority: 200,
      _meta: { description: 'ECS Task State Change events (EventBridge), _id = taskArn:version' },
      template: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: {
          dynamic: false,
          properties: {
            '@timestamp': date,
            event: { type: 'object', enabled: false },
            lookout: {
              properties: {
                taskArn: keyword,
                taskId: keyword,
                cluster: keyword,
                service: keyword,
                lastStatus: keyword,
                version: integer,
                launchType: keyword,
                startedAt: date,
                stoppedAt: date,
                ranMs: { type: 'long' },
                stopCode: keyword,
                stoppedReason: { type: 'keyword', ignore_above: 1024 },
                failureReason: keyword,
                containers: {
                  properties: {
                    name: keyword,
                    image: keyword,
                    runtimeId: keyword,
                    lastStatus: keyword,
                    exitCode: integer,
                    reason: { type: 'keyword', ignore_above: 1024 },
                  },
                },
                runtimeIds: keyword,
              },
            },
            ingestedAt: date,
          },
        },
      },
    },
  };
}

/** Alert claims and delivery status, `_id` = task ARN (see alerts/). */
export function alertsIndexTemplate(index: string): IndexTemplate {
  return {
    name: 'lookout-container-alerts',
    body: {
      index_patterns: [index],
      priority: 200,
      template: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: {
          dynamic: false,
          properties: {
            taskArn: keyword,
            taskId: keyword,
            service: keyword,
            cluster: keyword,
            reasonClass: keyword,
            failureStoppedAt: date,
            claimedAt: date,
            claimedBy: keyword,
            status: keyword,
            attempts: integer,
            nextAttemptAt: date,
            leaseUntil: date,
            deliveredAt: date,
          },
        },
      },
    },
  };
}

/**
 * Lookout's own template for the fluentd log indices, for clusters Lookout sets up itself (the
 * local demo engine). On an existing cluster the logs belong to the platform and may be mapped
 * dynamically (text + `.keyword`); the board finds out with field capabilities (log-fields.ts).
 * Priority stays low so a platform's own logstash template wins.
 */
export function containerLogsIndexTemplate(pattern: string): IndexTemplate {
  return {
    name: 'lookout-container-logs',
    body: {
      index_patterns: pattern.split(','),
      priority: 10,
      _meta: { description: 'Docker fluentd log driver → fluent-plugin-elasticsearch (logstash_format)' },
      template: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: {
          properties: {
            '@timestamp': { type: 'date_nanos' },
            container_id: keyword,
            container_name: keyword,
            source: keyword,
            log: { type: 'text' },
            '@log_name': keyword,
            partial_message: keyword,
            partial_id: keyword,
            partial_ordinal: integer,
            partial_last: keyword,
          },
        },
      },
    },
  };
}
