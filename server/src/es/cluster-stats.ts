import type { Client } from '@elastic/elasticsearch';

/**
 * The engine's own statistics, through the cheap JSON APIs every supported engine has
 * (Elasticsearch 8/9, OpenSearch 2/3): cluster health, node stats limited to os/fs/jvm, the cat
 * APIs as JSON with plain byte counts, the watermark settings filtered out of the defaults, and
 * allocation explain for unassigned shards. Never `_cluster/state`, whose size grows with every
 * index and mapping. Raw answers come back as the engine sent them; the cluster board shapes them.
 */

export interface RawHealth {
  cluster_name: string;
  status: string;
  number_of_nodes: number;
  active_shards: number;
  relocating_shards: number;
  initializing_shards: number;
  unassigned_shards: number;
}

export interface RawNodeStats {
  nodes?: Record<
    string,
    {
      name?: string;
      os?: { cpu?: { percent?: number } };
      jvm?: { mem?: { heap_used_percent?: number } };
      fs?: { total?: { total_in_bytes?: number; free_in_bytes?: number; available_in_bytes?: number } };
    }
  >;
}

/** `_cat/allocation?format=json&bytes=b`: numbers arrive as strings, null for the UNASSIGNED row. */
export interface RawAllocation {
  node: string;
  shards?: string | null;
  'disk.used'?: string | null;
  'disk.avail'?: string | null;
  'disk.total'?: string | null;
  'disk.percent'?: string | null;
}

export interface RawIndex {
  index: string;
  health?: string;
  status?: string;
  pri?: string;
  rep?: string;
  'docs.count'?: string | null;
  'store.size'?: string | null;
  'pri.store.size'?: string | null;
  'creation.date'?: string;
  uuid?: string;
}

/** `persistent`, `transient` and `defaults`, each flat (`cluster.routing.allocation.disk.watermark.low`). */
export type RawWatermarkSettings = Partial<
  Record<'persistent' | 'transient' | 'defaults', Record<string, string>>
>;

export interface RawUnassignedShard {
  index: string;
  shard: string;
  prirep: string;
  state: string;
  'unassigned.reason'?: string | null;
}

export async function clusterHealth(client: Client): Promise<RawHealth> {
  return (await client.cluster.health()) as unknown as RawHealth;
}

export async function nodeStats(client: Client): Promise<RawNodeStats> {
  return (await client.nodes.stats({
    metric: ['os', 'fs', 'jvm'],
    filter_path: [
      'nodes.*.name',
      'nodes.*.os.cpu.percent',
      'nodes.*.jvm.mem.heap_used_percent',
      'nodes.*.fs.total',
    ],
  })) as RawNodeStats;
}

export async function diskAllocation(client: Client): Promise<RawAllocation[]> {
  return (await client.cat.allocation({ format: 'json', bytes: 'b' })) as unknown as RawAllocation[];
}

/** Open indices matching `pattern`, with sizes in bytes and the creation date in epoch ms. */
export async function catIndices(client: Client, pattern: string): Promise<RawIndex[]> {
  return (await client.cat.indices({
    index: pattern,
    format: 'json',
    bytes: 'b',
    expand_wildcards: 'open',
    h: [
      'index',
      'health',
      'status',
      'pri',
      'rep',
      'docs.count',
      'store.size',
      'pri.store.size',
      'creation.date',
      'uuid',
    ],
  })) as unknown as RawIndex[];
}

/** Nested or partly flat (`{"watermark":{"low":"85%","low.max_headroom":"200GB"}}`) → flat keys. */
function flatten(value: unknown, prefix: string, into: Record<string, string>): Record<string, string> {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else if (value !== undefined) {
    into[prefix] = String(value);
  }
  return into;
}

/**
 * The disk watermarks in force and their defaults. `filter_path` cannot match flat setting names
 * (it splits on dots), so the settings come nested and are flattened here.
 */
export async function watermarkSettings(client: Client): Promise<RawWatermarkSettings> {
  const nested = (await client.cluster.getSettings({
    include_defaults: true,
    filter_path: ['*.cluster.routing.allocation.disk.watermark'],
  })) as unknown as Record<string, unknown>;
  return flatSettings(nested);
}

/** The settings answer with each scope's keys flattened. */
export function flatSettings(nested: Record<string, unknown>): RawWatermarkSettings {
  const flat: RawWatermarkSettings = {};
  for (const scope of ['persistent', 'transient', 'defaults'] as const) {
    if (nested[scope]) flat[scope] = flatten(nested[scope], '', {});
  }
  return flat;
}

export interface RawAllocationExplain {
  allocate_explanation?: string;
  unassigned_info?: { reason?: string; details?: string };
  node_allocation_decisions?: Array<{
    node_name?: string;
    deciders?: Array<{ decider?: string; decision?: string; explanation?: string }>;
  }>;
}

/** The engine's own account of why one shard is not allocated. */
export async function explainAllocation(
  client: Client,
  shard: { index: string; shard: number; primary: boolean },
): Promise<RawAllocationExplain> {
  return (await client.cluster.allocationExplain({
    index: shard.index,
    shard: shard.shard,
    primary: shard.primary,
  })) as RawAllocationExplain;
}

export async function unassignedShards(client: Client): Promise<RawUnassignedShard[]> {
  const shards = (await client.cat.shards({
    format: 'json',
    h: ['index', 'shard', 'prirep', 'state', 'unassigned.reason'],
  })) as unknown as RawUnassignedShard[];
  return shards.filter((shard) => shard.state === 'UNASSIGNED');
}
