import type { Client } from '@elastic/elasticsearch';

/**
 * Field names to query the fluentd log indices with. fluent-plugin-elasticsearch does not map
 * anything itself: on most clusters the fields were mapped dynamically (`container_id` is text
 * with a `container_id.keyword` sub-field), with Lookout's template they are keywords. Field
 * capabilities tell which; nothing is assumed.
 */
export interface LogFields {
  containerId: string;
  containerName: string;
  source: string;
  partialId: string | null;
}

/** `null` when no index matches the pattern (no logs at all): callers say "no logs". */
export type ResolvedLogFields = LogFields | null;

const CACHE_MS = 60_000;
const cache = new Map<string, { at: number; fields: ResolvedLogFields }>();

type Caps = Record<string, Record<string, unknown>>;

/** The exact-match (aggregatable keyword) form of a field, or null when the indices lack it. */
function exactField(caps: Caps, name: string): string | null {
  const own = caps[name];
  if (own && ('keyword' in own || 'constant_keyword' in own)) return name;
  if (caps[`${name}.keyword`]?.keyword) return `${name}.keyword`;
  return null;
}

export async function resolveLogFields(
  client: Client,
  pattern: string,
  nowMs = Date.now(),
): Promise<ResolvedLogFields> {
  const cached = cache.get(pattern);
  if (cached && nowMs - cached.at < CACHE_MS) return cached.fields;
  const response = await client.fieldCaps({
    index: pattern,
    fields: ['container_id*', 'container_name*', 'source*', 'partial_id*'],
    ignore_unavailable: true,
    allow_no_indices: true,
  });
  const caps = response.fields as Caps;
  const containerId = exactField(caps, 'container_id');
  const fields: ResolvedLogFields =
    response.indices.length === 0 || containerId === null
      ? null
      : {
          containerId,
          containerName: exactField(caps, 'container_name') ?? 'container_name',
          source: exactField(caps, 'source') ?? 'source',
          partialId: exactField(caps, 'partial_id'),
        };
  cache.set(pattern, { at: nowMs, fields });
  return fields;
}

/** Tests create and delete log indices between cases. */
export function forgetLogFields(): void {
  cache.clear();
}
