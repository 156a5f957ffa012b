import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '@elastic/elasticsearch';
import { BadParameterError } from '../core/time-range.ts';
import { ensureStateIndex, STATE_INDEX } from '../es/state-index.ts';

/**
 * Paged lists hand out `nextCursor` (the sort values of the last hit) and take it back as
 * `cursor`. Each one is signed here — HMAC-SHA256 over the route and the cursor — so a cursor the
 * API did not hand out is a 400 naming `cursor`, and made-up sort values (`[1e400,"x"]`) never
 * reach the engine. Boards keep encoding and decoding plain cursors; signing happens at the edge.
 *
 * The key: CURSOR_SECRET when set; otherwise one generated once and kept in Elasticsearch
 * (STATE_INDEX), so every BFF instance behind a load balancer accepts the others' cursors and
 * nothing lives on the BFF's disk. If it cannot be stored (a read-only key), this process uses a
 * key of its own and says so in the log: cursors then work only on the instance that made them.
 */

const SECRET_ID = 'cursor-signing-key';

const SIGNATURE_CHARS = 22; // 128 bits, base64url

function sign(key: Buffer, route: string, cursor: string): string {
  return createHmac('sha256', key)
    .update(`${route}\n${cursor}`)
    .digest('base64url')
    .slice(0, SIGNATURE_CHARS);
}

async function storedKey(app: FastifyInstance): Promise<Buffer> {
  const fresh = randomBytes(32).toString('base64url');
  try {
    await ensureStateIndex(app.esWriter);
    await app.esWriter.create({
      index: STATE_INDEX,
      id: SECRET_ID,
      document: { secret: fresh, at: new Date().toISOString() },
      refresh: 'wait_for',
    });
    return Buffer.from(fresh);
  } catch (error) {
    if (!(error instanceof errors.ResponseError)) throw error;
    if (error.statusCode !== 409) {
      app.log.warn(
        { status: error.statusCode },
        `cannot store the cursor key in ${STATE_INDEX}; this instance signs with its own (set CURSOR_SECRET when several run)`,
      );
      return Buffer.from(fresh);
    }
  }
  const existing = await app.es.get<{ secret: string }>({ index: STATE_INDEX, id: SECRET_ID });
  return Buffer.from(existing._source!.secret);
}

function cursorKey(app: FastifyInstance, configured: string | undefined): () => Promise<Buffer> {
  let loading: Promise<Buffer> | undefined;
  return () => {
    if (configured !== undefined) return Promise.resolve(Buffer.from(configured));
    loading ??= storedKey(app).catch((error: unknown) => {
      loading = undefined; // engine down: the request answers 503, the next one tries again
      throw error;
    });
    return loading;
  };
}

function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url;
}

export function registerCursorSigning(app: FastifyInstance, configuredSecret: string | undefined): void {
  const key = cursorKey(app, configuredSecret);

  app.addHook('preHandler', async (request) => {
    const query = request.query as { cursor?: unknown } | undefined;
    if (typeof query?.cursor !== 'string') return;
    const signed = query.cursor;
    const dot = signed.lastIndexOf('.');
    const cursor = signed.slice(0, dot);
    const given = Buffer.from(signed.slice(dot + 1));
    const expected = Buffer.from(sign(await key(), routeOf(request), cursor));
    if (dot <= 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new BadParameterError('cursor', 'is not a cursor this endpoint returned');
    }
    query.cursor = cursor;
  });

  app.addHook('preSerialization', async (request, _reply, payload: unknown) => {
    if (typeof payload !== 'object' || payload === null) return payload;
    const { nextCursor } = payload as { nextCursor?: unknown };
    if (typeof nextCursor !== 'string') return payload;
    return { ...payload, nextCursor: `${nextCursor}.${sign(await key(), routeOf(request), nextCursor)}` };
  });
}
