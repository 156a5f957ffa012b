import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { silentProgress } from '../src/core/progress.ts';
import { imagesIndexTemplate } from '../src/boards/images/mapping.ts';
import { imagesBoard } from '../src/boards/images/board.ts';
import { ingestImages } from '../src/boards/images/ingest/ingest-images.ts';
import { GOLDEN_CASES, GOLDEN_CONTEXT } from '../src/boards/images/__fixtures__/cases.ts';
import {
  BOXES,
  INGESTED_AT,
  LISBON,
  MIN_SCORE,
  OPERA_HOUSE,
  handCountedImages,
  writeNdjson,
} from './images-records.ts';
import { checkLiveGolden } from './golden-harness.ts';
import { testApp, testConfig, uniqueIndex } from './helpers.ts';
import type { ImageSearchResponse } from '../src/boards/images/schema.ts';

const fixturesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../src/boards/images/__fixtures__',
);

type Facets = ImageSearchResponse['facets'];
const tagCounts = (facets: Facets) => Object.fromEntries(facets.tags.map((tag) => [tag.tag, tag.count]));
const orientationCounts = (facets: Facets) =>
  Object.fromEntries(facets.orientation.map((entry) => [entry.orientation, entry.count]));
const ids = (body: ImageSearchResponse) => body.hits.map((hit) => hit.imageId);

