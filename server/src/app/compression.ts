import type { FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';

/** Smaller answers fit in a packet or two either way; compressing them costs more than it saves. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * API answers above the threshold go out Brotli- or gzip-compressed, as the client accepts (the
 * plugin's Brotli default is a fast quality, fit for answers made per request). The SPA's files
 * are compressed at build time instead (spa.ts); an answer that already has a Content-Encoding is
 * left alone. Request bodies are not decompressed here: each ingest endpoint reads its own formats.
 * Registered before every route, since the plugin hooks routes as they are added.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD_BYTES,
    globalDecompression: false,
  });
}
