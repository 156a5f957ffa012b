import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { answerOf, type Board, type Endpoint } from '../core/board.ts';
import { ErrorResponse, esErrorResponses } from '../core/error-schema.ts';
import { NotFoundError } from '../core/not-found.ts';
import { markPartial, notingPartial } from './partial-results.ts';
import { FormatParam, sendExport, type ExportFormat } from './export-stream.ts';

/** An exporting endpoint answers JSON, or with `format` a CSV or NDJSON file (documented, not serialised). */
function withExportContent(response: TSchema) {
  const file = (description: string) => ({ schema: { type: 'string', description } });
  return {
    content: {
      'application/json': { schema: response },
      'text/csv': file('With `format=csv`: a header row, then every row of the filtered list'),
      'application/x-ndjson': file('With `format=ndjson`: one JSON object per row'),
    },
  };
}

/** An exporting endpoint's query takes `format` besides its own parameters. */
function withFormat(querystring: TSchema): TSchema {
  const { properties } = querystring as TSchema & { properties: Record<string, TSchema> };
  return { ...querystring, properties: { ...properties, format: FormatParam } } as TSchema;
}

/**
 * One endpoint of the table: its schemas declare validation, serialisation and the OpenAPI
 * operation; the handler gives the answer this request's own search (which notes partial
 * results), answers 404 when it finds nothing, and marks a partial answer.
 */
function mountEndpoint(scope: FastifyInstance, board: Board, endpoint: Endpoint): void {
  const app = scope;
  scope.get(
    endpoint.url,
    {
      schema: {
        summary: endpoint.summary,
        ...(endpoint.description ? { description: endpoint.description } : {}),
        tags: [board.name],
        ...(endpoint.querystring
          ? { querystring: endpoint.export ? withFormat(endpoint.querystring) : endpoint.querystring }
          : {}),
        ...(endpoint.params ? { params: endpoint.params } : {}),
        response: {
          200: endpoint.export ? withExportContent(endpoint.response) : endpoint.response,
          ...(endpoint.notFound ? { 404: ErrorResponse } : {}),
          ...esErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { search, reasons } = notingPartial(app.esSearch);
      const { format, ...query } = (request.query ?? {}) as { format?: ExportFormat };
      const context = { config: app.config, es: app.es, search };
      if (format && endpoint.export) {
        return sendExport(app, reply, { board, endpoint, query, format }, context);
      }
      const input = { query: request.query, params: request.params };
      const answer = await answerOf(endpoint, input, context);
      if (answer === null) {
        throw new NotFoundError(endpoint.notFound?.(request.params) ?? 'not found');
      }
      return markPartial(answer as object, reasons, reply);
    },
  );
}

/**
 * Mounts a board: its endpoints and extra routes under `/api/<name>` (one encapsulated scope), its
 * route scopes at their explicit prefixes, and its alert sources from `onReady` until close.
 */
export async function mountBoard(app: FastifyInstance, board: Board): Promise<void> {
  await app.register(
    async (scope) => {
      for (const endpoint of board.endpoints ?? []) mountEndpoint(scope, board, endpoint);
      if (board.routes) await scope.register(board.routes);
    },
    { prefix: `/api/${board.name}` },
  );
  for (const scope of board.scopes ?? []) await app.register(scope.plugin, { prefix: scope.prefix });

  for (const source of board.alertSources ?? []) {
    const runner = source.create({
      config: app.config,
      es: app.es,
      esWriter: app.esWriter,
      search: app.esSearch,
      log: app.log.child({ component: source.name }),
    });
    if (!runner) continue;
    app.addHook('onReady', async () => {
      // An engine that is down now is no reason not to start; the runner copes on its rounds.
      await runner.prepare?.().catch((error: unknown) => {
        app.log.warn({ err: error }, `${source.name}: not prepared yet; it will retry on its rounds`);
      });
      runner.start();
    });
    app.addHook('onClose', async () => runner.stop());
  }
}
