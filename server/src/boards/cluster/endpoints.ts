import type { Client } from '@elastic/elasticsearch';
import { defineEndpoint, type EndpointContext } from '../../core/board.ts';
import { createBurstMemo, type BurstMemo } from '../../es/burst-memo.ts';
import { listAudit } from './retention/apply.ts';
import { clusterConfigOf } from './config.ts';
import { readFamilies, readForecast, readHealth, readRetentionPlan, type ClusterReads } from './reads.ts';
import {
  AuditQuery,
  AuditResponse,
  FamiliesResponse,
  ForecastResponse,
  HealthResponse,
  RetentionResponse,
} from './schema.ts';

/** Engine statistics are shared by everyone asking within this window (one page load, many viewers). */
export const BURST_MS = 3_000;

/** One memo per client (one per app): every request of the app shares it. */
const memoByClient = new WeakMap<Client, BurstMemo>();

/** The reads of this request: its own search (it notes partial results), the app's memo. */
function readsOf({ es, search, config }: EndpointContext): ClusterReads {
  let memo = memoByClient.get(es);
  if (!memo) {
    memo = createBurstMemo(BURST_MS);
    memoByClient.set(es, memo);
  }
  return { client: es, search, memo, config: clusterConfigOf(config) };
}

/** Each panel of the board has its own endpoint, so one slow engine API never blocks the others. */
export const clusterEndpoints = [
  defineEndpoint({
    url: '/health',
    summary: 'Cluster status, nodes (heap, CPU, disk against the watermarks), unassigned shards explained',
    response: HealthResponse,
    answer: async (_request, context) => readHealth(readsOf(context)),
  }),
  defineEndpoint({
    url: '/families',
    summary: 'Index families: daily volume (14 days), sizes, shards, newest document and freshness lag',
    response: FamiliesResponse,
    answer: async (_request, context) => readFamilies(readsOf(context)),
  }),
  defineEndpoint({
    url: '/forecast',
    summary: "Disk forecast: days until each watermark at the last 7 days' volume and the retention in force",
    response: ForecastResponse,
    answer: async (_request, context) => readForecast(readsOf(context)),
  }),
  defineEndpoint({
    url: '/retention',
    summary: 'The retention plan: exactly which indices `retention apply` deletes now, and why',
    response: RetentionResponse,
    async answer(_request, context) {
      const reads = readsOf(context);
      return {
        ...(await readRetentionPlan(reads)),
        schedule: { intervalMinutes: reads.config.retentionIntervalMs / 60_000 },
      };
    },
  }),
  defineEndpoint({
    url: '/retention/audit',
    summary: 'Indices retention deleted: who, what, when, how many bytes (newest first)',
    querystring: AuditQuery,
    response: AuditResponse,
    async answer({ query }, context) {
      const { config } = readsOf(context);
      return { records: await listAudit(context.es, config.auditIndex, query.size ?? 100) };
    },
  }),
];
