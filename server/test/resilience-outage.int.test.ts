import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';
import { BOARD_ENDPOINTS, createResilienceIndices, type ResilienceIndices } from './resilience-indices.ts';
import { testApp, testConfig } from './helpers.ts';

/** The promise: an engine outage answers within 2 s, whatever the endpoint. */
const OUTAGE_ANSWER_MS = 2_000;

interface Answer {
  url: string;
  status: number;
  ms: number;
  message?: string;
}

describe('an Elasticsearch outage, through a proxy that cuts, resets and slows the connection', () => {
  let client: Client;
  let proxy: TcpProxy;
  let indices: ResilienceIndices;
  let app: FastifyInstance;

  const ask = async (url: string): Promise<Answer> => {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url });
    const ms = performance.now() - started;
    const message = String(response.headers['content-type']).includes('json')
      ? (response.json() as { message?: string }).message
      : undefined;
    return { url, status: response.statusCode, ms, message };
  };
  const askAll = async () => {
    const answers: Answer[] = [];
    // One at a time, so each measured time is that endpoint's own.
    for (const url of BOARD_ENDPOINTS) answers.push(await ask(url));
    return answers;
  };
  const health = async () =>
    (await app.inject({ method: 'GET', url: '/api/health' })).json() as {
      status: string;
      elasticsearch: { reachable: boolean };
    };
  const expectHealthy = async () => {
    for (const answer of await askAll()) {
      expect([200, 404], `${answer.url} → ${answer.status} ${answer.message ?? ''}`).toContain(answer.status);
    }
    expect(await health()).toMatchObject({ status: 'ok', elasticsearch: { reachable: true } });
  };

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    indices = await createResilienceIndices(client, 'resilience-outage');
    const engine = new URL(testConfig().es.url);
    proxy = await startTcpProxy({ host: engine.hostname, port: Number(engine.port) });
    // Production settings but shorter timeouts, so the slow-engine case takes seconds, not 30 s.
    app = await testApp({
      ...indices.env,
      ES_URL: proxy.url,
      ES_REQUEST_TIMEOUT_MS: '1500',
      ES_SEARCH_TIMEOUT_MS: '1000',
    });
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await indices?.remove();
    await client?.close();
  });

  it('answers every board endpoint through the proxy while the engine is up', async () => {
    await expectHealthy();
    expect(proxy.connections).toBeGreaterThan(0);
  });

  it.each([
    ['refused', 'refuse'],
    ['reset', 'reset'],
  ] as const)(
    'answers 503 "unreachable" on every endpoint within 2 s when connections are %s, and health says so',
    async (_label, mode) => {
      await proxy.setMode(mode);
      const answers = await askAll();
      for (const answer of answers) {
        expect(answer.status, answer.url).toBe(503);
        expect(answer.message, answer.url).toBe('Elasticsearch is unreachable');
        expect(answer.ms, `${answer.url} took ${Math.round(answer.ms)} ms`).toBeLessThan(OUTAGE_ANSWER_MS);
      }
      console.info(
        `${mode}: slowest 503 after ${Math.round(Math.max(...answers.map((answer) => answer.ms)))} ms`,
      );
      expect(await health()).toMatchObject({ status: 'degraded', elasticsearch: { reachable: false } });

      // Back: the same app instance serves again, without a restart.
      await proxy.setMode('forward');
      const recovering = performance.now();
      await expectHealthy();
      console.info(`${mode}: recovered in ${Math.round(performance.now() - recovering)} ms`);
    },
  );

  it('answers 504 "did not answer in time" when the engine is slower than ES_REQUEST_TIMEOUT_MS, then recovers', async () => {
    await proxy.setMode('delay', 3_000);
    const answer = await ask('/api/cloudtrail/summary?from=now-1h');
    expect(answer.status).toBe(504);
    expect(answer.message).toBe('Elasticsearch did not answer in time');
    // The client's 1.5 s limit, not the proxy's 3 s delay, decides when the user hears back.
    expect(answer.ms).toBeGreaterThanOrEqual(1_400);
    expect(answer.ms).toBeLessThan(2_900);
    await proxy.setMode('forward');
    await expectHealthy();
  });
});
