import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { containersBoard } from '../src/boards/containers/board.ts';
import { testApp, uniqueIndex } from './helpers.ts';
import { taskEvents } from './containers-fixtures.ts';

/**
 * Least privilege with one BFF: the boards read with ES_API_KEY, ingestion writes with
 * ES_WRITE_API_KEY. A recording HTTP proxy in front of the test engine (security off, so it
 * ignores the header) shows which key each engine request carried.
 */
interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
}

async function startRecordingProxy(target: URL) {
  const seen: Seen[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    seen.push({
      method: incoming.method ?? '',
      path: incoming.url ?? '',
      authorization: incoming.headers.authorization,
    });
    const forward = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('reader and writer credentials', () => {
  const readerKey = Buffer.from('reader-id:reader-secret').toString('base64');
  const writerKey = Buffer.from('writer-id:writer-secret').toString('base64');
  const eventsIndex = uniqueIndex('test-ecs-credentials');
  const ingestToken = 'ingest-token-for-the-credentials-test';
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let app: FastifyInstance;

  beforeAll(async () => {
    proxy = await startRecordingProxy(new URL(process.env.ES_URL ?? 'http://127.0.0.1:9201'));
    app = await testApp(
      {
        ES_URL: proxy.url,
        ES_API_KEY: readerKey,
        ES_WRITE_API_KEY: writerKey,
        ECS_EVENTS_INDEX: eventsIndex,
        INGEST_TOKEN: ingestToken,
      },
      { boards: [containersBoard] },
    );
  });

  afterAll(async () => {
    await app?.inject({ method: 'GET', url: '/api/health' });
    await app?.esWriter.indices.delete({ index: eventsIndex, ignore_unavailable: true });
    await app?.close();
    await proxy?.close();
  });

  it('board reads carry only the reader key', async () => {
    proxy.seen.length = 0;
    const response = await app.inject({ url: '/api/containers/failures?from=now-1h' });
    expect(response.statusCode, response.body).toBe(200);
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(new Set(proxy.seen.map((entry) => entry.authorization))).toEqual(new Set([`ApiKey ${readerKey}`]));
  });

  it('ingestion writes with the writer key', async () => {
    proxy.seen.length = 0;
    const [event] = taskEvents({
      name: 'credentials',
      service: 'checkout-api',
      createdAtMs: Date.now() - 60_000,
      stoppedAtMs: Date.now(),
      stopCode: 'TaskFailedToStart',
      stoppedReason: 'CannotPullContainerError: not found',
      containers: [{ name: 'app', image: 'checkout-api:9', noRuntime: true }],
    });
    const response = await app.inject({
      method: 'POST',
      url: '/api/ingest/ecs-events',
      headers: { 'x-lookout-ingest-token': ingestToken },
      payload: event,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ indexed: 1 });
    const bulk = proxy.seen.filter((entry) => entry.path.includes('_bulk'));
    expect(bulk.length).toBeGreaterThan(0);
    expect(bulk.every((entry) => entry.authorization === `ApiKey ${writerKey}`)).toBe(true);
  });
});
