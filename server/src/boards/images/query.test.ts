import { describe, expect, it } from 'vitest';
import type { estypes } from '@elastic/elasticsearch';
import {
  AGG,
  buildImageSearch,
  buildTagSuggestionsSearch,
  decodeCursor,
  encodeCursor,
  escapeRegex,
  parseBoundingBox,
  planImageSearch,
  planTagSuggestions,
  precisionForBox,
} from './query.ts';
import type { ImageSearchQuery } from './schema.ts';

const context = { index: 'lookout-images', minScore: 0.6 };
const build = (params: ImageSearchQuery) => buildImageSearch(planImageSearch(params, context), context);
type Container = estypes.AggregationsAggregationContainer;
const facetFilters = (request: estypes.SearchRequest, facet: string) =>
  ((request.aggs?.[facet] as Container).filter as { bool: { filter: unknown[] } }).bool.filter;

describe('the image search request', () => {
  it('puts every selection in the post_filter and leaves the query open, so facets see all images', () => {
    const request = build({ tags: ['Bed'], orientation: ['landscape'], minWidth: 1920 });
    expect(request.query).toBeUndefined();
    expect(request.post_filter).toEqual({
      bool: {
        filter: [
          { terms: { tags_counted: ['bed'] } },
          { range: { width: { gte: 1920 } } },
          { terms: { orientation: ['landscape'] } },
        ],
      },
    });
  });

  it('gives each facet every selection except its own', () => {
    const request = build({ tags: ['bed'], labels: ['hero'], orientation: ['portrait'] });
    expect(facetFilters(request, AGG.tagsFacet)).toEqual([
      { terms: { labels: ['hero'] } },
      { terms: { orientation: ['portrait'] } },
    ]);
    expect(facetFilters(request, AGG.orientationFacet)).toEqual([
      { terms: { tags_counted: ['bed'] } },
      { terms: { labels: ['hero'] } },
    ]);
    expect(facetFilters(request, AGG.widthFacet)).toHaveLength(3);
  });

  it('with tagMode=all requires each tag and counts tags within the selection', () => {
    const request = build({ tags: ['bed', 'room'], tagMode: 'all' });
    const both = [{ terms: { tags_counted: ['bed'] } }, { terms: { tags_counted: ['room'] } }];
    expect((request.post_filter as { bool: { filter: unknown[] } }).bool.filter).toEqual(both);
    expect(facetFilters(request, AGG.tagsFacet)).toEqual(both);
  });

  it('uses the fast tags_counted field at the configured score and the nested tags otherwise', () => {
    expect(planImageSearch({ minScore: 0.6 }, context).exactScores).toBe(false);
    const request = build({ tags: ['bed'], minScore: 0.8 });
    expect((request.post_filter as { bool: { filter: unknown[] } }).bool.filter).toEqual([
      {
        nested: {
          path: 'tags',
          query: {
            bool: { filter: [{ terms: { 'tags.tag': ['bed'] } }, { range: { 'tags.score': { gte: 0.8 } } }] },
          },
        },
      },
    ]);
    const tagFacet = (request.aggs?.[AGG.tagsFacet] as Container).aggs?.[AGG.scoredTags];
    expect(tagFacet?.nested).toEqual({ path: 'tags' });
  });

  it('lowercases tags and labels, trims and de-duplicates them', () => {
    const plan = planImageSearch(
      { tags: [' Swimming Pool ', 'swimming pool', ''], labels: ['HERO'] },
      context,
    );
    expect(plan.tags).toEqual(['swimming pool']);
    expect(plan.labels).toEqual(['hero']);
  });

  it('asks for the selected values of a facet even when they are not among the top ones', () => {
    const request = build({ hotel: ['htl-9'], facetSize: 5 });
    const hotels = (request.aggs?.[AGG.hotelsFacet] as Container).aggs;
    expect(hotels?.[AGG.top]?.terms).toEqual({ field: 'hotelId', size: 5 });
    expect(hotels?.[AGG.selected]?.terms).toEqual({ field: 'hotelId', size: 1, include: ['htl-9'] });
  });

  it('counts sizes in classes whose `to` is the next `from`', () => {
    const request = build({});
    expect((request.aggs?.[AGG.widthFacet] as Container).aggs?.[AGG.ranges]?.range?.ranges).toEqual([
      { to: 640 },
      { from: 640, to: 1080 },
      { from: 1080, to: 1920 },
      { from: 1920, to: 2560 },
      { from: 2560, to: 3840 },
      { from: 3840 },
    ]);
  });

  it('filters a box and zooms the geo facet around it', () => {
    const request = build({ bbox: '-0.51,51.28,0.33,51.69' });
    expect((request.post_filter as { bool: { filter: unknown[] } }).bool.filter).toEqual([
      {
        geo_bounding_box: {
          location: { top_left: { lat: 51.69, lon: -0.51 }, bottom_right: { lat: 51.28, lon: 0.33 } },
        },
      },
    ]);
    const tiles = (request.aggs?.[AGG.geoFacet] as Container).aggs?.[AGG.tiles]?.geotile_grid;
    expect(tiles?.precision).toBe(11);
    expect(tiles?.bounds).toEqual({
      top_left: { lat: 52.1, lon: -1.35 },
      bottom_right: { lat: 50.87, lon: 1.17 },
    });
    expect(facetFilters(request, AGG.geoFacet)).toEqual([]);
  });

  it('pages after the last imageId and sorts by it', () => {
    const request = build({ size: 20, cursor: encodeCursor('img-0000042') });
    expect(request.sort).toEqual([{ imageId: { order: 'asc' } }]);
    expect(request.search_after).toEqual(['img-0000042']);
    expect(request.size).toBe(20);
    expect(() => decodeCursor('not-a-cursor')).toThrow(/querystring\/cursor/);
  });

  it('never changes its parameters', () => {
    const params: ImageSearchQuery = Object.freeze({ tags: Object.freeze(['Bed']) as string[] });
    expect(() => build(params)).not.toThrow();
    expect(params.tags).toEqual(['Bed']);
  });
});