describe('image endpoints over hand-counted images in the real Elasticsearch', () => {
  let client: Client;
  let app: FastifyInstance;
  let dir: string;
  // Unique per run; templates under their own names, so the app's `lookout-images` is untouched.
  const index = uniqueIndex('lookout-images-test');
  const ingestIndex = uniqueIndex('lookout-images-test-ingest');
  const templates = [index, ingestIndex].map((name) => ({
    name: `lookout-images-${name}`,
    body: imagesIndexTemplate(name).body,
  }));
  const ingestOptions = (target: string) => ({
    index: target,
    minScore: Number(MIN_SCORE),
    progress: silentProgress,
    refresh: true,
    now: INGESTED_AT,
  });

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/images${url}` });
    const isJson = String(response.headers['content-type']).startsWith('application/json');
    return {
      status: response.statusCode,
      body: isJson ? response.json() : undefined,
      headers: response.headers,
      text: response.body,
    };
  };
  const search = async (query = ''): Promise<ImageSearchResponse> => {
    const response = await get(`/search${query ? `?${query}` : ''}`);
    expect(response.status).toBe(200);
    return response.body as ImageSearchResponse;
  };

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    await installIndexTemplates(client, templates);
    dir = await mkdtemp(path.join(tmpdir(), 'lookout-images-api-'));
    const file = await writeNdjson(path.join(dir, 'hotels.ndjson'), handCountedImages());
    const report = await ingestImages(client, [file], ingestOptions(index));
    expect(report).toEqual({ files: 1, lines: 12, indexed: 12, visionErrors: 1, rejected: [] });
    app = await testApp({ IMAGES_INDEX: index, IMAGES_MIN_SCORE: MIN_SCORE }, { boards: [imagesBoard] });
  });

  afterAll(async () => {
    await app?.close();
    await client.indices.delete({ index: [index, ingestIndex], ignore_unavailable: true });
    for (const template of templates) await client.indices.deleteIndexTemplate({ name: template.name });
    await rm(dir, { recursive: true, force: true });
    await client.close();
  });

  describe('tags and facets', () => {
    it('counts every image and each tag at or above the minimum score of 0.6', async () => {
      const body = await search();
      expect(body.total).toBe(12);
      expect(body.minScore).toBe(0.6);
      expect(body.facets.tags).toEqual([
        { tag: 'bed', count: 5, selected: false },
        { tag: 'room', count: 4, selected: false },
        { tag: 'swimming pool', count: 3, selected: false },
        { tag: 'beach', count: 2, selected: false },
        { tag: 'property', count: 2, selected: false },
        { tag: 'sky', count: 2, selected: false },
        { tag: 'water', count: 2, selected: false },
        { tag: 'bathroom', count: 1, selected: false },
        { tag: 'building', count: 1, selected: false },
        { tag: 'lobby', count: 1, selected: false },
      ]);
      expect(body.newestIngestedAt).toBe(INGESTED_AT.toISOString());
    });

    it('finds images with any of the tags, or with all of them', async () => {
      const any = await search('tags=bed&tags=swimming%20pool');
      expect(any.total).toBe(7);
      expect(ids(any)).toEqual(['img-01', 'img-02', 'img-03', 'img-05', 'img-09', 'img-11', 'img-12']);
      const all = await search('tags=bed&tags=swimming%20pool&tagMode=all');
      expect(all.total).toBe(1);
      expect(ids(all)).toEqual(['img-11']);
    });

    it('keeps the other tags and their counts when a tag is selected (multi-select)', async () => {
      const everything = await search();
      const bed = await search('tags=Bed');
      expect(bed.total).toBe(5);
      expect(tagCounts(bed.facets)).toEqual(tagCounts(everything.facets));
      expect(bed.facets.tags.filter((tag) => tag.selected).map((tag) => tag.tag)).toEqual(['bed']);
      // The other facets count within the 5 bed images.
      expect(orientationCounts(bed.facets)).toEqual({ landscape: 2, portrait: 1, square: 2 });
      expect(bed.facets.labels).toEqual([
        { label: 'guestroom', count: 4, selected: false },
        { label: 'hero', count: 1, selected: false },
      ]);
    });

    it('counts tags among landscape images and orientations among bed images when both are selected', async () => {
      const body = await search('tags=bed&orientation=landscape');
      expect(ids(body)).toEqual(['img-01', 'img-11']);
      expect(tagCounts(body.facets)).toEqual({
        'swimming pool': 3,
        room: 3,
        bed: 2,
        beach: 2,
        sky: 2,
        water: 2,
        bathroom: 1,
        building: 1,
      });
      expect(body.facets.orientation).toEqual([
        { orientation: 'landscape', count: 2, selected: true },
        { orientation: 'portrait', count: 1, selected: false },
        { orientation: 'square', count: 2, selected: false },
      ]);
    });

    it('with tagMode=all, counts how many images would remain with one more tag', async () => {
      const body = await search('tags=bed&tagMode=all');
      expect(tagCounts(body.facets)).toEqual({ bed: 5, room: 3, property: 1, 'swimming pool': 1 });
    });

    it('applies a score threshold per tag, overriding the default', async () => {
      expect(ids(await search('tags=bed&minScore=0.9'))).toEqual(['img-01', 'img-11']);
      const low = await search('tags=room&minScore=0.5');
      expect(low.total).toBe(6);
      expect(low.minScore).toBe(0.5);
      expect(tagCounts(low.facets)).toMatchObject({ room: 6, property: 3, bed: 5 });
      // img-09's bed scores 0.4: below 0.5 its swimming pool does not lend it a bed.
      expect(ids(await search('tags=bed&minScore=0.5'))).not.toContain('img-09');
      expect((await search('tags=room')).total).toBe(4);
    });

    it('lists a selected tag even when nothing carries it', async () => {
      const body = await search('tags=sauna');
      expect(body.total).toBe(0);
      expect(body.facets.tags.at(-1)).toEqual({ tag: 'sauna', count: 0, selected: true });
    });

    it('filters by producer label in any case, and by hotel', async () => {
      expect(ids(await search('labels=HERO'))).toEqual(['img-05']);
      const paris = await search('hotel=htl-paris');
      expect(paris.total).toBe(4);
      expect(paris.facets.hotels).toEqual([
        { hotelId: 'htl-lisbon', hotelName: 'Harbour Inn', count: 4, selected: false },
        { hotelId: 'htl-paris', hotelName: 'Park Hotel', count: 4, selected: true },
        { hotelId: 'htl-sydney', hotelName: 'Bay Resort', count: 4, selected: false },
      ]);
    });
  });

  describe('sizes and orientation', () => {
    it('counts widths and heights in common size classes', async () => {
      const body = await search();
      expect(body.facets.width).toEqual([
        { from: 0, to: 640, count: 0 },
        { from: 640, to: 1080, count: 2 },
        { from: 1080, to: 1920, count: 2 },
        { from: 1920, to: 2560, count: 3 },
        { from: 2560, to: 3840, count: 1 },
        { from: 3840, to: null, count: 4 },
      ]);
      expect(body.facets.height.map((bucket) => bucket.count)).toEqual([2, 0, 3, 2, 3, 2]);
      expect(orientationCounts(body.facets)).toEqual({ landscape: 8, portrait: 2, square: 2 });
    });

    it('selects large enough images and keeps the width facet whole', async () => {
      const wide = await search('minWidth=1920');
      expect(wide.total).toBe(8);
      expect(wide.facets.width.map((bucket) => bucket.count)).toEqual([0, 2, 2, 3, 1, 4]);
      expect(wide.facets.height.map((bucket) => bucket.count)).toEqual([0, 0, 2, 1, 3, 2]);
      expect(ids(await search('tags=bed&minWidth=1920'))).toEqual(['img-01', 'img-02', 'img-05', 'img-11']);
      // A bucket selected as minWidth=from&maxWidth=to holds exactly its count.
      expect((await search('minWidth=1920&maxWidth=2560')).total).toBe(3);
      expect(ids(await search('orientation=square'))).toEqual(['img-05', 'img-12']);
    });

    it('names the size parameter that is wrong', async () => {
      const inverted = await get('/search?minWidth=2000&maxWidth=1000');
      expect(inverted.status).toBe(400);
      expect(inverted.body.message).toContain('maxWidth');
      const notANumber = await get('/search?minHeight=tall');
      expect(notANumber.status).toBe(400);
      expect(notANumber.body.message).toContain('minHeight');
      const badOrientation = await get('/search?orientation=round');
      expect(badOrientation.status).toBe(400);
      expect(badOrientation.body.message).toContain('orientation');
    });
  });

  describe('places', () => {
    it('keeps the images inside a box (minLon,minLat,maxLon,maxLat)', async () => {
      expect(ids(await search(`bbox=${BOXES.lisbon}`))).toEqual(['img-01', 'img-02', 'img-03', 'img-04']);
      expect((await search(`bbox=${BOXES.europe}`)).total).toBe(8);
      // img-12 has no location of its own: Vision's landmark places it at the Opera House.
      expect(ids(await search(`bbox=${BOXES.sydney}`))).toEqual(['img-09', 'img-10', 'img-11', 'img-12']);
      expect((await search(`bbox=${BOXES.sydney}&tags=bed`)).total).toBe(2);
    });

    it('counts images per map tile with their centroid, ignoring the box itself', async () => {
      const world = await search();
      expect(world.geoPrecision).toBe(3);
      expect(world.facets.geo.map((tile) => tile.count)).toEqual([4, 4, 4]);
      const lisbon = world.facets.geo.find((tile) => Math.abs(tile.lon - LISBON.lon) < 0.01);
      expect(lisbon).toMatchObject({ count: 4, tile: '3/3/3' });
      expect(lisbon?.lat).toBeCloseTo(LISBON.lat, 4);
      // Zoomed to a box around Lisbon, the facet still shows Paris, just outside it.
      const iberia = await search(`bbox=${BOXES.iberia}`);
      expect(iberia.total).toBe(4);
      expect(iberia.geoPrecision).toBe(7);
      expect(iberia.facets.geo.map((tile) => tile.count)).toEqual([4, 4]);
      const sydney = await search(`bbox=${BOXES.sydney}&geoPrecision=15`);
      expect(sydney.facets.geo).toHaveLength(2);
      expect(sydney.facets.geo.find((tile) => tile.count === 1)?.lat).toBeCloseTo(OPERA_HOUSE.lat, 4);
    });

    it('names bbox when the box is wrong', async () => {
      for (const bbox of ['1,2,3', '-9,50,-8,40', '200,0,210,10', 'a,b,c,d']) {
        const response = await get(`/search?bbox=${bbox}`);
        expect(response.status).toBe(400);
        expect(response.body.message).toContain('bbox');
      }
    });
  });

  describe('results', () => {
    it('pages through every image by imageId without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const body: ImageSearchResponse = await search(`size=5${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...ids(body));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(handCountedImages().map((image) => image.imageId));
      const bad = await get('/search?cursor=nonsense');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('cursor');
    });

    it('shows each image with its counted tags, best first, and a Vision error as such', async () => {
      const body = await search('hotel=htl-lisbon&size=1');
      expect(body.hits[0]).toEqual({
        imageId: 'img-01',
        hotelId: 'htl-lisbon',
        hotelName: 'Harbour Inn',
        url: 'https://images.example.org/img-01.jpg',
        width: 4032,
        height: 3024,
        orientation: 'landscape',
        location: LISBON,
        labels: ['guestroom'],
        tags: [
          { tag: 'bed', score: 0.95 },
          { tag: 'room', score: 0.9 },
        ],
        visionError: null,
      });
      const failed = (await search('hotel=htl-paris')).hits.find((hit) => hit.imageId === 'img-08');
      expect(failed).toMatchObject({ tags: [], visionError: { code: 3, message: 'Bad image data.' } });
    });

    it('returns one image with every tag, its Vision labels and landmarks', async () => {
      const { status, body } = await get('/img-05');
      expect(status).toBe(200);
      expect(body.tags).toEqual([
        { tag: 'property', score: 0.85, counted: true },
        { tag: 'bed', score: 0.62, counted: true },
        { tag: 'room', score: 0.58, counted: false },
      ]);
      expect(body.vision.labels[0]).toEqual({
        mid: '/m/test0',
        description: 'Property',
        score: 0.85,
        topicality: 0.85,
      });
      const landmark = (await get('/img-07')).body.vision.landmarks;
      expect(landmark).toEqual([
        {
          mid: '/m/02j81',
          description: 'Eiffel Tower',
          score: 0.81,
          locations: [{ lat: 48.8584, lon: 2.2945 }],
        },
      ]);
      expect((await get('/img-08')).body.vision.error).toEqual({ code: 3, message: 'Bad image data.' });
      expect((await get('/img-99')).status).toBe(404);
    });

    it('draws a placeholder picture in the image’s shape with its hotel name', async () => {
      const response = await get('/placeholder/img-05.svg');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('image/svg+xml');
      expect(response.text).toMatch(/^<svg [^>]*width="320" height="320"/);
      expect(response.text).toContain('Park Hotel');
      expect(response.text).toContain('property · bed');
      expect((await get('/placeholder/img-05.svg')).text).toBe(response.text);
    });
  });

  describe('tag suggestions', () => {
    it('suggests tags by the start of any of their words, with the number of images carrying each', async () => {
      expect((await get('/tags?prefix=B')).body).toEqual({
        minScore: 0.6,
        tags: [
          { tag: 'bed', count: 5 },
          { tag: 'beach', count: 2 },
          { tag: 'bathroom', count: 1 },
          { tag: 'building', count: 1 },
        ],
      });
      expect((await get('/tags?prefix=sw')).body.tags).toEqual([{ tag: 'swimming pool', count: 3 }]);
      // A later word of the tag counts too.
      expect((await get('/tags?prefix=Pool')).body.tags).toEqual([{ tag: 'swimming pool', count: 3 }]);
      expect((await get('/tags?prefix=pool&minScore=0.5')).body.tags).toEqual([
        { tag: 'swimming pool', count: 3 },
      ]);
      expect((await get('/tags?prefix=b&minScore=0.95')).body.tags).toEqual([
        { tag: 'beach', count: 1 },
        { tag: 'bed', count: 1 },
        { tag: 'building', count: 1 },
      ]);
      expect((await get('/tags?size=2')).body.tags).toEqual([
        { tag: 'bed', count: 5 },
        { tag: 'room', count: 4 },
      ]);
      expect((await get('/tags?prefix=.*')).body.tags).toEqual([]);
    });
  });

  it('answers before the first ingest with zeros, not an error', async () => {
    const empty = await testApp({ IMAGES_INDEX: 'lookout-images-nothing-here' }, { boards: [imagesBoard] });
    try {
      const response = await empty.inject({ method: 'GET', url: '/api/images/search?tags=bed' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ total: 0, hits: [], nextCursor: null, newestIngestedAt: null });
      expect(response.json().facets.orientation).toEqual([
        { orientation: 'landscape', count: 0, selected: false },
        { orientation: 'portrait', count: 0, selected: false },
        { orientation: 'square', count: 0, selected: false },
      ]);
      expect((await empty.inject({ method: 'GET', url: '/api/images/tags?prefix=b' })).json().tags).toEqual(
        [],
      );
      expect((await empty.inject({ method: 'GET', url: '/api/images/img-01' })).statusCode).toBe(404);
    } finally {
      await empty.close();
    }
  });

  describe('ingestion', () => {
    const count = async () => (await client.count({ index: ingestIndex })).count;
    const stored = async (imageId: string) =>
      (
        await client.get<{ tags: Array<{ tag: string; score: number }>; hotelName?: string }>({
          index: ingestIndex,
          id: imageId,
        })
      )._source;
    const line = (imageId: string, extra: Record<string, unknown> = {}) => ({
      imageId,
      hotelId: 'htl-x',
      hotelName: 'Test Hotel',
      url: `https://x/${imageId}.jpg`,
      width: 800,
      height: 600,
      ...extra,
    });

    it('reports a line with bad JSON, without an id or with a bad field, and stores the rest', async () => {
      const file = await writeNdjson(path.join(dir, 'mixed.ndjson'), [
        line('ok-1'),
        '{"imageId": "broken", ',
        JSON.stringify({ hotelId: 'htl-x', width: 10, height: 10 }),
        '',
        line('ok-2', { vision: { error: { code: 13, message: 'Internal error' } } }),
        line('bad-width', { width: 'big' }),
      ]);
      const report = await ingestImages(client, [file], ingestOptions(ingestIndex));
      expect(report).toMatchObject({ files: 1, lines: 5, indexed: 2, visionErrors: 1 });
      expect(report.rejected).toEqual([
        { file, line: 2, reason: 'line is not JSON' },
        { file, line: 3, reason: expect.stringContaining('no image id') },
        {
          file,
          line: 6,
          imageId: 'bad-width',
          reason: expect.stringContaining('width must be a positive whole number'),
        },
      ]);
      expect(await count()).toBe(2);
    });

    it('pairs a Vision batch response with its id list, and reports an id without a line', async () => {
      const ndjson = await writeNdjson(path.join(dir, 'batch.ndjson.gz'), []);
      await writeFile(
        ndjson,
        gzipSync([line('b-1'), line('b-2'), line('b-3')].map((l) => JSON.stringify(l)).join('\n')),
      );
      const batchFile = path.join(dir, 'vision-batch.json');
      const idsFile = path.join(dir, 'vision-ids.txt');
      const label = (description: string, score: number) => ({
        mid: '/m/x',
        description,
        score,
        topicality: score,
      });
      await writeFile(
        batchFile,
        JSON.stringify({
          responses: [
            { labelAnnotations: [label('Bed', 0.9)] },
            { labelAnnotations: [label('Sky', 0.8), label('Cloud', 0.3)] },
            { error: { code: 3, message: 'Bad image data.' } },
            { labelAnnotations: [label('Beach', 0.9)] },
          ],
        }),
      );
      await writeFile(idsFile, 'b-2\nb-1\nb-3\nb-404\n');
      const report = await ingestImages(client, [ndjson], {
        ...ingestOptions(ingestIndex),
        visionBatch: { batchFile, idsFile },
      });
      expect(report).toMatchObject({ lines: 3, indexed: 3, visionErrors: 1 });
      expect(report.rejected).toEqual([
        {
          file: batchFile,
          position: 3,
          imageId: 'b-404',
          reason: expect.stringContaining('no line with this image id'),
        },
      ]);
      expect((await stored('b-2'))?.tags).toEqual([{ tag: 'bed', score: 0.9 }]);
      expect((await stored('b-1'))?.tags).toEqual([
        { tag: 'sky', score: 0.8 },
        { tag: 'cloud', score: 0.3 },
      ]);
      expect(await stored('b-3')).toMatchObject({
        tags: [],
        visionError: { code: 3, message: 'Bad image data.' },
      });
    });

    it('stores nothing when the batch and the id list do not pair up', async () => {
      const before = await count();
      const ndjson = await writeNdjson(path.join(dir, 'unpaired.ndjson'), [line('u-1')]);
      const batchFile = path.join(dir, 'unpaired-batch.json');
      const idsFile = path.join(dir, 'unpaired-ids.json');
      await writeFile(batchFile, JSON.stringify({ responses: [{}, {}] }));
      await writeFile(idsFile, JSON.stringify(['u-1']));
      const report = await ingestImages(client, [ndjson], {
        ...ingestOptions(ingestIndex),
        visionBatch: { batchFile, idsFile },
      });
      expect(report.indexed).toBe(0);
      expect(report.rejected).toEqual([
        { file: batchFile, reason: expect.stringContaining('2 responses but') },
      ]);
      expect(await count()).toBe(before);
    });

    it('updates an image ingested again instead of doubling it', async () => {
      const before = await count();
      const first = await writeNdjson(path.join(dir, 'first.ndjson'), [
        line('again', { vision: { labelAnnotations: [{ description: 'Room', score: 0.7 }] } }),
      ]);
      await ingestImages(client, [first], ingestOptions(ingestIndex));
      const second = await writeNdjson(path.join(dir, 'second.ndjson'), [
        line('again', {
          hotelName: 'Renamed Hotel',
          vision: { labelAnnotations: [{ description: 'Lobby', score: 0.9 }] },
        }),
      ]);
      const report = await ingestImages(client, [second], ingestOptions(ingestIndex));
      expect(report).toMatchObject({ indexed: 1, rejected: [] });
      expect(await count()).toBe(before + 1);
      expect(await stored('again')).toMatchObject({
        hotelName: 'Renamed Hotel',
        tags: [{ tag: 'lobby', score: 0.9 }],
      });
    });
  });

  describe('golden fixtures', () => {
    it.each(GOLDEN_CASES)('$name: the live response shapes into the reviewed answer', async (golden) => {
      const response = await client.search({ ...golden.request, index });
      await checkLiveGolden(fixturesDir, golden, response, { [index]: GOLDEN_CONTEXT.index });
    });
  });
});
