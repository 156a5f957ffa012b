import { describe, expect, it } from 'vitest';
import type { estypes } from '@elastic/elasticsearch';
import {
  AGG,
  buildHotelNamesSearch,
  buildImageFacetsSearch,
  buildImageHitsSearch,
  buildTagSuggestionsSearch,
  decodeCursor,
  encodeCursor,
  escapeRegex,
  facetGroups,
  parseBoundingBox,
  planImageSearch,
  planTagSuggestions,
  precisionForBox,
  type ImagesContext,
} from './query.ts';
import { SCORE_THRESHOLDS } from './mapping.ts';
import type { ImageSearchQuery } from './schema.ts';

const context: ImagesContext = { index: 'lookout-images', minScore: 0.6, scoreThresholds: SCORE_THRESHOLDS };
const plan = (params: ImageSearchQuery) => planImageSearch(params, context);
const hits = (params: ImageSearchQuery) => buildImageHitsSearch(plan(params), context);
const facets = (params: ImageSearchQuery) => buildImageFacetsSearch(plan(params), context);
type Container = estypes.AggregationsAggregationContainer;
const filterOf = (request: estypes.SearchRequest, group: string) =>
  ((request.aggs?.[group] as Container).filter as { bool: { filter: unknown[] } }).bool.filter;
const groupAggs = (request: estypes.SearchRequest, group: string) =>
  (request.aggs?.[group] as Container).aggs;