describe('parameters a person can get wrong', () => {
  it('reads a box as minLon,minLat,maxLon,maxLat and names bbox when it is wrong', () => {
    expect(parseBoundingBox(' -9.3, 38.6, -9.0, 38.8 ')).toEqual({
      minLon: -9.3,
      minLat: 38.6,
      maxLon: -9,
      maxLat: 38.8,
    });
    expect(() => parseBoundingBox('1,2,3')).toThrow(/querystring\/bbox/);
    expect(() => parseBoundingBox('0,50,1,40')).toThrow(/minLat \(50\) must be below maxLat/);
    expect(() => parseBoundingBox('190,0,191,1')).toThrow(/longitudes/);
    expect(() => parseBoundingBox('0,-95,1,1')).toThrow(/latitudes/);
    // West edge east of the east edge: the box crosses the antimeridian (Fiji).
    expect(parseBoundingBox('177,-19,-179,-16').minLon).toBe(177);
  });

  it('rejects an upper size bound at or below the lower one, naming it', () => {
    expect(() => planImageSearch({ minHeight: 1080, maxHeight: 1080 }, context)).toThrow(
      /querystring\/maxHeight/,
    );
  });

  it('chooses the zoom that puts about 8 tiles across the box', () => {
    expect(precisionForBox(parseBoundingBox('-180,-85,180,85'))).toBe(3);
    expect(precisionForBox(parseBoundingBox('-12,34,-4,44'))).toBe(7);
    expect(precisionForBox(parseBoundingBox('2.2,48.8,2.5,48.9'))).toBe(13);
    expect(precisionForBox(parseBoundingBox('2.35,48.85,2.3501,48.8501'))).toBe(15);
  });
});

describe('tag suggestions', () => {
  it('matches the start of any word of a tag and keeps only matching tags of each image', () => {
    const request = buildTagSuggestionsSearch(planTagSuggestions({ prefix: 'Pool' }, context), context);
    expect(request.query).toEqual({ regexp: { tags_counted: { value: '(.* )?pool.*' } } });
    expect(request.aggs?.[AGG.suggestions]?.terms).toEqual({
      field: 'tags_counted',
      size: 10,
      include: '(.* )?pool.*',
    });
  });

  it('never lets a prefix become regular expression syntax', () => {
    expect(escapeRegex('a.b*c(d)|e"f#g@h&i<j>k~l')).toBe('a\\.b\\*c\\(d\\)\\|e\\"f\\#g\\@h\\&i\\<j\\>k\\~l');
  });

  it('counts images, not tag entries, with its own minimum score', () => {
    const request = buildTagSuggestionsSearch(
      planTagSuggestions({ minScore: 0.9, size: 3 }, context),
      context,
    );
    const scored = request.aggs?.[AGG.scoredTags];
    expect(scored?.nested).toEqual({ path: 'tags' });
    const suggestions = scored?.aggs?.[AGG.aboveMinScore]?.aggs?.[AGG.suggestions];
    expect(suggestions?.terms).toEqual({ field: 'tags.tag', size: 3 });
    expect(suggestions?.aggs?.[AGG.images]).toEqual({ reverse_nested: {} });
  });
});
