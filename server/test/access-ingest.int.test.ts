import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Board } from '../src/core/board.ts';
import { boards } from '../src/app/boards.ts';
import { testApp } from './helpers.ts';

const INGEST_TOKEN = 'ingest-0123456789abcdef0123456789abcdef';
const READ_TOKEN = 'read-0123456789abcdef0123456789abcdef';

/**
 * An ingest endpoint shaped like the real ones (an EventBridge API destination posting JSON),
 * writing to the real Elasticsearch, so the test sees the credential guard a write.
 */
const probeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/events',
    {
      config: { access: 'ingest' },
      bodyLimit: 512 * 1024,
      schema: { body: Type.Object({ id: Type.String(), padding: Type.Optional(Type.String()) }) },
    },
    async (request) => {
      await app.es.index({
        index: 'lookout-access-probe',
        id: request.body.id,
        document: { id: request.body.id },
        refresh: true,
      });
      return { stored: request.body.id };
    },
  );
};
const probeBoard: Board = { name: 'probe', routes: probeRoutes, indexTemplates: () => [] };

async function appWith(env: Record<string, string>): Promise<FastifyInstance> {
  return testApp(env, { boards: [...boards, probeBoard] });
}

function post(app: FastifyInstance, headers: Record<string, string>, id = 'evt-1') {
  return app.inject({ method: 'POST', url: '/api/probe/events', headers, payload: { id } });
}

describe('the ingest credential', () => {
  let open: FastifyInstance;
  let guarded: FastifyInstance;
  beforeAll(async () => {
    open = await appWith({});
    guarded = await appWith({
      ACCESS_MODE: 'token',
      ACCESS_TOKENS: READ_TOKEN,
      INGEST_TOKEN,
      INGEST_TOKEN_HEADER: 'X-Api-Key',
    });
    await guarded.es.indices.delete({ index: 'lookout-access-probe', ignore_unavailable: true });
  });
  afterAll(async () => {
    await guarded.es.indices.delete({ index: 'lookout-access-probe', ignore_unavailable: true });
    await open.close();
    await guarded.close();
  });

  it('disables ingest endpoints when INGEST_TOKEN is not set, even in the open local demo', async () => {
    const response = await post(open, {});
    expect(response.statusCode).toBe(503);
    expect(response.json().message).toBe('ingest disabled: set INGEST_TOKEN');
  });

  it('stores the event when the configured header carries the credential', async () => {
    const response = await post(guarded, { 'x-api-key': INGEST_TOKEN }, 'evt-accepted');
    expect(response.statusCode).toBe(200);
    const stored = await guarded.es.get({ index: 'lookout-access-probe', id: 'evt-accepted' });
    expect(stored.found).toBe(true);
  });

  it('refuses a missing or wrong credential, and writes nothing', async () => {
    const missing = await post(guarded, {}, 'evt-missing');
    expect(missing.statusCode).toBe(401);
    expect(missing.json().message).toBe(
      'missing ingest credential: send INGEST_TOKEN in the x-api-key header',
    );
    const wrong = await post(guarded, { 'x-api-key': `${INGEST_TOKEN}x` }, 'evt-wrong');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toContain('wrong ingest credential');
    const count = await guarded.es.count({ index: 'lookout-access-probe' });
    expect(count.count).toBe(1);
  });

  it('keeps read and ingest credentials apart: a read token does not write, the ingest token does not read', async () => {
    const withReadToken = await post(guarded, { authorization: `Bearer ${READ_TOKEN}` }, 'evt-read');
    expect(withReadToken.statusCode).toBe(401);
    const readWithIngest = await guarded.inject({
      method: 'GET',
      url: '/api/images/tags?prefix=a',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'x-api-key': INGEST_TOKEN },
    });
    expect(readWithIngest.statusCode).toBe(401);
  });

  it('leaves the SNS endpoint to its own signature and topic checks', async () => {
    const response = await guarded.inject({
      method: 'POST',
      url: '/api/ingest/sns',
      headers: { 'content-type': 'text/plain; charset=UTF-8' },
      payload: JSON.stringify({
        Type: 'Notification',
        MessageId: 'm-1',
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:not-allowed',
        Message: '{}',
        Timestamp: '2026-11-26T13:46:42.000Z',
        SignatureVersion: '1',
        Signature: 'AAAA',
        SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/cert.pem',
      }),
    });
    // Not 401/503 from the access layer: the SNS handler itself refuses the unknown topic.
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toContain('not-allowed');
  });
});
