import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { createEsClient } from '../src/es/client.ts';
import { createIngestBatcher } from '../src/es/ingest-batcher.ts';
import { testConfig, uniqueIndex } from './helpers.ts';

describe('ingest batcher against the real engine', () => {
  const index = uniqueIndex('test-ingest-batcher');
  let client: Client;
  let bulkRequests = 0;

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    await client.indices.create({ index, mappings: { properties: { n: { type: 'integer' } } } });
    // Counts the _bulk requests the batcher sends (the engine itself is real).
    const bulk = client.bulk.bind(client);
    client.bulk = ((...args: Parameters<typeof bulk>) => {
      bulkRequests += 1;
      return bulk(...args);
    }) as typeof client.bulk;
  });

  afterAll(async () => {
    await client?.indices.delete({ index, ignore_unavailable: true });
    await client?.close();
  });

  it('stores 50 concurrent documents in a few _bulk requests, each caller told its outcome', async () => {
    bulkRequests = 0;
    const batcher = createIngestBatcher(client, { lingerMs: 20 });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, n) => batcher.write({ index, id: `doc-${n}`, document: { n } })),
    );
    expect(outcomes.every((written) => written.outcome === 'stored')).toBe(true);
    expect(bulkRequests).toBeLessThanOrEqual(2);
    await client.indices.refresh({ index });
    expect((await client.count({ index })).count).toBe(50);
  });

  it('a replay is already present, a bad document is rejected with a clean reason, the rest stored', async () => {
    const logged: string[] = [];
    const batcher = createIngestBatcher(client, {
      lingerMs: 20,
      onEngineRejection: (detail) => logged.push(detail.engineReason),
    });
    const [replay, bad, good, twinA, twinB] = await Promise.all([
      batcher.write({ index, id: 'doc-1', document: { n: 1 } }),
      batcher.write({ index, id: 'bad', document: { n: 'not a number' } }),
      batcher.write({ index, id: 'good', document: { n: 7 } }),
      batcher.write({ index, id: 'twin', document: { n: 8 } }),
      batcher.write({ index, id: 'twin', document: { n: 8 } }),
    ]);
    expect(replay).toEqual({ outcome: 'already_present' });
    expect(bad).toMatchObject({
      outcome: 'rejected',
      status: 400,
      reason: 'field n has a value its mapping does not accept',
    });
    // The engine's own words go to the log, never to the caller.
    expect(logged.join()).toContain('failed to parse field [n]');
    expect(good).toEqual({ outcome: 'stored' });
    expect([twinA, twinB].map((written) => written.outcome).sort()).toEqual(['already_present', 'stored']);
  });

  it('a poison document (too deep to serialise, an id over 512 bytes) is refused alone, its batch stored', async () => {
    const deep: unknown[] = [];
    let inner = deep;
    for (let level = 0; level < 20_000; level += 1) inner = inner[inner.push([]) - 1] as unknown[];
    const batcher = createIngestBatcher(client, { lingerMs: 20 });
    const [tooDeep, longId, ...valid] = await Promise.all([
      batcher.write({ index, id: 'deep', document: { n: 1, deep } }),
      batcher.write({ index, id: 'x'.repeat(2_000), document: { n: 2 } }),
      ...Array.from({ length: 30 }, (_, n) => batcher.write({ index, id: `mate-${n}`, document: { n } })),
    ]);
    expect(tooDeep).toEqual({
      outcome: 'rejected',
      status: 400,
      reason: 'the event cannot be serialised (nested too deep)',
    });
    expect(longId).toEqual({
      outcome: 'rejected',
      status: 400,
      reason: "id longer than 512 bytes (the engine's limit)",
    });
    expect(valid.every((written) => written.outcome === 'stored')).toBe(true);
  });

  it('an unreachable engine fails every caller of the batch (their producers retry)', async () => {
    const down = createEsClient({ ...testConfig().es, url: 'http://127.0.0.1:9' });
    const batcher = createIngestBatcher(down);
    const results = await Promise.allSettled([
      batcher.write({ index, id: 'x', document: { n: 1 } }),
      batcher.write({ index, id: 'y', document: { n: 2 } }),
    ]);
    await down.close();
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
