import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { MAX_LISTED_REJECTIONS } from '../../../core/json-values.ts';
import { decodeOtlpProtobuf, encodeOtlpResponse, type ExportTraceServiceResponse } from './otlp-protobuf.ts';
import { spansFromOtlp } from './otlp.ts';
import { spansFromZipkin } from './zipkin.ts';
import { inflatedBody, parseJsonBody, registerRawBodyParsers, TRACES_BODY_LIMIT } from './request-body.ts';
import type { SpanOutcome, StoredSpan } from './span-document.ts';
import { RECHECK_AFTER_MS, recheckParents, storeSpans } from './store-spans.ts';

/** What exporters are told to wait before retrying when the engine is down or overloaded. */
export const RETRY_AFTER_SECONDS = 5;

interface Accepted {
  received: number;
  stored: number;
  alreadyPresent: number;
  rejected: string[];
}

/** Children whose parent was not found yet are looked up once more after a refresh interval. */
function parentRechecks(app: FastifyInstance): (spans: StoredSpan[]) => void {
  const timers = new Set<NodeJS.Timeout>();
  app.addHook('onClose', async () => {
    for (const timer of timers) clearTimeout(timer);
  });
  return (spans) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      recheckParents(app.esWriter, app.config.traces.indexPrefix, spans).catch((error: unknown) =>
        app.log.warn({ err: error }, 'parent_service recheck failed; the parent will back-fill it'),
      );
    }, RECHECK_AFTER_MS);
    timer.unref();
    timers.add(timer);
  };
}

async function accept(
  app: FastifyInstance,
  outcomes: SpanOutcome[],
  recheck: (spans: StoredSpan[]) => void,
): Promise<Accepted> {
  const spans: StoredSpan[] = [];
  const rejected: string[] = [];
  for (const outcome of outcomes) {
    if ('problem' in outcome) rejected.push(outcome.problem);
    else spans.push(outcome);
  }
  if (spans.length === 0) return { received: outcomes.length, stored: 0, alreadyPresent: 0, rejected };
  await app.ensureIndexTemplates();
  const result = await storeSpans(app.esWriter, spans, {
    indexPrefix: app.config.traces.indexPrefix,
    batcher: app.ingestBatcher,
    recheck,
  });
  for (const failed of result.rejected) rejected.push(`span ${failed.id}: ${failed.reason}`);
  return {
    received: outcomes.length,
    stored: result.indexed,
    alreadyPresent: result.alreadyPresent,
    rejected,
  };
}

function partialSuccess(accepted: Accepted): ExportTraceServiceResponse {
  if (accepted.rejected.length === 0) return {};
  const listed = accepted.rejected.slice(0, MAX_LISTED_REJECTIONS);
  const more = accepted.rejected.length - listed.length;
  return {
    partialSuccess: {
      rejectedSpans: accepted.rejected.length,
      errorMessage: listed.join('; ') + (more > 0 ? `; and ${more} more` : ''),
    },
  };
}

/**
 * `POST /v1/traces` (OTLP/HTTP, protobuf or JSON, gzip or not) and `POST /api/v2/spans` (Zipkin
 * v2 JSON). Both need the ingest credential (route `access: 'ingest'`, app/access.ts); engine
 * down or overloaded → 503 with Retry-After, so exporters retry and nothing is lost.
 */
export const tracesIngestRoutes: FastifyPluginAsync = async (app) => {
  registerRawBodyParsers(app);
  const recheck = parentRechecks(app);

  app.addHook('onSend', async (request, reply) => {
    const status = reply.statusCode;
    if ((status === 503 || status === 429) && !request.access?.refusal) {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    }
  });

  app.post(
    '/v1/traces',
    {
      bodyLimit: TRACES_BODY_LIMIT,
      config: { access: 'ingest' },
      schema: {
        summary: 'OTLP/HTTP traces: ExportTraceServiceRequest as protobuf or JSON, gzip or not',
        description:
          'As the OpenTelemetry SDKs and the Collector export (`otlphttp`). Answers an ' +
          "ExportTraceServiceResponse in the request's encoding, with `partialSuccess` naming refused " +
          'spans. Needs the ingest token header (INGEST_TOKEN_HEADER).',
        tags: ['ingest'],
        consumes: ['application/x-protobuf', 'application/json'],
      },
    },
    async (request, reply) => {
      const bytes = inflatedBody(request);
      const protobuf = String(request.headers['content-type']).startsWith('application/x-protobuf');
      let decoded: unknown;
      if (protobuf) {
        try {
          decoded = decodeOtlpProtobuf(bytes);
        } catch (error) {
          throw Object.assign(
            new Error(`body is not a protobuf ExportTraceServiceRequest: ${(error as Error).message}`),
            { statusCode: 400 },
          );
        }
      } else {
        decoded = parseJsonBody(bytes);
        if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) {
          throw Object.assign(new Error('body is not an ExportTraceServiceRequest object'), {
            statusCode: 400,
          });
        }
      }
      const response = partialSuccess(await accept(app, spansFromOtlp(decoded), recheck));
      if (protobuf) {
        return reply.type('application/x-protobuf').send(Buffer.from(encodeOtlpResponse(response)));
      }
      return reply.type('application/json').send(
        response.partialSuccess
          ? {
              partialSuccess: {
                ...response.partialSuccess,
                rejectedSpans: String(response.partialSuccess.rejectedSpans),
              },
            }
          : {},
      );
    },
  );

  app.post(
    '/api/v2/spans',
    {
      bodyLimit: TRACES_BODY_LIMIT,
      config: { access: 'ingest' },
      schema: {
        summary: 'Zipkin v2 spans (JSON array), as Zipkin reporters and Envoy send them',
        description:
          '202 when every span was stored or already present; 400 naming the spans that were refused ' +
          '(the others are stored). Needs the ingest token header (INGEST_TOKEN_HEADER).',
        tags: ['ingest'],
        consumes: ['application/json'],
      },
    },
    async (request, reply) => {
      const body = parseJsonBody(inflatedBody(request));
      if (typeof body !== 'object' || body === null) {
        throw Object.assign(new Error('body is not a Zipkin v2 span list (a JSON array)'), {
          statusCode: 400,
        });
      }
      const accepted = await accept(app, spansFromZipkin(body), recheck);
      if (accepted.rejected.length > 0) {
        return reply.status(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message:
            `${accepted.rejected.length} of ${accepted.received} spans refused: ` +
            accepted.rejected.slice(0, MAX_LISTED_REJECTIONS).join('; '),
        });
      }
      // Zipkin's collector answers 202 Accepted with an empty body.
      return reply.status(202).send();
    },
  );
};
