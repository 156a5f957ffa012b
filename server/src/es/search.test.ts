import { describe, expect, it } from 'vitest';
import type { Client, estypes } from '@elastic/elasticsearch';
import { createSearcher, withSearchOutcome, type SearchOutcome } from './search.ts';

const LIMITS = { searchTimeoutMs: 10_000, maxConcurrentSearches: 2, maxQueuedSearches: 1 };

/** A stand-in for the client's `search`: records requests, answers when the test says so. */
function fakeEngine(answer: Partial<estypes.SearchResponse> = {}) {
  const requests: estypes.SearchRequest[] = [];
  const pending: Array<() => void> = [];
  const client = {
    search: (request: estypes.SearchRequest) => {
      requests.push(request);
      return new Promise((resolve) =>
        pending.push(() =>
          resolve({
            took: 1,
            timed_out: false,
            _shards: { total: 1, successful: 1, failed: 0 },
            hits: { hits: [] },
            ...answer,
          }),
        ),
      );
    },
  } as unknown as Client;
  const answerAll = () => {
    for (const resolve of pending.splice(0)) resolve();
  };
  return { client, requests, answerAll };
}

const outcome = (): SearchOutcome => ({ partial: new Set() });
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

  it('flags a timed-out search on the request that made it, and on no other', async () => {
    const engine = fakeEngine({ timed_out: true });
    const search = createSearcher(engine.client, LIMITS);
    const flagged = outcome();
    const done = withSearchOutcome(flagged, () => search({ index: 'a' }));
    await tick();
    engine.answerAll();
    await done;
    expect([...flagged.partial]).toEqual(['timed_out']);

    const healthy = fakeEngine();
    const other = outcome();
    const answered = withSearchOutcome(other, () => createSearcher(healthy.client, LIMITS)({ index: 'a' }));
    await tick();
    healthy.answerAll();
    await answered;
    expect(other.partial.size).toBe(0);
  });

  it('flags shard failures', async () => {
    const engine = fakeEngine({ _shards: { total: 2, successful: 1, failed: 1 } });
    const flagged = outcome();
    const done = withSearchOutcome(flagged, () => createSearcher(engine.client, LIMITS)({ index: 'a' }));
    await tick();
    engine.answerAll();
    await done;
    expect([...flagged.partial]).toEqual(['shard_failures']);
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
