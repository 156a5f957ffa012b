import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { COMPRESSION_THRESHOLD_BYTES } from '../src/app/compression.ts';
import { testApp } from './helpers.ts';

const INDEX_HTML =
  '<!doctype html><div id="root"></div><script type="module" src="/assets/app-3f9a1c.js"></script>';
// Repetitive, so each compressed copy is clearly smaller than the file.
const APP_JS = `export const boards = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `board-${i}`))};\n`;
const ASSET = '/assets/app-3f9a1c.js';

/** A built SPA as `vite build` writes it: hashed assets, each beside its Brotli and gzip copies. */
async function builtSpa(): Promise<string> {
  const dist = await mkdtemp(path.join(tmpdir(), 'lookout-serving-web-'));
  await mkdir(path.join(dist, 'assets'));
  for (const [file, content] of [
    ['index.html', INDEX_HTML],
    [ASSET.slice(1), APP_JS],
  ] as const) {
    await writeFile(path.join(dist, file), content);
    await writeFile(path.join(dist, `${file}.br`), brotliCompressSync(content));
    await writeFile(path.join(dist, `${file}.gz`), gzipSync(content));
  }
  return dist;
}

describe('serving the SPA and the API compressed and cached', () => {
  let app: FastifyInstance;
  let webDist: string;
  beforeAll(async () => {
    webDist = await builtSpa();
    app = await testApp({ CLOUDTRAIL_INDEX_PREFIX: 'ct-serving-nothing-', WEB_DIST: webDist });
  });
  afterAll(async () => {
    await app.close();
    await rm(webDist, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string, method: 'GET' | 'HEAD' = 'GET') =>
    app.inject({ method, url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends the Brotli copy of an asset to a browser that accepts br', async () => {
    const response = await get(ASSET, 'gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(APP_JS);
    expect(response.headers.vary).toContain('accept-encoding');
  });

  it('sends the gzip copy to a client that accepts only gzip', async () => {
    const response = await get(ASSET, 'gzip');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.rawPayload).toString()).toBe(APP_JS);
  });

  it('sends the file as it is to a client that accepts no encoding', async () => {
    const response = await get(ASSET);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe(APP_JS);
  });

  it('caches a hashed asset for a year without revalidation, and keeps its ETag', async () => {
    const response = await get(ASSET, 'br');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const etag = String(response.headers.etag);
    expect(etag).toMatch(/^W?\/?".+"$/);
    const again = await app.inject({
      method: 'GET',
      url: ASSET,
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it('makes browsers revalidate index.html, served directly or as the fallback of a deep link', async () => {
    for (const url of ['/index.html', '/containers/failures/abc?from=now-1h']) {
      const response = await get(url, 'br');
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(response.rawPayload).toString(), url).toBe(INDEX_HTML);
      expect(response.headers.etag, url).toBeDefined();
    }
  });

  it('answers HEAD wherever it answers GET: the root, a deep link, an asset', async () => {
    for (const url of ['/', '/cloudtrail', ASSET]) {
      const response = await get(url, 'br', 'HEAD');
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toBe('');
      expect(response.headers['cache-control'], url).toBeDefined();
    }
  });

  it('still refuses other methods on SPA paths and unknown API paths', async () => {
    expect((await app.inject({ method: 'POST', url: '/cloudtrail' })).statusCode).toBe(404);
    expect((await get('/api/nope', 'br', 'HEAD')).statusCode).toBe(404);
  });

  it('compresses an API answer above the threshold with the encoding the client prefers', async () => {
    const brotli = await get('/api/openapi.json', 'gzip, br');
    expect(brotli.rawPayload.length).toBeGreaterThan(0);
    expect(brotli.headers['content-encoding']).toBe('br');
    const document = JSON.parse(brotliDecompressSync(brotli.rawPayload).toString()) as { openapi: string };
    expect(document.openapi).toBe('3.0.3');
    // The security headers and the JSON type survive compression.
    expect(brotli.headers['content-type']).toMatch(/^application\/json/);
    expect(brotli.headers['x-content-type-options']).toBe('nosniff');

    const gzip = await get('/api/openapi.json', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(document);
    expect((await get('/api/openapi.json')).headers['content-encoding']).toBeUndefined();
  });

  it('sends an API answer below the threshold as it is', async () => {
    const response = await get('/api/cloudtrail/summary?from=yesterday-ish', 'br');
    expect(response.statusCode).toBe(400);
    expect(response.rawPayload.length).toBeLessThan(COMPRESSION_THRESHOLD_BYTES);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.json().message).toContain('from');
  });
});
