import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { PARTIAL_HEADER } from '../src/app/partial-results.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';
import { createResilienceIndices, type ResilienceIndices } from './resilience-indices.ts';
import { testApp, testConfig } from './helpers.ts';

describe('query cost limits and partial results, against the real Elasticsearch', () => {
  let client: Client;
  let indices: ResilienceIndices;
  let app: FastifyInstance;

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return {
      status: response.statusCode,
      partial: response.headers[PARTIAL_HEADER],
      body: response.json() as Record<string, unknown>,
    };
  };

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    indices = await createResilienceIndices(client, 'resilience-limits');
    app = await testApp(indices.env);
  });

  afterAll(async () => {
    await app?.close();
    await indices?.remove();
    await client?.close();
  });

  it.each([
    ['/api/cloudtrail/top-calls?from=now-401d', 'querystring/from', 'maximum of 400 days'],
    ['/api/cloudtrail/events?from=now-401d', 'querystring/from', 'maximum of 400 days'],
    ['/api/cloudtrail/unknown-ips?from=now-401d', 'querystring/from', 'maximum of 400 days'],
    ['/api/cloudtrail/summary?from=now-401d', 'querystring/from', 'maximum of 400 days'],
    ['/api/deployments/kpis?from=now-401d', 'querystring/from', 'maximum of 400 days'],
    ['/api/deployments/failures?from=now-401d', 'querystring/from', 'maximum of 400 days'],
    ['/api/deployments/services?from=now-401d', 'querystring/from', 'maximum of 400 days'],
    ['/api/cloudtrail/top-calls?from=now-30d&interval=1m', 'querystring/interval', 'more than 2000 bars'],
    ['/api/cloudtrail/top-calls?size=51', 'querystring/size', '<= 50'],
    ['/api/cloudtrail/events?size=501', 'querystring/size', '<= 500'],
    ['/api/deployments/failures?size=501', 'querystring/size', '<= 500'],
    ['/api/images/search?size=501', 'querystring/size', '<= 500'],
    ['/api/images/search?facetSize=201', 'querystring/facetSize', '<= 200'],
    ['/api/images/tags?size=101', 'querystring/size', '<= 100'],
  ])('refuses %s with a 400 naming the limit', async (url, parameter, limit) => {
    const { status, body } = await get(url);
    expect(status).toBe(400);
    expect(body.message).toContain(parameter);
    expect(body.message).toContain(limit);
  });

  it('flags partial results: a shard that fails the aggregation sets x-lookout-partial, the rest still answers', async () => {
    const healthy = await get('/api/cloudtrail/top-calls?from=now-1h');
    expect(healthy.status).toBe(200);
    expect(healthy.partial).toBeUndefined();

    // A second index under the board's prefix where eventName is text: Elasticsearch answers
    // 200, but that shard fails the terms aggregation (fielddata disabled) — a real shard failure.
    const broken = `${indices.cloudtrailPrefix}broken`;
    await client.indices.create({
      index: broken,
      mappings: { properties: { '@timestamp': { type: 'date' }, eventName: { type: 'text' } } },
    });
    // One event inside the range: an empty shard (or one without the time field) is skipped by
    // the engine before the aggregation runs, and would not fail at all.
    await client.index({
      index: broken,
      document: { '@timestamp': new Date(Date.now() - 30 * 60_000).toISOString(), eventName: 'RunInstances' },
      refresh: true,
    });
    const partial = await get('/api/cloudtrail/top-calls?from=now-2h');
    expect(partial.status).toBe(200);
    expect(partial.partial).toBe('shard_failures');
    expect(partial.body.buckets).toBeDefined();
    await client.indices.delete({ index: broken });
  });

  describe('with one search slot and one queue place, through a slowed connection', () => {
    let proxy: TcpProxy;
    let limited: FastifyInstance;

    beforeAll(async () => {
      const engine = new URL(testConfig().es.url);
      proxy = await startTcpProxy({ host: engine.hostname, port: Number(engine.port) });
      limited = await testApp({
        ...indices.env,
        ES_URL: proxy.url,
        MAX_CONCURRENT_SEARCHES: '1',
        MAX_QUEUED_SEARCHES: '1',
      });
      await proxy.setMode('delay', 400);
    });

    afterAll(async () => {
      await limited?.close();
      await proxy?.close();
    });

    it('answers the first two searches and refuses the third with 429 naming the limit', async () => {
      // Three different ranges: identical requests would share one search and never queue.
      const answers = await Promise.all(
        ['now-1h', 'now-2h', 'now-3h'].map((from) =>
          limited.inject({ method: 'GET', url: `/api/cloudtrail/summary?from=${from}` }),
        ),
      );
      const statuses = answers.map((answer) => answer.statusCode).sort();
      expect(statuses).toEqual([200, 200, 429]);
      const refused = answers.find((answer) => answer.statusCode === 429)!;
      expect(refused.json()).toMatchObject({
        error: 'Too Many Requests',
        message: expect.stringContaining('concurrent search limit (1) reached'),
      });
    });

    it('shares one slot among identical concurrent requests', async () => {
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          limited.inject({ method: 'GET', url: '/api/cloudtrail/summary?from=now-4h' }),
        ),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200, 200]);
    });
  });
});
