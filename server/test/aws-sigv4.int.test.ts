import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { containersBoard } from '../src/boards/containers/board.ts';
import { createSigV4Signer, signableRequest } from '../src/es/aws-sigv4.ts';
import { createEsClient } from '../src/es/client.ts';
import { testApp, testConfig, uniqueIndex } from './helpers.ts';
import { taskArn, taskEvents } from './containers-fixtures.ts';
import { startSigV4Proxy, type SigV4Proxy } from './sigv4-proxy.ts';

/**
 * Lookout with ES_AWS_SIGV4=true in front of a verifying proxy that plays Amazon OpenSearch
 * Service: credentials come from the standard chain (here its first link, the environment, as
 * temporary credentials with a session token), every engine request must carry a valid signature,
 * and a request changed after signing never reaches the engine.
 */
const credentials = {
  accessKeyId: 'AKIDLOOKOUTTEST',
  secretAccessKey: 'lookout/sigv4+test/secret',
  sessionToken: 'FwoGZXIvYXdzELOOKOUTTESTSESSIONTOKEN',
};
const region = 'eu-west-1';

describe('Amazon OpenSearch Service: SigV4-signed requests through a verifying proxy', () => {
  const eventsIndex = uniqueIndex('test-ecs-sigv4');
  const ingestToken = 'ingest-token-for-the-sigv4-test';
  // The engine itself, unsigned: through the seam's client, so OpenSearch answers it too.
  const engine = createEsClient(testConfig().es);
  const savedEnv = { ...process.env };
  let proxy: SigV4Proxy;
  let app: FastifyInstance;

  beforeAll(async () => {
    for (const name of ['AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'])
      delete process.env[name];
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
    });
    proxy = await startSigV4Proxy(new URL(process.env.ES_URL ?? 'http://127.0.0.1:9201'), {
      credentials,
      region,
      service: 'es',
    });
    app = await testApp(
      {
        ES_URL: proxy.url,
        ES_AWS_SIGV4: 'true',
        AWS_REGION: region,
        ECS_EVENTS_INDEX: eventsIndex,
        INGEST_TOKEN: ingestToken,
      },
      { boards: [containersBoard] },
    );
  });

  afterAll(async () => {
    await engine.indices.delete({ index: eventsIndex, ignore_unavailable: true });
    await engine.close();
    await app?.close();
    await proxy?.close();
    process.env = savedEnv;
  });

  const failedTask = (name: string) =>
    taskEvents({
      name,
      service: 'checkout-api',
      createdAtMs: Date.now() - 60_000,
      stoppedAtMs: Date.now() - 30_000,
      stopCode: 'TaskFailedToStart',
      stoppedReason: 'CannotPullContainerError: not found',
      containers: [{ name: 'app', image: 'checkout-api:9', noRuntime: true }],
    })[0]!;

  const ingest = (event: object) =>
    app.inject({
      method: 'POST',
      url: '/api/ingest/ecs-events',
      headers: { 'x-lookout-ingest-token': ingestToken },
      payload: event,
    });

  it('ingests through `_bulk` and serves the board, every engine request signed and verified', async () => {
    proxy.seen.length = 0;
    const ingested = await ingest(failedTask('sigv4-signed'));
    expect(ingested.statusCode, ingested.body).toBe(200);
    expect(ingested.json()).toMatchObject({ indexed: 1 });
    await engine.indices.refresh({ index: eventsIndex });

    const board = await app.inject({ url: '/api/containers/failures?from=now-1h' });
    expect(board.statusCode, board.body).toBe(200);
    expect(board.json().failures.map((failure: { service: string }) => failure.service)).toEqual([
      'checkout-api',
    ]);

    const bulk = proxy.seen.filter((request) => request.target.includes('/_bulk'));
    const searches = proxy.seen.filter((request) => request.target.includes('/_search'));
    expect(bulk.length).toBeGreaterThanOrEqual(1);
    expect(searches.length).toBeGreaterThanOrEqual(1);
    expect(proxy.seen.filter((request) => !request.ok)).toEqual([]);
    console.info(
      `sigv4 proxy: ${proxy.seen.length} requests verified (${bulk.length} _bulk, ${searches.length} _search), 0 rejected`,
    );
  });

  it('answers 403 to a client that does not sign, and to a signature older than five minutes', async () => {
    const before = proxy.forwarded;
    const unsigned = new Client({ node: proxy.url });
    await expect(unsigned.cluster.health()).rejects.toMatchObject({ statusCode: 403 });
    await unsigned.close();
    expect(proxy.seen.at(-1)).toMatchObject({ ok: false, reason: expect.stringContaining('unsigned') });

    const staleSigner = createSigV4Signer({
      region,
      service: 'es',
      credentials: async () => credentials,
      now: () => new Date(Date.now() - 6 * 60_000),
    });
    const url = new URL(proxy.url);
    const headers = await staleSigner(
      signableRequest(url, {}, { method: 'GET', path: '/_cluster/health' }, undefined),
    );
    const stale = await fetch(`${proxy.url}/_cluster/health`, { headers });
    expect(stale.status).toBe(403);
    expect(await stale.json()).toMatchObject({ message: expect.stringContaining('stale') });
    expect(proxy.forwarded).toBe(before);
  });

  it.each(['tamper-body', 'tamper-path', 'tamper-query'] as const)(
    '%s: a request changed after signing is refused and the engine never sees it',
    async (mode) => {
      const event = failedTask(`sigv4-${mode}`);
      const before = proxy.forwarded;
      const rejectedBefore = proxy.seen.filter((request) => !request.ok).length;
      proxy.setMode(mode);
      try {
        const response = await ingest(event);
        // The engine's 403 is a refusal the BFF reports as 502, the reason in its log.
        expect(response.statusCode, response.body).toBe(502);
      } finally {
        proxy.setMode('verify');
      }
      expect(proxy.forwarded).toBe(before);
      const rejected = proxy.seen.filter((request) => !request.ok).slice(rejectedBefore);
      expect(rejected.length).toBeGreaterThanOrEqual(1);
      expect(
        rejected.every((request) => request.reason === 'signature does not match the request received'),
      ).toBe(true);
      // Asked directly: the event that was refused is not in the engine.
      await engine.indices.refresh({ index: eventsIndex });
      const found = await engine.count({
        index: eventsIndex,
        query: { term: { 'lookout.taskArn': taskArn({ name: `sigv4-${mode}` }) } },
      });
      expect(found.count).toBe(0);
    },
  );
});
