import type { estypes } from '@elastic/elasticsearch';
import {
  aggregationsOf,
  buckets,
  metricValue,
  subAggregations,
  docCount,
  isoOrNull,
} from '../../es/aggregations.ts';
import type {
  RawAllocation,
  RawAllocationExplain,
  RawHealth,
  RawNodeStats,
  RawUnassignedShard,
} from '../../es/cluster-stats.ts';
import type { IndexFamily } from './config.ts';
import { DAY_MS, isoDay, utcDay, type IndexFacts } from './families.ts';
import type { FamilyGrowth } from './forecast.ts';
import { FAMILY_AGGS, VOLUME_DAYS, volumeWindowStart } from './query.ts';
import type { FamilyRow, HealthResponse, NodeRow } from './schema.ts';
import { thresholdUsedBytes, WATERMARKS, type Watermark } from './watermarks.ts';

/** Engine answers → the cluster board's API: every engine detail stops here. Pure. */

const GB = 1024 ** 3;
const num = (value: string | null | undefined): number => Number(value ?? 0) || 0;

export function shapeNodes(
  stats: RawNodeStats,
  allocation: RawAllocation[],
  watermarks: Watermark[],
): NodeRow[] {
  const byName = new Map(Object.values(stats.nodes ?? {}).map((node) => [node.name ?? '', node]));
  return allocation
    .filter((row) => row.node !== 'UNASSIGNED' && row['disk.total'] != null)
    .map((row) => {
      const node = byName.get(row.node);
      const totalBytes = num(row['disk.total']);
      const usedBytes = num(row['disk.used']);
      const watermarkBytes = Object.fromEntries(
        watermarks.map((watermark) => [watermark.name, thresholdUsedBytes(watermark, totalBytes)]),
      ) as NodeRow['disk']['watermarkBytes'];
      const past = [...WATERMARKS].reverse().find((name) => usedBytes >= watermarkBytes[name]) ?? null;
      return {
        name: row.node,
        heapPercent: node?.jvm?.mem?.heap_used_percent ?? null,
        cpuPercent: node?.os?.cpu?.percent ?? null,
        shards: row.shards == null ? null : num(row.shards),
        disk: {
          totalBytes,
          usedBytes,
          availableBytes: num(row['disk.avail']),
          usedPercent: totalBytes > 0 ? Math.round((usedBytes / totalBytes) * 1000) / 10 : 0,
          watermarkBytes,
          past,
        },
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The summary plus what each node's deciders said no to (the part that says what to fix). */
export function explanationText(explain: RawAllocationExplain): string {
  const summary =
    explain.allocate_explanation ??
    explain.unassigned_info?.details ??
    explain.unassigned_info?.reason ??
    'no explanation given';
  const refusals = (explain.node_allocation_decisions ?? []).flatMap((node) =>
    (node.deciders ?? [])
      .filter((decider) => decider.decision === 'NO' && decider.explanation)
      .map((decider) => `${node.node_name ?? 'node'}: ${decider.explanation}`),
  );
  return [summary, ...refusals.slice(0, 3)].join(' — ');
}

export function shapeHealth(
  health: RawHealth,
  nodes: NodeRow[],
  watermarks: Watermark[],
  unassigned: Array<RawUnassignedShard & { explanation: string }>,
): HealthResponse {
  return {
    clusterName: health.cluster_name,
    status: health.status.toLowerCase() as HealthResponse['status'],
    activeShards: health.active_shards,
    relocatingShards: health.relocating_shards,
    initializingShards: health.initializing_shards,
    unassignedShards: health.unassigned_shards,
    watermarks: watermarks.map(({ name, setting }) => ({ name, setting })),
    nodes,
    unassigned: unassigned.map((shard) => ({
      index: shard.index,
      shard: num(shard.shard),
      primary: shard.prirep === 'p',
      reason: shard['unassigned.reason'] ?? null,
      explanation: shard.explanation,
    })),
  };
}

function shardSize(averageBytes: number | null): FamilyRow['shardSize'] {
  if (averageBytes === null) return null;
  if (averageBytes < 10 * GB) return 'small';
  return averageBytes > 50 * GB ? 'large' : 'ok';
}

type AnySearchResponse = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

/** One family's row: sizes from `_cat/indices`, documents per day and newest from its search. */
export function shapeFamily(
  family: IndexFamily,
  indices: IndexFacts[],
  response: AnySearchResponse,
  nowMs: number,
): FamilyRow {
  const aggs = aggregationsOf(response);
  const perDay = buckets(subAggregations(aggs, FAMILY_AGGS.recent), FAMILY_AGGS.perDay);
  const newestMs = metricValue(subAggregations(aggs, FAMILY_AGGS.untilNow), FAMILY_AGGS.newest);
  const docsByDay = new Map(perDay.map((bucket) => [Number(bucket.key), bucket.doc_count]));

  const totals = indices.reduce(
    (sum, facts) => ({
      docs: sum.docs + facts.docs,
      bytes: sum.bytes + facts.bytes,
      primaryBytes: sum.primaryBytes + facts.primaryBytes,
      primaryShards: sum.primaryShards + facts.primaryShards,
    }),
    { docs: 0, bytes: 0, primaryBytes: 0, primaryShards: 0 },
  );
  // Daily families: bytes of the index named for the day. Others: documents × average size.
  const daily = indices.length > 0 && indices.every((facts) => facts.nameDayMs !== null);
  const bytesPerDoc = totals.docs > 0 ? totals.bytes / totals.docs : 0;
  const windowStart = volumeWindowStart(nowMs);
  const days = Array.from({ length: VOLUME_DAYS }, (_, i) => {
    const dayMs = windowStart + i * DAY_MS;
    const docs = docsByDay.get(dayMs) ?? 0;
    const bytes = daily
      ? indices.filter((facts) => facts.nameDayMs === dayMs).reduce((sum, facts) => sum + facts.bytes, 0)
      : Math.round(docs * bytesPerDoc);
    return { day: isoDay(dayMs), docs, bytes };
  });
  const averageShardBytes =
    totals.primaryShards > 0 ? Math.round(totals.primaryBytes / totals.primaryShards) : null;
  const lagMs = newestMs === null ? null : Math.max(0, nowMs - newestMs);
  const threshold = family.freshnessThresholdMs ?? null;
  return {
    name: family.name,
    title: family.title,
    pattern: family.pattern,
    link: family.boardPath,
    indexCount: indices.length,
    docs: totals.docs,
    totalBytes: totals.bytes,
    primaryBytes: totals.primaryBytes,
    primaryShards: totals.primaryShards,
    averageShardBytes,
    shardSize: shardSize(averageShardBytes),
    daily,
    days,
    newest: isoOrNull(newestMs),
    lagMs,
    freshnessThresholdMs: threshold,
    stale: threshold !== null && (lagMs === null ? indices.length > 0 : lagMs > threshold),
    docsLastHour: docCount(aggs, FAMILY_AGGS.lastHour),
    retention: family.retention,
    protected: family.protected,
  };
}

/** Average bytes per day over the 7 full days before today, the growth the forecast assumes. */
export function familyGrowth(row: FamilyRow, nowMs: number): FamilyGrowth {
  const today = isoDay(utcDay(nowMs));
  const fullDays = row.days.filter((day) => day.day < today).slice(-7);
  const dailyBytes =
    fullDays.length > 0 ? fullDays.reduce((sum, day) => sum + day.bytes, 0) / fullDays.length : 0;
  return {
    name: row.name,
    currentBytes: row.totalBytes,
    dailyBytes: Math.round(dailyBytes),
    retention: row.retention,
  };
}
