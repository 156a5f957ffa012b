import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { testApp } from './helpers.ts';
import type { Board } from '../src/core/board.ts';
import { engineLabel } from '../src/es/engine.ts';
import { localEngine } from '../src/es/local/engines.ts';

describe('GET /api/health against the real local Elasticsearch', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(() => app.close());

  it('reports Elasticsearch reachable with its version and a green or yellow cluster', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('ok');
    expect(body.elasticsearch.reachable).toBe(true);
    expect(body.elasticsearch.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(['green', 'yellow']).toContain(body.elasticsearch.clusterStatus);
  });

  it('names the engine it found: the one the engine matrix started, Elasticsearch 9 otherwise', async () => {
    const expected = process.env.LOOKOUT_ENGINE ? localEngine(process.env.LOOKOUT_ENGINE) : undefined;
    const body = (await app.inject({ method: 'GET', url: '/api/health' })).json();
    if (expected) {
      expect(body.elasticsearch.engine).toBe(engineLabel(expected.family, expected.version));
      expect(body.elasticsearch.distribution).toBe(expected.family);
    } else {
      expect(body.elasticsearch.engine).toMatch(/^(Elasticsearch|OpenSearch) \d+\.\d+\.\d+$/);
    }
    expect(body.elasticsearch.error).toBeUndefined();
  });

  it('publishes the OpenAPI document with the health route', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json().paths['/api/health'].get.responses['200']).toBeDefined();
  });

  it('serves the API docs page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(response.statusCode);
  });

  it('answers unknown API paths with a JSON 404, not the SPA', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toContain('/api/nope');
  });
});

/** A board whose only route runs a search, to see what every Elasticsearch-backed route answers. */
const probeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/count',
    { schema: { querystring: Type.Object({ index: Type.String({ pattern: '^[a-z0-9-]+$' }) }) } },
    async (request) => {
      const result = await app.es.count({ index: request.query.index, ignore_unavailable: true });
      return { count: result.count };
    },
  );
};
const probeBoard: Board = { name: 'probe', routes: probeRoutes, indexTemplates: () => [] };

describe('with ES_URL pointing at a closed port', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    // Port 1 on loopback: nothing listens there, connections are refused at once.
    app = await testApp({ ES_URL: 'http://127.0.0.1:1' }, { boards: [probeBoard] });
  });
  afterAll(() => app.close());

  it('answers /api/health promptly that Elasticsearch is unreachable', async () => {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'degraded', elasticsearch: { reachable: false } });
    expect(response.json().elasticsearch.error).toMatch(/ECONNREFUSED|connect/i);
  });

  it('answers other API routes with a JSON 503 and keeps running', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await app.inject({ method: 'GET', url: '/api/probe/count?index=anything' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'Elasticsearch is unreachable',
      });
    }
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });

  it('names the bad query parameter in a 400', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/probe/count?index=Bad%20Index' });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('index');
  });
});
