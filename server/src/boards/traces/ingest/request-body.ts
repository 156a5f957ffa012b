import { gunzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Compressed bytes one request may send (an OTLP exporter's batch of 512 spans is ~100–300 KB). */
export const TRACES_BODY_LIMIT = 5 * 1024 * 1024;
/** Bytes once decompressed: a small gzip body must not unfold into gigabytes. */
export const TRACES_INFLATED_LIMIT = 32 * 1024 * 1024;

function refusal(statusCode: 400 | 413 | 415, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

/** JSON and protobuf bodies reach the routes as raw bytes; each route decodes its format. */
export function registerRawBodyParsers(app: FastifyInstance): void {
  const types = ['application/json', 'application/x-protobuf'];
  for (const type of types) if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
  app.addContentTypeParser(
    types,
    { parseAs: 'buffer', bodyLimit: TRACES_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );
}

/** The body's bytes, gunzipped when `Content-Encoding: gzip` (the Collector's default). */
export function inflatedBody(request: FastifyRequest): Buffer {
  const body = request.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw refusal(400, 'empty request body');
  const encoding = String(request.headers['content-encoding'] ?? 'identity')
    .toLowerCase()
    .trim();
  if (encoding === 'identity' || encoding === '') return body;
  if (encoding !== 'gzip') throw refusal(415, `Content-Encoding "${encoding}" is not supported (gzip is)`);
  try {
    return gunzipSync(body, { maxOutputLength: TRACES_INFLATED_LIMIT });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw refusal(413, `request body larger than ${TRACES_INFLATED_LIMIT} bytes once decompressed`);
    }
    throw refusal(400, 'body is not valid gzip (Content-Encoding: gzip)');
  }
}

/** A JSON body, or a 400 saying it is not JSON. */
export function parseJsonBody(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw refusal(400, 'body is not JSON');
  }
}
