import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { createEsClient } from '../src/es/client.ts';
import { writeDocuments } from '../src/es/bulk-writer.ts';
import { silentProgress } from '../src/core/progress.ts';
import { imagesBoard } from '../src/boards/images/board.ts';
import { imagesIndexTemplate, imagesMappings, MAPPING_VERSION_KEY } from '../src/boards/images/mapping.ts';
import { toImageDocument } from '../src/boards/images/ingest/to-document.ts';
import { reindexImages } from '../src/boards/images/ingest/reindex-images.ts';
import { imagesStoredDataNotes, storedImageIndices } from '../src/boards/images/stored-mapping.ts';
import type { ImageSearchResponse } from '../src/boards/images/schema.ts';
import { handCountedImages, INGESTED_AT, MIN_SCORE } from './images-records.ts';
import { testApp, testConfig, uniqueIndex } from './helpers.ts';

/** The mapping images had before version 2: no `tags_min_*` fields, no version in `_meta`. */
function versionOneMappings() {
  const { _meta: _version, properties, ...rest } = imagesMappings();
  const kept = Object.entries(properties ?? {}).filter(([field]) => !field.startsWith('tags_min_'));
  return { ...rest, properties: Object.fromEntries(kept) };
}

describe('re-indexing images stored under an older mapping, in the real Elasticsearch', () => {
  let client: Client;
  const index = uniqueIndex('lookout-images-reindex');

  const search = async (query: string): Promise<ImageSearchResponse> => {
    // A new app each time: the board re-reads the stored mapping version at most once a minute.
    const app = await testApp(
      { IMAGES_INDEX: index, IMAGES_MIN_SCORE: MIN_SCORE },
      { boards: [imagesBoard] },
    );
    try {
      const response = await app.inject({ method: 'GET', url: `/api/images/search?${query}` });
      expect(response.statusCode).toBe(200);
      return response.json() as ImageSearchResponse;
    } finally {
      await app.close();
    }
  };

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    const { settings } = imagesIndexTemplate(index).body.template ?? {};
    await client.indices.create({ index, settings, mappings: versionOneMappings() });
    // Twelve hand-counted images as version 1 wrote them (without the threshold fields).
    const documents = handCountedImages().flatMap((line) => {
      const result = toImageDocument(line, { index, minScore: Number(MIN_SCORE), now: INGESTED_AT });
      if (!result.ok) return [];
      const kept = Object.entries(result.doc.document).filter(([field]) => !field.startsWith('tags_min_'));
      return [{ ...result.doc, document: Object.fromEntries(kept) }];
    });
    const written = await writeDocuments(client, documents, { operation: 'index', refresh: true });
    expect(written.indexed).toBe(12);
  });

  afterAll(async () => {
    await client.indices.delete({ index, ignore_unavailable: true });
    await client.close();
  });

  it('says in setup which index needs a reindex, answers exactly meanwhile, and gives the same answers after', async () => {
    expect(await storedImageIndices(client, index)).toEqual([{ index, version: 1 }]);
    const notes = await imagesStoredDataNotes(client, { images: { index } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`${index}: images stored with image mapping 1, current is 2`);
    expect(notes[0]).toContain('images reindex');

    // Before: 0.9 has no flat field in these images, so the nested tags answer it.
    const before = await search('tags=bed&minScore=0.9');
    expect(before.hits.map((hit) => hit.imageId)).toEqual(['img-01', 'img-11']);
    const beforeAll = await search('minScore=0.9');

    const report = await reindexImages(client, {
      index,
      minScore: Number(MIN_SCORE),
      progress: silentProgress,
    });
    expect(report).toEqual({ indices: [{ index, fromVersion: 1, images: 12 }], rejected: [] });

    expect(await storedImageIndices(client, index)).toEqual([{ index, version: 2 }]);
    expect(await imagesStoredDataNotes(client, { images: { index } })).toEqual([]);
    const mapping = await client.indices.getMapping({ index });
    expect(mapping[index]?.mappings._meta?.[MAPPING_VERSION_KEY]).toBe(2);

    // The flat field now holds each image's tags at 0.9: bed in img-01 (0.95) and img-11 (0.91).
    const flat = await client.search({ index, query: { term: { tags_min_90: 'bed' } }, sort: ['imageId'] });
    expect(flat.hits.hits.map((hit) => hit._id)).toEqual(['img-01', 'img-11']);
    // Rewritten in place: still twelve images, each with its ingest time.
    expect((await client.count({ index })).count).toBe(12);
    const stored = await client.get<{ ingestedAt: string }>({ index, id: 'img-07' });
    expect(stored._source?.ingestedAt).toBe(INGESTED_AT.toISOString());

    expect(await search('tags=bed&minScore=0.9')).toEqual(before);
    expect(await search('minScore=0.9')).toEqual(beforeAll);
  });

  it('has nothing to do the second time', async () => {
    const report = await reindexImages(client, {
      index,
      minScore: Number(MIN_SCORE),
      progress: silentProgress,
    });
    expect(report).toEqual({ indices: [], rejected: [] });
  });
});
