import type { estypes } from '@elastic/elasticsearch';
import type { IndexTemplate } from '../../es/templates.ts';

/** One index per UTC day of `eventTime`: `ct-2026.11.25`. */
export function cloudtrailIndexName(prefix: string, date: Date): string {
  const year = date.getUTCFullYear();
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${prefix}${year}.${month}.${day}`;
}

export function cloudtrailIndexPattern(prefix: string): string {
  return `${prefix}*`;
}

const keyword: estypes.MappingProperty = { type: 'keyword' };
// Free-form producer objects: one field each, searchable by value (`requestParameters.volumeId:
// vol-…` or any leaf), never one mapping per key. This is what keeps CloudTrail from exploding
// the mapping (thousands of distinct request/response keys across AWS APIs).
const producerObject: estypes.MappingProperty = { type: 'flattened', ignore_above: 1024, depth_limit: 20 };

/**
 * The CloudTrail index template. `dynamic: false` at the top: fields the mapping does not name
 * stay in `_source` exactly as delivered but are never mapped, so new AWS fields cannot explode
 * or break the mapping.
 */
export function cloudtrailIndexTemplate(indexPrefix: string): IndexTemplate {
  return {
    name: 'lookout-cloudtrail',
    body: {
      index_patterns: [cloudtrailIndexPattern(indexPrefix)],
      priority: 200,
      _meta: { description: 'CloudTrail records as delivered to S3, plus derived `lookout.*` fields' },
      template: {
        settings: {
          number_of_shards: 1,
          number_of_replicas: 0,
          refresh_interval: '5s',
        },
        mappings: {
          dynamic: false,
          properties: {
            '@timestamp': { type: 'date' },
            eventTime: { type: 'date' },
            eventVersion: keyword,
            eventID: keyword,
            eventName: keyword,
            eventSource: keyword,
            eventType: keyword,
            eventCategory: keyword,
            awsRegion: keyword,
            errorCode: keyword,
            errorMessage: { type: 'text' },
            recipientAccountId: keyword,
            sourceIPAddress: keyword,
            userAgent: { type: 'keyword', ignore_above: 512 },
            readOnly: { type: 'boolean' },
            managementEvent: { type: 'boolean' },
            userIdentity: {
              properties: {
                type: keyword,
                arn: keyword,
                accountId: keyword,
                userName: keyword,
                principalId: keyword,
                accessKeyId: keyword,
                invokedBy: keyword,
                sessionContext: {
                  properties: {
                    sessionIssuer: { properties: { type: keyword, userName: keyword, arn: keyword } },
                  },
                },
              },
            },
            requestParameters: producerObject,
            responseElements: producerObject,
            resources: producerObject,
            additionalEventData: producerObject,
            lookout: {
              properties: {
                sourceIp: { type: 'ip' },
                sourceAddress: keyword,
                principal: keyword,
                principalRole: keyword,
                principalType: keyword,
                sessionName: keyword,
                account: keyword,
                callerAccount: keyword,
                region: keyword,
                outcome: keyword,
                resourceIds: { type: 'keyword', ignore_above: 1024 },
              },
            },
          },
        },
      },
    },
  };
}
