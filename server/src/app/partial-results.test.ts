import { describe, expect, it } from 'vitest';
import { createSearcher } from '../es/search.ts';
import { fakeEngine } from '../../test/fake-engine.ts';
import { notingPartial } from './partial-results.ts';

const LIMITS = {
  searchTimeoutMs: 10_000,
  maxConcurrentSearches: 2,
  maxQueuedSearches: 1,
  exportMaxRows: 100_000,
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('partial results of one request', () => {
  it('flags a timed-out search on the request that made it, and on no other', async () => {
    const engine = fakeEngine({ timed_out: true });
    const flagged = notingPartial(createSearcher(engine.client, LIMITS));
    const done = flagged.search({ index: 'a' });
    await tick();
    engine.answerAll();
    await done;
    expect([...flagged.reasons]).toEqual(['timed_out']);

    const healthy = fakeEngine();
    const other = notingPartial(createSearcher(healthy.client, LIMITS));
    const answered = other.search({ index: 'a' });
    await tick();
    healthy.answerAll();
    await answered;
    expect(other.reasons.size).toBe(0);
  });

  it('flags shard failures', async () => {
    const engine = fakeEngine({ _shards: { total: 2, successful: 1, failed: 1 } });
    const flagged = notingPartial(createSearcher(engine.client, LIMITS));
    const done = flagged.search({ index: 'a' });
    await tick();
    engine.answerAll();
    await done;
    expect([...flagged.reasons]).toEqual(['shard_failures']);
  });
});
