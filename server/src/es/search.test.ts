import { describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { fakeEngine } from '../../test/fake-engine.ts';
import { createSearcher } from './search.ts';

const LIMITS = {
  searchTimeoutMs: 10_000,
  maxConcurrentSearches: 2,
  maxQueuedSearches: 1,
  exportMaxRows: 100_000,
};

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the board searcher', () => {
  it('sends the engine-side timeout with every search, unless the request sets its own', async () => {
    const engine = fakeEngine();
    const search = createSearcher(engine.client, LIMITS);
    const done = Promise.all([search({ index: 'a' }), search({ index: 'b', timeout: '1s' })]);
    await tick();
    engine.answerAll();
    await done;
    expect(engine.requests).toEqual([
      { index: 'a', timeout: '10000ms' },
      { index: 'b', timeout: '1s' },
    ]);
  });

  it('runs 2 searches at once, queues 1 and refuses the next with a message naming the limit', async () => {
    const engine = fakeEngine();
    const search = createSearcher(engine.client, LIMITS);
    const running = [search({ index: '1' }), search({ index: '2' })];
    const queued = search({ index: '3' });
    await expect(search({ index: '4' })).rejects.toMatchObject({
      statusCode: 429,
      message: expect.stringContaining('concurrent search limit (2) reached'),
    });
    await tick();
    expect(engine.requests).toHaveLength(2);
    engine.answerAll();
    await Promise.all(running);
    await tick();
    // The queued search got the freed slot.
    expect(engine.requests).toHaveLength(3);
    engine.answerAll();
    await queued;
  });

  it('sends identical concurrent searches once, in one slot', async () => {
    const engine = fakeEngine();
    const search = createSearcher(engine.client, {
      ...LIMITS,
      maxConcurrentSearches: 1,
      maxQueuedSearches: 0,
    });
    const answers = Promise.all(Array.from({ length: 5 }, () => search({ index: 'same' })));
    await tick();
    engine.answerAll();
    expect(await answers).toHaveLength(5);
    expect(engine.requests).toHaveLength(1);
  });

  it('frees the slot when a search fails', async () => {
    const failing = {
      search: () => Promise.reject(new Error('engine down')),
    } as unknown as Client;
    const search = createSearcher(failing, { ...LIMITS, maxConcurrentSearches: 1, maxQueuedSearches: 0 });
    await expect(search({ index: 'a' })).rejects.toThrow('engine down');
    await expect(search({ index: 'b' })).rejects.toThrow('engine down');
  });
});
