import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../../../core/error-schema.ts';
import { EcsIngestResponse } from '../schema.ts';
import { registerJsonItemsParser, type JsonItemsBody } from '../../../core/json-body.ts';
import { HTTP_INGEST_LIMITS, MAX_LISTED_REJECTIONS } from '../../../core/json-values.ts';
import { ingestEcsEvents } from './ingest-events.ts';

/** An EventBridge API destination sends batches well under this; a replay file may be larger. */
export const ECS_EVENTS_BODY_LIMIT = 5 * 1024 * 1024;

/**
 * `POST /ecs-events` (under `/api/ingest`): ECS Task State Change events as an EventBridge API
 * destination sends them (one JSON event), or an array, or NDJSON — told apart by parsing, with
 * the limits of HTTP_INGEST_LIMITS checked while the body streams in (413 naming the limit).
 * Guarded by the ingest token (route `access: 'ingest'`, see app/access.ts). 200 when something
 * was stored or already present, with counts and the first rejections by position; 400 when
 * nothing in the body is an event.
 */
export const ecsIngestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerJsonItemsParser(app, {
    contentTypes: ['application/json', 'application/x-ndjson', 'text/plain'],
    bodyLimit: ECS_EVENTS_BODY_LIMIT,
    limits: HTTP_INGEST_LIMITS,
  });

  app.post(
    '/ecs-events',
    {
      bodyLimit: ECS_EVENTS_BODY_LIMIT,
      config: { access: 'ingest' },
      schema: {
        summary: 'ECS Task State Change events (EventBridge API destination): one event, an array, or NDJSON',
        description:
          'Stored with `_id` = taskArn:version, so replays never double. Needs the ingest token header ' +
          '(INGEST_TOKEN_HEADER). Events that are not ECS Task State Changes are rejected by position with the reason.',
        tags: ['ingest'],
        consumes: ['application/json', 'application/x-ndjson'],
        response: { 200: EcsIngestResponse, 400: ErrorResponse, 413: ErrorResponse },
      },
    },
    async (request) => {
      const events = (request.body as JsonItemsBody | undefined)?.items ?? [];
      if (events.length === 0) throw Object.assign(new Error('body holds no event'), { statusCode: 400 });
      await app.ensureIndexTemplates();
      const result = await ingestEcsEvents(app.esWriter, app.config.containers.eventsIndex, events, {
        batcher: app.ingestBatcher,
      });
      if (result.rejectedCount === result.received) {
        throw Object.assign(
          new Error(
            `no event stored: ${result.rejected
              .map((entry) => `#${entry.position} ${entry.reason}`)
              .slice(0, 3)
              .join('; ')}`,
          ),
          { statusCode: 400 },
        );
      }
      return { ...result, rejected: result.rejected.slice(0, MAX_LISTED_REJECTIONS) };
    },
  );
};
