import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { esErrorResponses } from '../../core/error-schema.ts';
import { listAudit } from './retention/apply.ts';
import { readFamilies, readForecast, readHealth, readRetentionPlan, type ClusterReads } from './reads.ts';
import {
  AuditQuery,
  AuditResponse,
  FamiliesResponse,
  ForecastResponse,
  HealthResponse,
  RetentionResponse,
} from './schema.ts';

const tags = ['cluster'];

/** Each panel of the board has its own endpoint, so one slow engine API never blocks the others. */
export function clusterRoutes(reads: ClusterReads): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/health',
      {
        schema: {
          summary:
            'Cluster status, nodes (heap, CPU, disk against the watermarks), unassigned shards explained',
          tags,
          response: { 200: HealthResponse, ...esErrorResponses },
        },
      },
      async () => readHealth(reads),
    );

    app.get(
      '/families',
      {
        schema: {
          summary: 'Index families: daily volume (14 days), sizes, shards, newest document and freshness lag',
          tags,
          response: { 200: FamiliesResponse, ...esErrorResponses },
        },
      },
      async () => readFamilies(reads),
    );

    app.get(
      '/forecast',
      {
        schema: {
          summary:
            "Disk forecast: days until each watermark at the last 7 days' volume and the retention in force",
          tags,
          response: { 200: ForecastResponse, ...esErrorResponses },
        },
      },
      async () => readForecast(reads),
    );

    app.get(
      '/retention',
      {
        schema: {
          summary: 'The retention plan: exactly which indices `retention apply` deletes now, and why',
          tags,
          response: { 200: RetentionResponse, ...esErrorResponses },
        },
      },
      async () => ({
        ...(await readRetentionPlan(reads)),
        schedule: { intervalMinutes: reads.config.retentionIntervalMs / 60_000 },
      }),
    );

    app.get(
      '/retention/audit',
      {
        schema: {
          summary: 'Indices retention deleted: who, what, when, how many bytes (newest first)',
          tags,
          querystring: AuditQuery,
          response: { 200: AuditResponse, ...esErrorResponses },
        },
      },
      async (request) => ({
        records: await listAudit(reads.client, reads.config.auditIndex, request.query.size ?? 100),
      }),
    );
  };
}
