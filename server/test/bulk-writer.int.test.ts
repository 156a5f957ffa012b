import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { createEsClient } from '../src/es/client.ts';
import { writeDocuments, type BulkDocument } from '../src/es/bulk-writer.ts';
import { testConfig, uniqueIndex } from './helpers.ts';

describe('bulk writer against the real Elasticsearch', () => {
  let client: Client;
  const index = uniqueIndex('bulk-writer');

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    await client.indices.create({
      index,
      settings: { number_of_replicas: 0 },
      mappings: { properties: { count: { type: 'integer' }, name: { type: 'keyword' } } },
    });
  });
  afterAll(async () => {
    await client.indices.delete({ index, ignore_unavailable: true });
    await client.close();
  });

  const docs = (ids: string[]): BulkDocument[] =>
    ids.map((id, n) => ({ index, id, document: { name: `doc ${id}`, count: n } }));

  it('indexes documents once and reports a second run as already present', async () => {
    const first = await writeDocuments(client, docs(['a', 'b', 'c']), { refresh: true });
    expect(first).toEqual({ indexed: 3, alreadyPresent: 0, rejected: [] });

    const second = await writeDocuments(client, docs(['a', 'b', 'c']), { refresh: true });
    expect(second).toEqual({ indexed: 0, alreadyPresent: 3, rejected: [] });

    const { count } = await client.count({ index });
    expect(count).toBe(3);
  });

  it('reports a malformed document by id with the reason and stores the rest', async () => {
    const batch: BulkDocument[] = [
      { index, id: 'good-1', document: { name: 'fine', count: 1 } },
      { index, id: 'bad-1', document: { name: 'broken', count: 'not a number' } },
      { index, id: 'good-2', document: { name: 'fine too', count: 2 } },
    ];
    const result = await writeDocuments(client, batch, { refresh: true });
    expect(result.indexed).toBe(2);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ id: 'bad-1', index, status: 400 });
    expect(result.rejected[0]!.reason).toMatch(/mapper_parsing_exception|document_parsing_exception/);
    expect(result.rejected[0]!.reason).toContain('count');

    const stored = await client.mget({ index, ids: ['good-1', 'bad-1', 'good-2'] });
    expect(stored.docs.map((doc) => 'found' in doc && doc.found)).toEqual([true, false, true]);
  });

  it('replaces documents with the index operation', async () => {
    await writeDocuments(client, [{ index, id: 'a', document: { name: 'renamed', count: 9 } }], {
      operation: 'index',
      refresh: true,
    });
    const doc = await client.get<{ name: string }>({ index, id: 'a' });
    expect(doc._source?.name).toBe('renamed');
  });

  it('takes an async iterable and reports progress', async () => {
    const seen: number[] = [];
    async function* many() {
      for (let n = 0; n < 1_000; n++) yield { index, id: `many-${n}`, document: { name: 'many', count: n } };
    }
    const result = await writeDocuments(client, many(), {
      refresh: true,
      flushBytes: 10_000,
      onProgress: (n) => seen.push(n),
    });
    expect(result.indexed).toBe(1_000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(1_000);
  });
});
