import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { defineBoard, defineEndpoint, type Search } from '../core/board.ts';
import { PartialField } from '../core/schema-pieces.ts';
import { registerErrorHandler } from './error-handler.ts';
import { mountBoard } from './mount-board.ts';

/** A board with one counting endpoint and one lookup, over a search that answers what the test says. */
async function appWith(answer: { timed_out?: boolean; failedShards?: number; hits?: number }) {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  const search: Search = async () =>
    ({
      took: 1,
      timed_out: answer.timed_out ?? false,
      _shards: { total: 2, successful: 2 - (answer.failedShards ?? 0), failed: answer.failedShards ?? 0 },
      hits: {
        hits: Array.from({ length: answer.hits ?? 0 }, (_, n) => ({ _index: 'probe', _id: String(n) })),
      },
    }) as never;
  app.decorate('esSearch', search as never);
  app.decorate('config', {} as never);
  app.decorate('es', {} as never);
  app.decorate('esWriter', {} as never);
  registerErrorHandler(app);
  const board = defineBoard({
    name: 'probe',
    indexTemplates: () => [],
    endpoints: [
      defineEndpoint({
        url: '/count',
        summary: 'How many hits',
        response: Type.Object({ ...PartialField, count: Type.Integer() }),
        answer: async (_request, context) => ({
          count: (await context.search({ index: 'probe' })).hits.hits.length,
        }),
      }),
      defineEndpoint({
        url: '/things/:id',
        summary: 'One thing',
        params: Type.Object({ id: Type.String() }),
        response: Type.Object({ ...PartialField, id: Type.String() }),
        answer: async ({ params }, context) =>
          (await context.search({ index: 'probe' })).hits.hits.length > 0 ? { id: params.id } : null,
        notFound: ({ id }) => `no thing with id ${id}`,
      }),
    ],
  });
  await mountBoard(app, board);
  await app.ready();
  return app;
}

describe('a board endpoint mounted from the table', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => app?.close());

  it('answers under /api/<board> without `partial` when every search was complete', async () => {
    app = await appWith({ hits: 3 });
    const response = await app.inject('/api/probe/count');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ count: 3 });
    expect(response.headers['x-lookout-partial']).toBeUndefined();
  });

  it('marks an answer from a timed-out search: the typed field and the header', async () => {
    app = await appWith({ hits: 1, timed_out: true });
    const response = await app.inject('/api/probe/count');
    expect(response.json()).toEqual({ count: 1, partial: 'timed_out' });
    expect(response.headers['x-lookout-partial']).toBe('timed_out');
  });

  it('names both reasons in the header, and the time-out in the field', async () => {
    app = await appWith({ hits: 1, timed_out: true, failedShards: 1 });
    const response = await app.inject('/api/probe/count');
    expect(response.json()).toEqual({ count: 1, partial: 'timed_out' });
    expect(response.headers['x-lookout-partial']).toBe('shard_failures,timed_out');
  });

  it('answers 404 with the endpoint’s own message when the lookup finds nothing', async () => {
    app = await appWith({ hits: 0 });
    const response = await app.inject('/api/probe/things/abc');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'no thing with id abc' });
  });
});
