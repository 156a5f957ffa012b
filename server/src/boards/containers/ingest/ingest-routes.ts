import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../../../core/error-schema.ts';
import { EcsIngestResponse } from '../schema.ts';
import { ingestEcsEvents, parseEcsEventsBody } from './ingest-events.ts';

/** An EventBridge API destination sends batches well under this; a replay file may be larger. */
export const ECS_EVENTS_BODY_LIMIT = 5 * 1024 * 1024;

/**
 * `POST /ecs-events` (under `/api/ingest`): ECS Task State Change events as an EventBridge API
 * destination sends them (one JSON event), or an array, or NDJSON. Guarded by the ingest token
 * (route `access: 'ingest'`, see app/access.ts). 200 when everything was stored or already
 * present, 207-like detail in the body when some were rejected (still 200: the rest is stored;
 * the rejected ones are named by position), 400 when nothing in the body is an event.
 */
export const ecsIngestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // NDJSON and text bodies arrive as strings and are split here; JSON stays with Fastify's parser.
  app.addContentTypeParser(
    ['application/x-ndjson', 'text/plain'],
    { parseAs: 'string', bodyLimit: ECS_EVENTS_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

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
      const events = parseEcsEventsBody(request.body);
      if (events.length === 0) throw Object.assign(new Error('body holds no event'), { statusCode: 400 });
      await app.ensureIndexTemplates();
      const result = await ingestEcsEvents(app.esWriter, app.config.containers.eventsIndex, events, {
        batcher: app.ingestBatcher,
      });
      if (result.rejected.length === result.received) {
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
      return result;
    },
  );
};