describe('the image search requests', () => {
  it('finds the page of images with every selection as the query, and leaves the counting to the facets', () => {
    const request = hits({ tags: ['Bed'], orientation: ['landscape'], minWidth: 1920 });
    const selections = [
      { terms: { tags_counted: ['bed'] } },
      { range: { width: { gte: 1920 } } },
      { terms: { orientation: ['landscape'] } },
    ];
    expect(request.query).toEqual({ bool: { filter: selections } });
    expect(request.track_total_hits).toBe(false);
    expect(request.aggs).toBeUndefined();
    const counted = facets({ tags: ['Bed'], orientation: ['landscape'], minWidth: 1920 });
    expect(counted.query).toBeUndefined();
    expect(counted.size).toBe(0);
    expect(counted.request_cache).toBe(true);
    expect(counted.aggs?.[AGG.matching]).toEqual({ filter: { bool: { filter: selections } } });
  });

  it('counts every facet at the top level, in one pass, when nothing is selected', () => {
    const request = facets({});
    expect(facetGroups(plan({}))).toEqual([
      { filter: [], facets: ['tags', 'labels', 'hotels', 'width', 'height', 'orientation', 'geo'] },
    ]);
    expect(Object.keys(request.aggs ?? {})).toEqual([
      'tags_top',
      'labels_top',
      'hotels_top',
      'width_ranges',
      'height_ranges',
      'orientation_top',
      'geo_tiles',
      AGG.matching,
      AGG.newest,
    ]);
    expect(hits({}).query).toBeUndefined();
  });

  it('gives each facet every selection except its own, facets with equal filters sharing one', () => {
    const request = facets({ tags: ['bed'], labels: ['hero'], orientation: ['portrait'] });
    expect(
      facetGroups(plan({ tags: ['bed'], labels: ['hero'], orientation: ['portrait'] })).map((g) => g.facets),
    ).toEqual([['tags'], ['labels'], ['hotels', 'width', 'height', 'geo'], ['orientation']]);
    expect(filterOf(request, 'for_tags')).toEqual([
      { terms: { labels: ['hero'] } },
      { terms: { orientation: ['portrait'] } },
    ]);
    expect(filterOf(request, 'for_orientation')).toEqual([
      { terms: { tags_counted: ['bed'] } },
      { terms: { labels: ['hero'] } },
    ]);
    expect(filterOf(request, 'for_hotels_width_height_geo')).toHaveLength(3);
    expect(Object.keys(groupAggs(request, 'for_hotels_width_height_geo') ?? {})).toEqual([
      'hotels_top',
      'width_ranges',
      'height_ranges',
      'geo_tiles',
    ]);
  });

  it('with tagMode=all requires each tag and counts tags within the selection', () => {
    const both = [{ terms: { tags_counted: ['bed'] } }, { terms: { tags_counted: ['room'] } }];
    expect(hits({ tags: ['bed', 'room'], tagMode: 'all' }).query).toEqual({ bool: { filter: both } });
    const groups = facetGroups(plan({ tags: ['bed', 'room'], tagMode: 'all' }));
    expect(groups).toEqual([
      {
        name: 'for_tags_labels_hotels_width_height_orientation_geo',
        filter: both,
        facets: expect.any(Array),
      },
    ]);
  });

  it('uses a flat field at the configured score and the offered thresholds, the nested tags otherwise', () => {
    expect(plan({}).tagsField).toBe('tags_counted');
    expect(plan({ minScore: 0.8 }).tagsField).toBe('tags_min_80');
    expect(hits({ tags: ['bed'], minScore: 0.8 }).query).toEqual({
      bool: { filter: [{ terms: { tags_min_80: ['bed'] } }] },
    });
    expect(facets({ minScore: 0.8 }).aggs?.tags_top?.terms).toEqual({ field: 'tags_min_80', size: 30 });

    expect(plan({ minScore: 0.85 }).tagsField).toBeUndefined();
    expect(hits({ tags: ['bed'], minScore: 0.85 }).query).toEqual({
      bool: {
        filter: [
          {
            nested: {
              path: 'tags',
              query: {
                bool: {
                  filter: [{ terms: { 'tags.tag': ['bed'] } }, { range: { 'tags.score': { gte: 0.85 } } }],
                },
              },
            },
          },
        ],
      },
    });
    expect(facets({ minScore: 0.85 }).aggs?.tags_scored_tags?.nested).toEqual({ path: 'tags' });
  });

  it('answers every threshold through the nested tags while the stored images lack the flat fields', () => {
    const older: ImagesContext = { ...context, scoreThresholds: [] };
    expect(planImageSearch({ minScore: 0.8 }, older).tagsField).toBeUndefined();
    expect(planImageSearch({}, older).tagsField).toBe('tags_counted');
  });

  it('lowercases tags and labels, trims and de-duplicates them', () => {
    const planned = plan({ tags: [' Swimming Pool ', 'swimming pool', ''], labels: ['HERO'] });
    expect(planned.tags).toEqual(['swimming pool']);
    expect(planned.labels).toEqual(['hero']);
  });

  it('asks for the selected values of a facet even when they are not among the top ones', () => {
    const hotels = facets({ hotel: ['htl-9'], facetSize: 5 }).aggs;
    expect(hotels?.hotels_top?.terms).toEqual({ field: 'hotelId', size: 5 });
    expect(hotels?.hotels_selected?.terms).toEqual({ field: 'hotelId', size: 1, include: ['htl-9'] });
  });

  it('names only the listed hotels, counted as their facet counts them', () => {
    const selected = plan({ hotel: ['htl-9'], labels: ['hero'] });
    const request = buildHotelNamesSearch(selected, context, ['htl-9', 'htl-1']);
    expect(request.size).toBe(0);
    expect(request.query).toEqual({
      bool: { filter: [{ terms: { labels: ['hero'] } }, { terms: { hotelId: ['htl-1', 'htl-9'] } }] },
    });
    expect(request.aggs?.[AGG.hotelNames]).toEqual({
      terms: { field: 'hotelId', size: 2 },
      aggs: { [AGG.hotelName]: { terms: { field: 'hotelName', size: 1 } } },
    });
  });

  it('counts sizes in classes whose `to` is the next `from`', () => {
    expect(facets({}).aggs?.width_ranges?.range?.ranges).toEqual([
      { to: 640 },
      { from: 640, to: 1080 },
      { from: 1080, to: 1920 },
      { from: 1920, to: 2560 },
      { from: 2560, to: 3840 },
      { from: 3840 },
    ]);
  });

  it('filters a box and zooms the geo facet around it', () => {
    const box = { bbox: '-0.51,51.28,0.33,51.69' };
    expect((hits(box).query as { bool: { filter: unknown[] } }).bool.filter).toEqual([
      {
        geo_bounding_box: {
          location: { top_left: { lat: 51.69, lon: -0.51 }, bottom_right: { lat: 51.28, lon: 0.33 } },
        },
      },
    ]);
    // The geo facet leaves its own box out: over every image, at the top level.
    const tiles = facets(box).aggs?.geo_tiles?.geotile_grid;
    expect(tiles?.precision).toBe(11);
    expect(tiles?.bounds).toEqual({
      top_left: { lat: 52.1, lon: -1.35 },
      bottom_right: { lat: 50.87, lon: 1.17 },
    });
    expect(facetGroups(plan(box)).find((group) => group.facets.includes('geo'))?.filter).toEqual([]);
  });

  it('pages after the last imageId and sorts by it', () => {
    const request = hits({ size: 20, cursor: encodeCursor('img-0000042') });
    expect(request.sort).toEqual([{ imageId: { order: 'asc' } }]);
    expect(request.search_after).toEqual(['img-0000042']);
    expect(request.size).toBe(20);
    expect(() => decodeCursor('not-a-cursor')).toThrow(/querystring\/cursor/);
  });

  it('never changes its parameters', () => {
    const params: ImageSearchQuery = Object.freeze({ tags: Object.freeze(['Bed']) as string[] });
    expect(() => hits(params)).not.toThrow();
    expect(() => facets(params)).not.toThrow();
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

  it('reads an offered threshold from its flat field', () => {
    const request = buildTagSuggestionsSearch(
      planTagSuggestions({ minScore: 0.9, size: 3 }, context),
      context,
    );
    expect(request.aggs?.[AGG.suggestions]?.terms).toEqual({ field: 'tags_min_90', size: 3 });
  });

  it('counts images, not tag entries, with any other minimum score', () => {
    const request = buildTagSuggestionsSearch(
      planTagSuggestions({ minScore: 0.95, size: 3 }, context),
      context,
    );
    const scored = request.aggs?.[AGG.scoredTags];
    expect(scored?.nested).toEqual({ path: 'tags' });
    const suggestions = scored?.aggs?.[AGG.aboveMinScore]?.aggs?.[AGG.suggestions];
    expect(suggestions?.terms).toEqual({ field: 'tags.tag', size: 3 });
    expect(suggestions?.aggs?.[AGG.images]).toEqual({ reverse_nested: {} });
  });
});
