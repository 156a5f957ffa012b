import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Vite fingerprints what it writes under assets/: a new build never reuses a name with new content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Hashed assets are cached for a year without revalidation; everything else (index.html, which
 * names the current assets) is revalidated on every use against its ETag. The build writes a
 * Brotli and a gzip copy next to each file (web/vite-precompress.ts): which one is sent depends on
 * Accept-Encoding, so caches must key on it.
 */
function cacheHeaders(res: { setHeader(name: string, value: string): unknown }, filePath: string): void {
  const isAsset = filePath.includes(`${path.sep}assets${path.sep}`);
  res.setHeader('cache-control', isAsset ? IMMUTABLE : 'no-cache');
  res.setHeader('vary', 'accept-encoding');
}

/**
 * Serves the built SPA with history fallback: any non-API GET or HEAD that is not a file gets
 * index.html, so a deep link such as /containers/failures/abc opens the app on that page.
 */
export async function registerSpa(app: FastifyInstance, webDist: string | undefined): Promise<void> {
  const index = webDist ? path.join(webDist, 'index.html') : undefined;
  const hasSpa = index !== undefined && existsSync(index);
  if (hasSpa) {
    await app.register(fastifyStatic, {
      root: webDist!,
      wildcard: false,
      index: false,
      preCompressed: true,
      // send's own Cache-Control (public, max-age=0) would overwrite the one set here.
      cacheControl: false,
      setHeaders: cacheHeaders,
    });
  } else {
    app.log.warn(`no built SPA at ${webDist ?? '(WEB_DIST unset)'}; serving the API only`);
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url === '/api' || request.url.startsWith('/api/');
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    if (isApi || !isRead || !hasSpa) {
      return reply.status(404).send({
        statusCode: 404,
        error: 'Not Found',
        message: `no route ${request.method} ${request.url.split('?')[0]}`,
      });
    }
    return reply.sendFile('index.html');
  });
}
