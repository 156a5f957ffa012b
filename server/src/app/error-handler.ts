import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import { classifyEsError } from '../es/errors.ts';
import type { ApiErrorBody } from '../core/error-schema.ts';

function body(statusCode: number, message: string): ApiErrorBody {
  // Node's reason phrase for every status (403 "Forbidden", 431, 408…), never a bare "Error".
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/**
 * The one error handler (routes never try/catch): validation → 400 naming the parameter,
 * Elasticsearch unreachable → 503, too slow → 504, rejected → 502 with the root cause logged,
 * anything else → 500 with the message hidden.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const where = error.validationContext ?? 'request';
      const message = error.message.startsWith(where) ? error.message : `${where} ${error.message}`;
      return reply.status(400).send(body(400, message));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit;
      return reply
        .status(413)
        .send(body(413, `request body larger than this endpoint's limit of ${limit} bytes`));
    }
    const es = classifyEsError(error);
    if (es) {
      if (es.kind === 'rejected') {
        request.log.error({ rootCause: es.rootCause }, `Elasticsearch rejected the query: ${es.rootCause}`);
      } else {
        request.log.warn({ err: error }, es.message);
      }
      return reply.status(es.status).send(body(es.status, es.message));
    }
    const statusCode = error.statusCode ?? 500;
    if (statusCode >= 400 && statusCode < 500) {
      return reply.status(statusCode).send(body(statusCode, error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body(500, 'Internal error; see the server log'));
  });
}
