import type { estypes } from '@elastic/elasticsearch';
import type { IndexTemplate } from '../../es/templates.ts';
import type { FailureCause } from './schema.ts';

/** The document Lookout stores per deploy/release event (`_id` = the SNS MessageId). */
export interface StoredDeployment {
  /** finishedAt, or startedAt while a deployment is still running: the board's time field. */
  '@timestamp': string;
  eventId: string;
  kind: 'deploy' | 'release';
  phase: 'started' | 'succeeded' | 'failed' | 'rolled_back';
  service: string;
  environment: string;
  version: string;
  deploymentId: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  triggeredBy: string;
  platform: 'ruby' | 'node' | 'codedeploy';
  failure?: { stage?: string; code?: string; message?: string };
  /** Set on failed and rolled-back events, from the classification rules at ingest (or reclassify). */
  cause?: FailureCause;
  /** The rule that decided `cause`; absent when no rule matched. */
  ruleId?: string;
  sns: { messageId: string; topicArn: string; timestamp: string };
  ingestedAt: string;
}

const keyword: estypes.MappingProperty = { type: 'keyword', ignore_above: 256 };

/**
 * One index (or alias) of deploy/release events. Every filter and grouping field is a keyword;
 * times are dates; `dynamic: false` keeps extra producer fields in `_source` without mapping them.
 */
export function deploymentsIndexTemplate(index: string): IndexTemplate {
  return {
    name: 'lookout-deployments',
    body: {
      index_patterns: [index],
      priority: 200,
      _meta: { description: 'Deploy/release events from the delivery platform (via Amazon SNS)' },
      template: {
        settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: '5s' },
        mappings: {
          dynamic: false,
          properties: {
            '@timestamp': { type: 'date' },
            eventId: { type: 'keyword' },
            kind: keyword,
            phase: keyword,
            service: keyword,
            environment: keyword,
            version: keyword,
            deploymentId: keyword,
            startedAt: { type: 'date' },
            finishedAt: { type: 'date' },
            durationMs: { type: 'long' },
            triggeredBy: keyword,
            platform: keyword,
            failure: {
              properties: {
                stage: keyword,
                code: keyword,
                message: { type: 'text', fields: { raw: { type: 'keyword', ignore_above: 512 } } },
              },
            },
            cause: keyword,
            ruleId: keyword,
            sns: {
              properties: { messageId: { type: 'keyword' }, topicArn: keyword, timestamp: { type: 'date' } },
            },
            ingestedAt: { type: 'date' },
          },
        },
      },
    },
  };
}
