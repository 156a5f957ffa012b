import type { Client } from '@elastic/elasticsearch';
import { flooredNow } from '../../core/time-range.ts';
import type { BurstMemo } from '../../es/burst-memo.ts';
import {
  catIndices,
  clusterHealth,
  diskAllocation,
  explainAllocation,
  nodeStats,
  unassignedShards,
  watermarkSettings,
} from '../../es/cluster-stats.ts';
import type { Searcher } from '../../es/search.ts';
import type { ClusterConfig } from './config.ts';
import { familyOf, indexFacts, type IndexFacts } from './families.ts';
import { forecastDisk, steadyBytes } from './forecast.ts';
import { buildFamilyVolumeSearch } from './query.ts';
import { planRetention, type RetentionPlan } from './retention.ts';
import type { FamiliesResponse, ForecastResponse, HealthResponse } from './schema.ts';
import { explanationText, familyGrowth, shapeFamily, shapeHealth, shapeNodes } from './shape.ts';
import { parseWatermarks } from './watermarks.ts';

/**
 * What the cluster board reads, engine call → shape. Every engine call goes through the burst
 * memo, so the panels of one page load (health, families, forecast, retention all need the index
 * list) and concurrent viewers cost the engine one call each.
 */

export interface ClusterReads {
  client: Client;
  search: Searcher;
  memo: BurstMemo;
  config: ClusterConfig;
}

/** How many unassigned shards are explained (each is one allocation-explain call). */
const EXPLAINED_SHARDS = 10;

export function readWatermarks(reads: ClusterReads) {
  return reads.memo('watermarks', () => watermarkSettings(reads.client)).then(parseWatermarks);
}

function readAllocation(reads: ClusterReads) {
  return reads.memo('allocation', () => diskAllocation(reads.client));
}

/** Every open index (hidden ones excluded), so family matching happens here, the same way for every engine. */
export async function readIndices(reads: ClusterReads): Promise<IndexFacts[]> {
  const raw = await reads.memo('indices', () => catIndices(reads.client, '*'));
  return raw.map(indexFacts);
}

/** The first unassigned shards with the engine's explanation; nothing is listed while every shard is assigned. */
function readUnassigned(reads: ClusterReads, count: number) {
  if (count === 0) return Promise.resolve([]);
  return reads.memo('unassigned', async () => {
    const shards = (await unassignedShards(reads.client)).slice(0, EXPLAINED_SHARDS);
    return Promise.all(
      shards.map(async (shard) => ({
        ...shard,
        explanation: await explainAllocation(reads.client, {
          index: shard.index,
          shard: Number(shard.shard),
          primary: shard.prirep === 'p',
        }).then(
          explanationText,
          (error: unknown) => `allocation explain failed: ${(error as Error).message}`,
        ),
      })),
    );
  });
}

export async function readHealth(reads: ClusterReads): Promise<HealthResponse> {
  const healthNow = reads.memo('health', () => clusterHealth(reads.client));
  const [health, stats, allocation, watermarks, unassigned] = await Promise.all([
    healthNow,
    reads.memo('node-stats', () => nodeStats(reads.client)),
    readAllocation(reads),
    readWatermarks(reads),
    // `_cat/shards` lists every shard of the cluster: asked only when health says some are unassigned.
    healthNow.then((health) => readUnassigned(reads, health.unassigned_shards)),
  ]);
  return shapeHealth(health, shapeNodes(stats, allocation, watermarks), watermarks, unassigned);
}

export async function readFamilies(reads: ClusterReads, now = new Date()): Promise<FamiliesResponse> {
  const nowMs = flooredNow(now);
  const indices = await readIndices(reads);
  const families = await Promise.all(
    reads.config.families.map(async (family) => {
      const mine = indices.filter((facts) => familyOf(reads.config.families, facts.index) === family);
      const response = await reads.search(buildFamilyVolumeSearch(family, nowMs));
      return shapeFamily(family, mine, response, nowMs);
    }),
  );
  return { now: new Date(nowMs).toISOString(), families };
}

export async function readForecast(reads: ClusterReads, now = new Date()): Promise<ForecastResponse> {
  const [{ families }, allocation, watermarks] = await Promise.all([
    readFamilies(reads, now),
    readAllocation(reads),
    readWatermarks(reads),
  ]);
  const disks = allocation.filter((row) => row.node !== 'UNASSIGNED' && row['disk.total'] != null);
  const disk = {
    totalBytes: disks.reduce((sum, row) => sum + Number(row['disk.total'] ?? 0), 0),
    usedBytes: disks.reduce((sum, row) => sum + Number(row['disk.used'] ?? 0), 0),
  };
  const growth = families.map((row) => familyGrowth(row, now.getTime()));
  const forecast = forecastDisk(disk, watermarks, growth);
  return {
    ...forecast,
    families: growth.map((family, i) => {
      const steady = steadyBytes(family);
      return {
        ...family,
        link: families[i]!.link,
        steadyBytes: Number.isFinite(steady) ? Math.round(steady) : null,
      };
    }),
  };
}

export async function readRetentionPlan(reads: ClusterReads, nowMs = Date.now()): Promise<RetentionPlan> {
  return planRetention(reads.config.families, await readIndices(reads), nowMs);
}
