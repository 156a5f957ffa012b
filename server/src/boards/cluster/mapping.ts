import type { estypes } from '@elastic/elasticsearch';
import type { IndexTemplate } from '../../es/templates.ts';

const keyword: estypes.MappingProperty = { type: 'keyword' };
const date: estypes.MappingProperty = { type: 'date' };
const long: estypes.MappingProperty = { type: 'long' };

/** One record per index retention deleted (or tried to): who, what, when, how many bytes. */
export function auditIndexTemplate(index: string): IndexTemplate {
  return {
    name: 'lookout-cluster-audit',
    body: {
      index_patterns: [index],
      priority: 200,
      _meta: { description: 'Retention deletions; _id = index:uuid, created once (the claim)' },
      template: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: {
          dynamic: false,
          properties: {
            index: keyword,
            uuid: keyword,
            family: keyword,
            day: keyword,
            bytes: long,
            docs: long,
            rule: keyword,
            by: keyword,
            at: date,
            status: keyword,
          },
        },
      },
    },
  };
}

/** Alert episodes (one document per condition) and the retention schedule's claims (one per slot). */
export function stateIndexTemplate(index: string): IndexTemplate {
  return {
    name: 'lookout-cluster-state',
    body: {
      index_patterns: [index],
      priority: 200,
      template: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: {
          dynamic: false,
          properties: {
            kind: keyword,
            condition: keyword,
            state: keyword,
            at: date,
            since: date,
            by: keyword,
          },
        },
      },
    },
  };
}
