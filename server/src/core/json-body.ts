import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import type { FastifyInstance } from 'fastify';
import { createJsonReader, JsonLimitError, NOT_JSON, type JsonItem, type JsonLimits } from './json-values.ts';

/** What an ingest route receives as `request.body`: the body's events, each parsed or refused. */
export interface JsonItemsBody {
  items: JsonItem[];
}

export interface JsonBodyOptions {
  contentTypes: string[];
  /** Bytes of the whole body; more is a 413 naming the limit. */
  bodyLimit: number;
  limits: JsonLimits;
  /**
   * One document expected (the SNS envelope): the first event over a limit refuses the whole
   * body at once, without reading the rest of it.
   */
  single?: boolean;
}

function refusal(statusCode: 400 | 413, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

/**
 * Replaces the body parsers of this plugin's scope with the streaming reader (core/json-values):
 * each chunk is scanned as it arrives, so a body over a limit is refused at the chunk that
 * crosses it — milliseconds — and never parsed whole. The rest of such a body is read and thrown
 * away, so the client still gets its answer on the same connection.
 */
export function registerJsonItemsParser(app: FastifyInstance, options: JsonBodyOptions): void {
  for (const type of options.contentTypes) {
    if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
  }
  app.addContentTypeParser(options.contentTypes, (request, payload: IncomingMessage, done) => {
    const declared = Number(request.headers['content-length']);
    if (declared > options.bodyLimit) {
      payload.resume();
      done(
        refusal(413, `request body larger than this endpoint's limit of ${options.bodyLimit} bytes`) as never,
        undefined,
      );
      return;
    }
    const reader = createJsonReader({ ...options.limits, stopAtFirstProblem: options.single ?? false });
    const decoder = new StringDecoder('utf8');
    const items: JsonItem[] = [];
    let bytes = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      payload.removeAllListeners('data');
      payload.resume();
      done(error as never, undefined);
    };
    payload.on('data', (chunk: Buffer) => {
      if (settled) return;
      bytes += chunk.length;
      if (bytes > options.bodyLimit) {
        fail(refusal(413, `request body larger than this endpoint's limit of ${options.bodyLimit} bytes`));
        return;
      }
      try {
        items.push(...reader.push(decoder.write(chunk)));
      } catch (error) {
        fail(error instanceof JsonLimitError ? error : refusal(400, 'body is not JSON'));
        return;
      }
      const problem = options.single
        ? ((items.find((item) => 'problem' in item) as { problem: string } | undefined)?.problem ??
          reader.pendingProblem)
        : undefined;
      if (problem !== undefined) fail(refusal(400, `body ${problem}`));
    });
    payload.on('error', (error) => fail(error));
    payload.on('end', () => {
      if (settled) return;
      try {
        items.push(...reader.push(decoder.end()), ...reader.end());
      } catch (error) {
        fail(error instanceof JsonLimitError ? error : refusal(400, 'body is not JSON'));
        return;
      }
      settled = true;
      const body: JsonItemsBody = {
        items: reader.nothingWasJson ? [{ position: 0, problem: NOT_JSON }] : items,
      };
      done(null, body);
    });
  });
}

/**
 * One JSON document as the body (the SNS envelope): read with the same streaming limits, then
 * handed to the route's schema. Anything else — several values, one over a limit — is a 400 or 413
 * that says which limit, before any full parse.
 */
export function registerSingleJsonParser(app: FastifyInstance, options: JsonBodyOptions): void {
  registerJsonItemsParser(app, { ...options, single: true });
  app.addHook('preValidation', async (request) => {
    const body = request.body as JsonItemsBody | undefined;
    if (!body || !Array.isArray(body.items)) return;
    const [first, ...rest] = body.items;
    if (!first || rest.length > 0) throw refusal(400, 'body must be exactly one JSON object');
    if ('problem' in first) throw refusal(400, `body ${first.problem}`);
    request.body = first.value;
  });
}
