import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Board } from '../src/core/board.ts';
import { boards } from '../src/app/boards.ts';
import { testApp } from './helpers.ts';

const SUMMARY = '/api/cloudtrail/summary?from=now-1h&to=now';
const EMPTY_PREFIX = { CLOUDTRAIL_INDEX_PREFIX: 'ct-access-nothing-' };
const INGEST_TOKEN = 'ingest-0123456789abcdef0123456789abcdef';

/** Two bodies: a route on the app's default limit and an ingest route with its own 512 KB. */
const probeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const body = Type.Object({ padding: Type.String() });
  app.post('/echo', { schema: { body } }, async (request) => ({ length: request.body.padding.length }));
  app.post(
    '/events',
    { config: { access: 'ingest' }, bodyLimit: 512 * 1024, schema: { body } },
    async (request) => ({ length: request.body.padding.length }),
  );
};
const probeBoard: Board = { name: 'probe', routes: probeRoutes, indexTemplates: () => [] };

describe('security headers', () => {
  let app: FastifyInstance;
  let webDist: string;
  beforeAll(async () => {
    webDist = await mkdtemp(path.join(tmpdir(), 'lookout-headers-web-'));
    await writeFile(path.join(webDist, 'index.html'), '<!doctype html><div id="root"></div>');
    app = await testApp({ ...EMPTY_PREFIX, WEB_DIST: webDist });
  });
  afterAll(async () => {
    await app.close();
    await rm(webDist, { recursive: true, force: true });
  });

  it('serves the SPA with a strict CSP, no framing, no sniffing and a same-origin referrer', async () => {
    const response = await app.inject({ method: 'GET', url: '/cloudtrail' });
    expect(response.statusCode).toBe(200);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('same-origin');
  });

  it('sends the same headers on API answers and on errors', async () => {
    for (const url of [SUMMARY, '/api/nope', '/api/cloudtrail/summary?from=yesterday-ish']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(String(response.headers['content-security-policy']), url).toContain("frame-ancestors 'none'");
    }
  });

  it('gives the API docs their own policy, which allows Swagger UI inline styles but still no framing', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/static/index.html' });
    const page =
      response.statusCode === 302 ? await app.inject({ method: 'GET', url: '/api/docs' }) : response;
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('CORS', () => {
  const preflight = (app: FastifyInstance, origin: string) =>
    app.inject({
      method: 'OPTIONS',
      url: SUMMARY,
      headers: { origin, 'access-control-request-method': 'GET' },
    });

  it('is closed by default: no Access-Control-Allow-Origin for any site', async () => {
    const app = await testApp(EMPTY_PREFIX);
    const response = await app.inject({
      method: 'GET',
      url: SUMMARY,
      headers: { origin: 'https://evil.example' },
    });
    const answer = await preflight(app, 'https://evil.example');
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('opens to the sites in CORS_ORIGINS only, preflight included (even in token mode)', async () => {
    const app = await testApp({
      ...EMPTY_PREFIX,
      CORS_ORIGINS: 'https://grafana.example.org',
      ACCESS_MODE: 'token',
      ACCESS_TOKENS: 'read-0123456789abcdef0123456789abcdef',
    });
    const allowed = await preflight(app, 'https://grafana.example.org');
    const other = await preflight(app, 'https://evil.example');
    const read = await app.inject({
      method: 'GET',
      url: SUMMARY,
      headers: {
        origin: 'https://grafana.example.org',
        authorization: 'Bearer read-0123456789abcdef0123456789abcdef',
      },
    });
    await app.close();
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://grafana.example.org');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(read.statusCode).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBe('https://grafana.example.org');
    // The partial flag, and what the export menu reads: counts, limit and the file name.
    expect(read.headers['access-control-expose-headers']).toBe(
      'x-lookout-partial, x-lookout-export-total, x-lookout-export-limit, x-lookout-export-truncated, content-disposition',
    );
  });
});

describe('rate limit per client (RATE_LIMIT_PER_MINUTE=3)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp(
      {
        ...EMPTY_PREFIX,
        RATE_LIMIT_PER_MINUTE: '3',
        ACCESS_MODE: 'proxy',
        TRUSTED_PROXIES: '10.9.0.0/24',
        INGEST_TOKEN,
      },
      { boards: [...boards, probeBoard] },
    );
  });
  afterAll(() => app.close());

  const asUser = (user: string) =>
    app.inject({
      method: 'GET',
      url: SUMMARY,
      remoteAddress: '10.9.0.7',
      headers: { 'x-forwarded-user': user },
    });

  it('answers the fourth request of a minute with a 429 that names the limit', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await asUser('alice')).statusCode);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await asUser('alice');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message).toMatch(
      /^rate limit: more than 3 requests a minute from this client \(RATE_LIMIT_PER_MINUTE\); retry in (1 minute|\d+ seconds?)$/,
    );
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts each user on their own, though all come from the same proxy address', async () => {
    expect((await asUser('bob')).statusCode).toBe(200);
  });

  it('counts refused requests against their address, so token guessing is limited too', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const response = await app.inject({ method: 'GET', url: SUMMARY, remoteAddress: '192.0.2.9' });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([403, 403, 403, 429]);
  });

  it('never limits health, the SNS endpoint, nor a producer holding the ingest credential', async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await app.inject({ method: 'GET', url: '/api/health', remoteAddress: '192.0.2.9' })).statusCode,
      ).toBe(200);
      const ingest = await app.inject({
        method: 'POST',
        url: '/api/probe/events',
        remoteAddress: '198.51.100.3',
        headers: { 'x-lookout-ingest-token': INGEST_TOKEN },
        payload: { padding: 'x' },
      });
      expect(ingest.statusCode).toBe(200);
      // Refused by the SNS handler itself (unknown topic), never by the rate limit.
      const sns = await app.inject({
        method: 'POST',
        url: '/api/ingest/sns',
        remoteAddress: '192.0.2.9',
        headers: { 'content-type': 'text/plain; charset=UTF-8' },
        payload: JSON.stringify({
          Type: 'Notification',
          MessageId: `m-${i}`,
          TopicArn: 'arn:aws:sns:eu-west-1:123456789012:not-allowed',
          Message: '{}',
          Timestamp: '2026-11-26T13:46:42.000Z',
          SignatureVersion: '1',
          Signature: 'AAAA',
          SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/cert.pem',
        }),
      });
      expect(sns.statusCode).toBe(403);
    }
  });
});

