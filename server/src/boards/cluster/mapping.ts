import type { estypes } from '@elastic/elasticsearch';
import type { IndexTemplate } from '../../es/templates.ts';

const keyword: estypes.MappingProperty = { type: 'keyword' };
const date: estypes.MappingProperty = { type: 'date' };
const long: estypes.MappingProperty = { type: 'long' };

/** One small index of Lookout's own: one shard, no replica, only the listed fields indexed. */
function ownIndexTemplate(
  name: string,
  index: string,
  description: string,
  properties: Record<string, estypes.MappingProperty>,
): IndexTemplate {
  return {
    name,
    body: {
      index_patterns: [index],
      priority: 200,
      _meta: { description },
      template: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: { dynamic: false, properties },
      },
    },
  };
}

/** One record per index retention deleted (or tried to): who, what, when, how many bytes. */
export function auditIndexTemplate(index: string): IndexTemplate {
  return ownIndexTemplate(
    'lookout-cluster-audit',
    index,
    'Retention deletions; _id = index:uuid, created once (the claim)',
    {
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
  );
}

/** Alert episodes (one document per condition) and the retention schedule's claims (one per slot). */
export function stateIndexTemplate(index: string): IndexTemplate {
  return ownIndexTemplate('lookout-cluster-state', index, 'Cluster alert episodes and retention run claims', {
    kind: keyword,
    condition: keyword,
    state: keyword,
    at: date,
    since: date,
    by: keyword,
  });
}
