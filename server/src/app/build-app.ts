import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Client } from '@elastic/elasticsearch';
import type { Config } from '../core/config.ts';
import { createEsClient, createEsWriter } from '../es/client.ts';
import { createSearcher, type AppSearcher } from '../es/search.ts';
import { installIndexTemplates } from '../es/templates.ts';
import { createIngestBatcher, type IngestBatcher } from '../es/ingest-batcher.ts';
import { registerErrorHandler } from './error-handler.ts';
import { mountBoard } from './mount-board.ts';
import { registerFindRoute } from './find-route.ts';
import { registerCursorSigning } from './cursor-signing.ts';
import { answerClientError, answerFrameworkError } from './early-errors.ts';
import { documentHttpLimitResponses } from './http-limit-responses.ts';
import { documentAccess, securitySchemes } from './access-openapi.ts';
import { healthRoutes } from './health-routes.ts';
import { accessControl } from './access.ts';
import {
  DEFAULT_BODY_LIMIT,
  DOCS_CSP,
  registerCors,
  registerRateLimit,
  registerSecurityHeaders,
} from './http-protections.ts';
import { registerSpa } from './spa.ts';
import { registerCompression } from './compression.ts';
import { boards as allBoards } from './boards.ts';
import type { Board, EventSink } from '../core/board.ts';
import { ErrorResponse } from '../core/error-schema.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** Reads: the boards' searches, health. */
    es: Client;
    /** Writes: ingest endpoints, alert claims (the writer key when ES_WRITE_API_KEY is set). */
    esWriter: Client;
    /** Joins concurrent ingest requests' documents into shared `_bulk` creates (es/ingest-batcher.ts). */
    ingestBatcher: IngestBatcher;
    /** Searches through the in-flight de-duplicator (see es/search.ts). */
    esSearch: AppSearcher;
    /**
     * Installs every board's index templates once per process before the first ingest write, so
     * an endpoint that receives events before anyone ran `setup` still writes into mapped indices.
     */
    ensureIndexTemplates: () => Promise<void>;
    /** Every board's event stores by kind (see core/board.ts `EventSink`). */
    eventSinks: ReadonlyMap<string, EventSink>;
  }
}

/**
 * Once per process; a failure (a writer key without `manage_index_templates`, where an admin ran
 * `setup`) is logged and not retried: the writes themselves then say whether they work.
 */
function templatesOnce(app: FastifyInstance, boards: Board[]): () => Promise<void> {
  let installing: Promise<void> | undefined;
  return () =>
    (installing ??= installIndexTemplates(
      app.esWriter,
      boards.flatMap((board) => board.indexTemplates(app.config)),
    ).then(
      () => undefined,
      (error: unknown) => {
        app.log.warn(
          { err: error },
          'could not install index templates before ingesting (run `lookout setup`)',
        );
      },
    ));
}

export interface BuildAppOptions {
  /** Fastify logger options; tests pass `false`. */
  logger?: FastifyServerOptions['logger'];
  /** Override the board list (tests of the shell); production uses every board. */
  boards?: Board[];
}

/**
 * Builds the whole app without listening: infrastructure (config, Elasticsearch client that
 * closes itself), OpenAPI, health, the boards, the SPA, one error handler. `main.ts` listens;
 * tests call this with the very same options.
 */
export async function buildApp(config: Config, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    // Query strings like `account=1&account=2` become arrays only where a schema says so.
    // maxParamLength above the longest id a params schema accepts (imageId, 512), so a long id
    // gets the schema's 400 naming it, not the router's bare 414 (found by the API fuzzer).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1_024 },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Answers given before any hook runs still carry the security headers (app/early-errors.ts).
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Behind the SSO proxy, request.ip (logs, rate limit of refused requests) is the user's address.
    ...(config.access.mode === 'proxy' ? { trustProxy: config.access.trustedProxies } : {}),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const es = createEsClient(config.es);
  const esWriter = config.es.writeAuth ? createEsWriter(config.es) : es;
  app.decorate('config', config);
  app.decorate('es', es);
  app.decorate('esWriter', esWriter);
  const ingestBatcher = createIngestBatcher(esWriter, {
    // Callers get a short reason (es/errors.ts cleanRejectionReason); the engine's words go here.
    onEngineRejection: (detail) => app.log.warn(detail, 'the engine rejected an ingested document'),
  });
  app.decorate('ingestBatcher', ingestBatcher);
  app.decorate('esSearch', createSearcher(es, config.limits));
  registerCursorSigning(app, config.access.cursorSecret);
  app.addHook('onClose', async () => {
    await ingestBatcher.drain();
    await es.close();
    if (esWriter !== es) await esWriter.close();
  });

  registerErrorHandler(app);
  app.addSchema(ErrorResponse);
  documentHttpLimitResponses(app);
  documentAccess(app, config.access);

  // Before any route: access decides who calls, the rate limit counts it, then access refuses.
  await app.register(accessControl, config.access);
  await registerSecurityHeaders(app);
  await registerCors(app, config.access);
  await registerRateLimit(app, config.access);
  await registerCompression(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Lookout API',
        description:
          'On-call analytics over Elasticsearch: typed endpoints behind the Lookout boards. ' +
          'A response computed from incomplete engine results (the search hit ES_SEARCH_TIMEOUT_MS ' +
          'or lost shards) carries `partial: "timed_out"` (or `"shard_failures"`) and the header ' +
          '`x-lookout-partial` naming every reason.',
        version: '0.1.0',
      },
      components: { securitySchemes: securitySchemes(config.access) },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () =>
    app.swagger(),
  );

  await app.register(healthRoutes);
  const boards = options.boards ?? allBoards;
  app.decorate(
    'eventSinks',
    new Map(boards.flatMap((board) => Object.entries(board.eventSinks ?? {}))) as ReadonlyMap<
      string,
      EventSink
    >,
  );
  app.decorate('ensureIndexTemplates', templatesOnce(app, boards));
  for (const board of boards) await mountBoard(app, board);
  registerFindRoute(app, boards);

  await registerSpa(app, config.webDist);
  return app;
}