describe('body size limits', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ INGEST_TOKEN }, { boards: [...boards, probeBoard] });
  });
  afterAll(() => app.close());

  const padded = (bytes: number) => ({ padding: 'x'.repeat(bytes) });

  it('refuses a body over the 64 KB default with a 413 that names the limit', async () => {
    const small = await app.inject({ method: 'POST', url: '/api/probe/echo', payload: padded(60_000) });
    expect(small.statusCode).toBe(200);
    const large = await app.inject({ method: 'POST', url: '/api/probe/echo', payload: padded(70_000) });
    expect(large.statusCode).toBe(413);
    expect(large.json().message).toBe("request body larger than this endpoint's limit of 65536 bytes");
  });

  it('lets an ingest route take the larger bodies it declares, up to its own limit', async () => {
    const headers = { 'x-lookout-ingest-token': INGEST_TOKEN };
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/probe/events',
      headers,
      payload: padded(300_000),
    });
    expect(accepted.statusCode).toBe(200);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/probe/events',
      headers,
      payload: padded(600_000),
    });
    expect(refused.statusCode).toBe(413);
    expect(refused.json().message).toContain('limit of 524288 bytes');
  });

  it('refuses an oversized body before checking the ingest credential would matter', async () => {
    // The credential check runs first (preParsing): a stranger never gets the body read at all.
    const response = await app.inject({ method: 'POST', url: '/api/probe/events', payload: padded(600_000) });
    expect(response.statusCode).toBe(401);
  });
});
