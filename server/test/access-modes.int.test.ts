import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers.ts';

// A board endpoint that reads the real Elasticsearch (an empty prefix: it answers zeros).
const SUMMARY = '/api/cloudtrail/summary?from=now-1h&to=now';
const EMPTY_PREFIX = { CLOUDTRAIL_INDEX_PREFIX: 'ct-access-nothing-' };
const TOKEN_A = 'tok-a-0123456789abcdef0123456789';
const TOKEN_B = 'tok-b-fedcba9876543210fedcba9876';

/** A tiny built SPA, so the public files can be checked without building the web. */
async function fakeWebDist(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lookout-access-web-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
  return dir;
}

describe('ACCESS_MODE=none (the local demo)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp(EMPTY_PREFIX);
  });
  afterAll(() => app.close());

  it('serves the boards to anyone on loopback, without credentials', async () => {
    const response = await app.inject({ method: 'GET', url: SUMMARY, remoteAddress: '127.0.0.1' });
    expect(response.statusCode).toBe(200);
    expect(response.json().total).toBe(0);
  });
});

describe('ACCESS_MODE=proxy (behind oauth2-proxy on 10.9.0.0/24)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({
      ...EMPTY_PREFIX,
      ACCESS_MODE: 'proxy',
      HOST: '0.0.0.0',
      TRUSTED_PROXIES: '10.9.0.0/24,fd00:9::/64',
    });
  });
  afterAll(() => app.close());

  it('lets a user in when the trusted proxy names them', async () => {
    const response = await app.inject({
      method: 'GET',
      url: SUMMARY,
      remoteAddress: '10.9.0.7',
      headers: { 'x-forwarded-user': 'alice@example.org' },
    });
    expect(response.statusCode).toBe(200);
  });

  it('trusts a proxy reached over IPv6 and over an IPv4-mapped socket address', async () => {
    for (const remoteAddress of ['fd00:9::5', '::ffff:10.9.0.8']) {
      const response = await app.inject({
        method: 'GET',
        url: SUMMARY,
        remoteAddress,
        headers: { 'x-forwarded-user': 'bob' },
      });
      expect(response.statusCode, remoteAddress).toBe(200);
    }
  });

  it('refuses the user header from any other address, even with X-Forwarded-For pointing at the proxy', async () => {
    const response = await app.inject({
      method: 'GET',
      url: SUMMARY,
      remoteAddress: '192.0.2.44',
      headers: { 'x-forwarded-user': 'alice@example.org', 'x-forwarded-for': '10.9.0.7' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe(
      'requests must come through the SSO proxy; 192.0.2.44 is not in TRUSTED_PROXIES',
    );
  });

  it('refuses a request through the proxy that names no user', async () => {
    const response = await app.inject({ method: 'GET', url: SUMMARY, remoteAddress: '10.9.0.7' });
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toBe('no user: the SSO proxy sent no x-forwarded-user header');
  });

  it('keeps health public: load balancers probe it without a user', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health', remoteAddress: '192.0.2.44' });
    expect(response.statusCode).toBe(200);
  });
});

describe('ACCESS_MODE=token', () => {
  let app: FastifyInstance;
  let webDist: string;
  beforeAll(async () => {
    webDist = await fakeWebDist();
    app = await testApp({
      ...EMPTY_PREFIX,
      ACCESS_MODE: 'token',
      ACCESS_TOKENS: `${TOKEN_A},${TOKEN_B}`,
      WEB_DIST: webDist,
    });
  });
  afterAll(async () => {
    await app.close();
    await rm(webDist, { recursive: true, force: true });
  });

  const summary = (headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: SUMMARY, headers });

  it('accepts every configured token as a bearer token', async () => {
    expect((await summary({ authorization: `Bearer ${TOKEN_A}` })).statusCode).toBe(200);
    expect((await summary({ authorization: `bearer ${TOKEN_B}` })).statusCode).toBe(200);
  });

  it('asks for a token when none is sent, with WWW-Authenticate: Bearer', async () => {
    const response = await summary();
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="lookout"');
    expect(response.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'an access token is required: send Authorization: Bearer <token>',
    });
  });

  it('refuses a wrong token, a token one character short, and a token sent as Basic', async () => {
    for (const authorization of [
      'Bearer wrong-token-0123456789abcdef0123',
      `Bearer ${TOKEN_A.slice(0, -1)}`,
      `Basic ${Buffer.from(`x:${TOKEN_A}`).toString('base64')}`,
    ]) {
      const response = await summary({ authorization });
      expect(response.statusCode, authorization).toBe(401);
    }
    expect((await summary({ authorization: 'Bearer nope-nope-nope-nope-nope-nope' })).json().message).toBe(
      'the access token was not accepted',
    );
  });

  it('guards every board endpoint, not only one', async () => {
    for (const url of ['/api/images/tags?prefix=b', '/api/deployments/kpis?from=now-1d&to=now']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
    // The same route by another door: HEAD, a trailing slash.
    expect((await app.inject({ method: 'HEAD', url: SUMMARY })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: SUMMARY.replace('?', '/?') })).statusCode).toBe(401);
  });

  it('documents in OpenAPI what each route needs: bearer for reads, the ingest header for ingest', async () => {
    const spec = (await app.inject({ url: '/api/openapi.json' })).json() as {
      components: { securitySchemes: Record<string, { type: string; name?: string }> };
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
    };
    expect(spec.components.securitySchemes.bearerToken).toMatchObject({ type: 'http' });
    expect(spec.components.securitySchemes.ingestToken).toMatchObject({
      type: 'apiKey',
      name: 'x-lookout-ingest-token',
    });
    const summary = spec.paths['/api/cloudtrail/summary']!.get!;
    expect(summary.security).toEqual([{ bearerToken: [] }]);
    expect(summary.responses).toHaveProperty('401');
    const ingest = spec.paths['/api/ingest/ecs-events']!.post!;
    expect(ingest.security).toEqual([{ ingestToken: [] }]);
    expect(spec.paths['/api/health']!.get!.security).toBeUndefined();
    expect(spec.paths['/api/ingest/sns']!.post!.security).toBeUndefined();
  });

  it('keeps the SPA files, its deep links, health and the API docs reachable without a token', async () => {
    for (const url of [
      '/',
      '/cloudtrail?from=now-1h',
      '/assets/app-1234.js',
      '/api/health',
      '/api/openapi.json',
      '/api/docs',
      '/api/docs/static/swagger-ui.css',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
    }
  });
});
