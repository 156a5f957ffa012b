import type { Client, estypes } from '@elastic/elasticsearch';
import type { Config } from '../../../core/config.ts';
import { writeDocuments, type BulkDocument, type BulkResult } from '../../../es/bulk-writer.ts';
import type { StoredDeployment } from '../mapping.ts';
import { classifyFailure, type ClassificationRule } from '../rules.ts';

/**
 * Re-applies (changed) classification rules to every stored failure: reads failures page by page
 * (search_after), and rewrites those whose cause or rule changed. Returns how many changed.
 */
export async function reclassify(
  client: Client,
  config: Config,
  rules: readonly ClassificationRule[],
  options: { pageSize?: number; refresh?: boolean } = {},
): Promise<{ examined: number; changed: number; result: BulkResult }> {
  const index = config.deployments.index;
  const changedDocuments: BulkDocument[] = [];
  let examined = 0;
  let searchAfter: estypes.SortResults | undefined;
  for (;;) {
    const page = await client.search<StoredDeployment>({
      index,
      size: options.pageSize ?? 1_000,
      ignore_unavailable: true,
      allow_no_indices: true,
      query: { terms: { phase: ['failed', 'rolled_back'] } },
      sort: [{ '@timestamp': 'asc' }, { eventId: 'asc' }],
      ...(searchAfter ? { search_after: searchAfter } : {}),
    });
    const hits = page.hits.hits;
    for (const hit of hits) {
      examined += 1;
      const source = hit._source;
      if (!source || !hit._id) continue;
      const { cause, ruleId } = classifyFailure(source, rules);
      if (source.cause === cause && (source.ruleId ?? null) === ruleId) continue;
      const { ruleId: _old, ...rest } = source;
      changedDocuments.push({
        index: hit._index,
        id: hit._id,
        document: { ...rest, cause, ...(ruleId ? { ruleId } : {}) },
      });
    }
    const last = hits.at(-1);
    if (!last?.sort || hits.length < (options.pageSize ?? 1_000)) break;
    searchAfter = last.sort;
  }
  const result = await writeDocuments(client, changedDocuments, {
    operation: 'index',
    refresh: options.refresh ?? true,
  });
  return { examined, changed: changedDocuments.length, result };
}
