// The hotel image tags board counts images by Vision tag, producer label, hotel, size,
// orientation and place; it reads the one image index (IMAGES_INDEX) and has no time field:
// every stored image counts, whenever it was ingested.
import type { estypes } from '@elastic/elasticsearch';
import { aggregationsOver, searchOver } from '../../es/request-basics.ts';
import { BadParameterError } from '../../core/time-range.ts';
// The index is one concrete name: before the first ingest it does not exist, and that is "no
// images yet" (zero shards, handled by the shapers), not an error — hence searchOver.
import type { ImageSearchQuery, Orientation, TagSuggestionsQuery } from './schema.ts';
import { thresholdField } from './mapping.ts';

type Query = estypes.QueryDslQueryContainer;
type Aggs = Record<string, estypes.AggregationsAggregationContainer>;

export interface ImagesContext {
  index: string;
  /** IMAGES_MIN_SCORE: the threshold `tags_counted` was built with at ingest. */
  minScore: number;
  /**
   * Thresholds with a `tags_min_*` field in every stored image (mapping version 2, see
   * mapping.ts); empty while older images await `lookout images reindex`.
   */
  scoreThresholds: readonly number[];
}

/** Aggregation names, shared by the builders and the shapers (never "2", "3"). */
export const AGG = {
  top: 'top',
  selected: 'selected',
  scoredTags: 'scored_tags',
  aboveMinScore: 'above_min_score',
  images: 'images',
  hotelName: 'hotel_name',
  hotelNames: 'hotel_names',
  matching: 'matching',
  ranges: 'ranges',
  tiles: 'tiles',
  centroid: 'centroid',
  newest: 'newest_ingested',
  suggestions: 'suggestions',
} as const;

/**
 * Size classes of the width and height facets, by the common display and camera sizes:
 * VGA, 1080, Full HD 1920, QHD 2560, 4K 3840. `from` inclusive, `to` exclusive (as in
 * Elasticsearch's `range` aggregation), so a bucket is selected as `minWidth=from&maxWidth=to`.
 */
export const SIZE_EDGES = [640, 1080, 1920, 2560, 3840] as const;

export const ORIENTATIONS: readonly Orientation[] = ['landscape', 'portrait', 'square'];

/** Geo facet tiles at most (the chart budget of ~2,000 points). */
export const MAX_GEO_TILES = 2_000;
export const DEFAULT_GEO_PRECISION = 3;
export const MAX_GEO_PRECISION = 15;

/** Scores are compared at 4 decimals, as stored (see ingest/to-document.ts). */
export function roundScore(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}

export interface BoundingBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** Parses `minLon,minLat,maxLon,maxLat`; a west edge east of the east edge crosses the antimeridian. */
export function parseBoundingBox(bbox: string): BoundingBox {
  const numbers = bbox.split(',').map((part) => Number(part.trim()));
  const [minLon, minLat, maxLon, maxLat] = numbers;
  if (
    numbers.length !== 4 ||
    minLon === undefined ||
    minLat === undefined ||
    maxLon === undefined ||
    maxLat === undefined ||
    numbers.some((value) => !Number.isFinite(value))
  ) {
    throw new BadParameterError('bbox', `must be minLon,minLat,maxLon,maxLat, got "${bbox}"`);
  }
  if ([minLon, maxLon].some((lon) => lon < -180 || lon > 180)) {
    throw new BadParameterError('bbox', `longitudes must be between -180 and 180, got "${bbox}"`);
  }
  if ([minLat, maxLat].some((lat) => lat < -90 || lat > 90)) {
    throw new BadParameterError('bbox', `latitudes must be between -90 and 90, got "${bbox}"`);
  }
  if (minLat >= maxLat) {
    throw new BadParameterError(
      'bbox',
      `minLat (${minLat}) must be below maxLat (${maxLat}); order is minLon,minLat,maxLon,maxLat`,
    );
  }
  if (minLon === maxLon)
    throw new BadParameterError('bbox', 'minLon and maxLon are equal: the box has no width');
  return { minLon, minLat, maxLon, maxLat };
}

function lonSpan(box: BoundingBox): number {
  return box.maxLon > box.minLon ? box.maxLon - box.minLon : box.maxLon + 360 - box.minLon;
}

/** The zoom level at which the box is about 8 tiles across (longitude, or latitude if taller). */
export function precisionForBox(box: BoundingBox): number {
  const span = Math.max(lonSpan(box), 2 * (box.maxLat - box.minLat));
  return Math.max(0, Math.min(MAX_GEO_PRECISION, Math.floor(Math.log2((360 / span) * 8))));
}

/**
 * Where the geo facet draws tiles when a box is selected: the box and one box-width around it,
 * so the map shows the selection in context (the facet ignores the box filter itself) without
 * tiling the whole world at a street-level zoom.
 */
function tileBounds(box: BoundingBox): estypes.GeoBounds | undefined {
  const width = lonSpan(box);
  const height = box.maxLat - box.minLat;
  if (box.minLon > box.maxLon || width * 3 >= 360) return undefined;
  // Rounded to ~10 cm: the request stays short and byte-identical for the same box.
  const at = (value: number) => Math.round(value * 1e6) / 1e6;
  return {
    top_left: { lat: at(Math.min(90, box.maxLat + height)), lon: at(Math.max(-180, box.minLon - width)) },
    bottom_right: { lat: at(Math.max(-90, box.minLat - height)), lon: at(Math.min(180, box.maxLon + width)) },
  };
}

function normalizedValues(values: readonly string[] | undefined, lowerCase: boolean): string[] {
  const seen = new Set<string>();
  for (const value of values ?? []) {
    const trimmed = value.trim();
    if (trimmed !== '') seen.add(lowerCase ? trimmed.toLowerCase() : trimmed);
  }
  return [...seen];
}

function sizeRange(name: 'Width' | 'Height', min: number | undefined, max: number | undefined) {
  if (min !== undefined && max !== undefined && max <= min) {
    throw new BadParameterError(
      `max${name}`,
      `must be greater than min${name} (${max} ≤ ${min}); max${name} is exclusive`,
    );
  }
  return min === undefined && max === undefined ? undefined : { min, max };
}

/** Resolved and validated parameters, shared by the builder and the shaper. */
export interface ImageSearchPlan {
  tags: string[];
  tagMode: 'any' | 'all';
  minScore: number;
  /**
   * The flat keyword field holding each image's tags at minScore: `tags_counted` at the
   * configured score, `tags_min_*` at a common threshold; undefined: the nested `tags` answer.
   */
  tagsField?: string;
  labels: string[];
  hotels: string[];
  width?: { min?: number; max?: number };
  height?: { min?: number; max?: number };
  orientations: Orientation[];
  bbox?: BoundingBox;
  geoPrecision: number;
  geoBounds?: estypes.GeoBounds;
  facetSize: number;
  pageSize: number;
  after?: string;
}

/** The flat field answering a threshold, if there is one (see ImageSearchPlan.tagsField). */
export function tagsFieldFor(minScore: number, context: ImagesContext): string | undefined {
  if (minScore === roundScore(context.minScore)) return 'tags_counted';
  const threshold = context.scoreThresholds.find((candidate) => roundScore(candidate) === minScore);
  return threshold === undefined ? undefined : thresholdField(threshold);
}

export function planImageSearch(params: ImageSearchQuery, context: ImagesContext): ImageSearchPlan {
  const minScore = roundScore(params.minScore ?? context.minScore);
  const tagsField = tagsFieldFor(minScore, context);
  const bbox = params.bbox === undefined ? undefined : parseBoundingBox(params.bbox);
  const width = sizeRange('Width', params.minWidth, params.maxWidth);
  const height = sizeRange('Height', params.minHeight, params.maxHeight);
  const geoBounds = bbox ? tileBounds(bbox) : undefined;
  return {
    tags: normalizedValues(params.tags, true),
    tagMode: params.tagMode ?? 'any',
    minScore,
    ...(tagsField ? { tagsField } : {}),
    labels: normalizedValues(params.labels, true),
    hotels: normalizedValues(params.hotel, false),
    ...(width ? { width } : {}),
    ...(height ? { height } : {}),
    orientations: [...new Set(params.orientation ?? [])],
    ...(bbox ? { bbox } : {}),
    geoPrecision: params.geoPrecision ?? (bbox ? precisionForBox(bbox) : DEFAULT_GEO_PRECISION),
    ...(geoBounds ? { geoBounds } : {}),
    facetSize: params.facetSize ?? 30,
    pageSize: params.size ?? 50,
    ...(params.cursor === undefined ? {} : { after: decodeCursor(params.cursor) }),
  };
}

const scoreAtLeast = (minScore: number): Query => ({ range: { 'tags.score': { gte: minScore } } });

/** Images carrying the tag(s) with at least the plan's score, one clause per required match. */
function tagClauses(plan: ImageSearchPlan): Query[] {
  const { tags, tagMode, minScore, tagsField } = plan;
  if (tags.length === 0) return [];
  const groups = tagMode === 'all' ? tags.map((tag) => [tag]) : [tags];
  return groups.map((group): Query => {
    if (tagsField) return { terms: { [tagsField]: group } };
    // Nested: the score must belong to the same tag, not to any tag of the image.
    return {
      nested: {
        path: 'tags',
        query: { bool: { filter: [{ terms: { 'tags.tag': group } }, scoreAtLeast(minScore)] } },
      },
    };
  });
}

function rangeClause(field: string, range: { min?: number; max?: number } | undefined): Query[] {
  if (!range) return [];
  return [
    {
      range: {
        [field]: {
          ...(range.min === undefined ? {} : { gte: range.min }),
          ...(range.max === undefined ? {} : { lt: range.max }),
        },
      },
    },
  ];
}

function boxClause(box: BoundingBox | undefined): Query[] {
  if (!box) return [];
  return [
    {
      geo_bounding_box: {
        location: {
          top_left: { lat: box.maxLat, lon: box.minLon },
          bottom_right: { lat: box.minLat, lon: box.maxLon },
        },
      },
    },
  ];
}

export type Facet = 'tags' | 'labels' | 'hotels' | 'width' | 'height' | 'orientation' | 'geo';
const FACETS: Facet[] = ['tags', 'labels', 'hotels', 'width', 'height', 'orientation', 'geo'];

/** Each facet's own selection, as filter clauses. */
export function selectionClauses(plan: ImageSearchPlan): Record<Facet, Query[]> {
  const terms = (field: string, values: string[]): Query[] =>
    values.length > 0 ? [{ terms: { [field]: values } }] : [];
  return {
    tags: tagClauses(plan),
    labels: terms('labels', plan.labels),
    hotels: terms('hotelId', plan.hotels),
    width: rangeClause('width', plan.width),
    height: rangeClause('height', plan.height),
    orientation: terms('orientation', plan.orientations),
    geo: boxClause(plan.bbox),
  };
}

/**
 * Multi-select: a facet counts what every other selection leaves, so choosing a value never
 * hides its alternatives. Tags in `all` mode are conjunctive instead: their counts say how many
 * images would remain with one more tag, so they respect the tag selection too.
 */
function facetClauses(plan: ImageSearchPlan, clauses: Record<Facet, Query[]>, facet: Facet): Query[] {
  const ownCounts = facet === 'tags' && plan.tagMode === 'all';
  return FACETS.filter((other) => other !== facet || ownCounts).flatMap((other) => clauses[other]);
}

/** Facets counted over the same images, and the name of the filter aggregation holding them. */
export interface FacetGroup {
  /** Undefined: no selection applies, the facets are top-level aggregations over every image. */
  name?: string;
  filter: Query[];
  facets: Facet[];
}

/**
 * Facets whose filters are equal share one filter aggregation (one pass over the images for all
 * of them): with no selection every facet is top-level, with one facet selected there are two
 * groups — that facet over every image, the others within its selection.
 */
export function facetGroups(plan: ImageSearchPlan): FacetGroup[] {
  const clauses = selectionClauses(plan);
  const groups = new Map<string, FacetGroup>();
  for (const facet of FACETS) {
    const filter = facetClauses(plan, clauses, facet);
    const key = JSON.stringify(filter);
    const group = groups.get(key) ?? { filter, facets: [] };
    group.facets.push(facet);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) =>
    group.filter.length === 0 ? group : { ...group, name: `for_${group.facets.join('_')}` },
  );
}

/** A facet's aggregation names: the facet, then what it holds (`tags_top`, `geo_tiles`). */
export const facetAgg = (facet: Facet, part: string): string => `${facet}_${part}`;

/** Top values of a keyword field, plus the selected ones even when they are not in the top. */
function termsWithSelected(
  names: { top: string; selected: string },
  field: string,
  size: number,
  selected: string[],
  sub?: Aggs,
): Aggs {
  return {
    [names.top]: { terms: { field, size }, ...(sub ? { aggs: sub } : {}) },
    ...(selected.length > 0
      ? {
          [names.selected]: {
            terms: { field, size: selected.length, include: selected },
            ...(sub ? { aggs: sub } : {}),
          },
        }
      : {}),
  };
}

const facetTerms = (facet: Facet) => ({
  top: facetAgg(facet, AGG.top),
  selected: facetAgg(facet, AGG.selected),
});
const nestedTerms = { top: AGG.top, selected: AGG.selected };

function tagFacetAggs(plan: ImageSearchPlan): Aggs {
  if (plan.tagsField) return termsWithSelected(facetTerms('tags'), plan.tagsField, plan.facetSize, plan.tags);
  // Counted per image (reverse_nested), over the tags that reach the request's own score.
  const images = { [AGG.images]: { reverse_nested: {} } };
  return {
    [facetAgg('tags', AGG.scoredTags)]: {
      nested: { path: 'tags' },
      aggs: {
        [AGG.aboveMinScore]: {
          filter: scoreAtLeast(plan.minScore),
          aggs: termsWithSelected(nestedTerms, 'tags.tag', plan.facetSize, plan.tags, images),
        },
      },
    },
  };
}

function sizeRanges(field: string): estypes.AggregationsAggregationContainer {
  const ranges = SIZE_EDGES.map((edge, n) => ({ ...(n === 0 ? {} : { from: SIZE_EDGES[n - 1] }), to: edge }));
  return { range: { field, ranges: [...ranges, { from: SIZE_EDGES.at(-1) }] } };
}

export function facetAggs(plan: ImageSearchPlan, facet: Facet): Aggs {
  switch (facet) {
    case 'tags':
      return tagFacetAggs(plan);
    case 'labels':
      return termsWithSelected(facetTerms('labels'), 'labels', plan.facetSize, plan.labels);
    case 'hotels':
      return termsWithSelected(facetTerms('hotels'), 'hotelId', plan.facetSize, plan.hotels);
    case 'width':
      return { [facetAgg('width', AGG.ranges)]: sizeRanges('width') };
    case 'height':
      return { [facetAgg('height', AGG.ranges)]: sizeRanges('height') };
    case 'orientation':
      return {
        [facetAgg('orientation', AGG.top)]: { terms: { field: 'orientation', size: ORIENTATIONS.length } },
      };
    case 'geo':
      return {
        [facetAgg('geo', AGG.tiles)]: {
          geotile_grid: {
            field: 'location',
            precision: plan.geoPrecision,
            size: MAX_GEO_TILES,
            ...(plan.geoBounds ? { bounds: plan.geoBounds } : {}),
          },
          aggs: { [AGG.centroid]: { geo_centroid: { field: 'location' } } },
        },
      };
  }
}

export const HIT_FIELDS = [
  'imageId',
  'hotelId',
  'hotelName',
  'url',
  'width',
  'height',
  'orientation',
  'location',
  'labels',
  'tags',
  'visionError',
];

/**
 * The images of one page: every selection is the query (the index finds the matching images; no
 * facet needs the others here). Not counted: the facets search counts them (`matching`), so
 * this one may stop at the page and stay cheap however many images match.
 */
export function buildImageHitsSearch(plan: ImageSearchPlan, context: ImagesContext): estypes.SearchRequest {
  const selections = Object.values(selectionClauses(plan)).flat();
  return {
    ...searchOver(context.index),
    size: plan.pageSize,
    track_total_hits: false,
    _source: HIT_FIELDS,
    ...(selections.length > 0 ? { query: { bool: { filter: selections } } } : {}),
    // imageId is unique and always present: paging with search_after never skips or repeats.
    sort: [{ imageId: { order: 'asc' } }],
    ...(plan.after === undefined ? {} : { search_after: [plan.after] }),
  };
}

/**
 * Every facet, counted over every image (no query) in its group's filter, plus the images
 * matching every selection and the freshness of the whole index. Aggregations only, so the shard request cache answers a repeated selection
 * (a page of hits never is: size > 0 is not cached).
 */
export function buildImageFacetsSearch(plan: ImageSearchPlan, context: ImagesContext): estypes.SearchRequest {
  const aggs: Aggs = {};
  for (const group of facetGroups(plan)) {
    const groupAggs: Aggs = Object.assign({}, ...group.facets.map((facet) => facetAggs(plan, facet)));
    if (group.name === undefined) Object.assign(aggs, groupAggs);
    else aggs[group.name] = { filter: { bool: { filter: group.filter } }, aggs: groupAggs };
  }
  const selections = Object.values(selectionClauses(plan)).flat();
  return {
    ...aggregationsOver(context.index),
    aggs: {
      ...aggs,
      // The images matching every selection (the total): a count, never a hit collected.
      [AGG.matching]: { filter: { bool: { filter: selections } } },
      [AGG.newest]: { max: { field: 'ingestedAt' } },
    },
  };
}

/**
 * The name of each listed hotel: its most frequent name among the images its facet counts. Asked
 * after the facets, for those hotels only — a name under each of thousands of hotel buckets made
 * the facet search hold every image until the top hotels were known.
 */
export function buildHotelNamesSearch(
  plan: ImageSearchPlan,
  context: ImagesContext,
  hotelIds: string[],
): estypes.SearchRequest {
  const group = facetGroups(plan).find((candidate) => candidate.facets.includes('hotels'));
  const ids = [...hotelIds].sort();
  return {
    ...aggregationsOver(context.index),
    query: { bool: { filter: [...(group?.filter ?? []), { terms: { hotelId: ids } }] } },
    aggs: {
      [AGG.hotelNames]: {
        terms: { field: 'hotelId', size: Math.max(1, ids.length) },
        aggs: { [AGG.hotelName]: { terms: { field: 'hotelName', size: 1 } } },
      },
    },
  };
}

export function encodeCursor(imageId: string): string {
  return Buffer.from(JSON.stringify([imageId])).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
  } catch {
    // Falls through to the error below.
  }
  throw new BadParameterError('cursor', 'is not a cursor this endpoint returned');
}

/** Lucene regular expression syntax (with every optional operator on) escaped, for `include`. */
export function escapeRegex(text: string): string {
  return text.replace(/[.?+*|{}[\]()"\\#@&<>~^$]/g, '\\$&');
}

export interface TagSuggestionsPlan {
  prefix: string;
  minScore: number;
  /** As ImageSearchPlan.tagsField: undefined, the nested `tags` answer. */
  tagsField?: string;
  size: number;
}

export function planTagSuggestions(params: TagSuggestionsQuery, context: ImagesContext): TagSuggestionsPlan {
  const minScore = roundScore(params.minScore ?? context.minScore);
  const tagsField = tagsFieldFor(minScore, context);
  return {
    prefix: (params.prefix ?? '').trim().toLowerCase(),
    minScore,
    ...(tagsField ? { tagsField } : {}),
    size: params.size ?? 10,
  };
}

/**
 * Lucene regexp matching a tag any of whose words starts with the prefix: "pool" finds
 * "swimming pool", "bed" finds "room with bed". User text is escaped, never syntax.
 */
function wordStart(prefix: string): string {
  return `(.* )?${escapeRegex(prefix)}.*`;
}

/** The most frequent tags with a word starting with the prefix, counted in images. */
export function buildTagSuggestionsSearch(
  plan: TagSuggestionsPlan,
  context: ImagesContext,
): estypes.SearchRequest {
  const base = aggregationsOver(context.index);
  const { tagsField } = plan;
  if (tagsField) {
    return {
      ...base,
      ...(plan.prefix === ''
        ? {}
        : { query: { regexp: { [tagsField]: { value: wordStart(plan.prefix) } } } }),
      aggs: {
        [AGG.suggestions]: {
          terms: {
            field: tagsField,
            size: plan.size,
            // An image with "bed" also carries other tags: keep only the matching ones.
            ...(plan.prefix === '' ? {} : { include: wordStart(plan.prefix) }),
          },
        },
      },
    };
  }
  const matching: Query = {
    bool: {
      filter: [
        scoreAtLeast(plan.minScore),
        ...(plan.prefix === '' ? [] : [{ regexp: { 'tags.tag': { value: wordStart(plan.prefix) } } }]),
      ],
    },
  };
  return {
    ...base,
    query: { nested: { path: 'tags', query: matching } },
    aggs: {
      [AGG.scoredTags]: {
        nested: { path: 'tags' },
        aggs: {
          [AGG.aboveMinScore]: {
            filter: matching,
            aggs: {
              [AGG.suggestions]: {
                terms: { field: 'tags.tag', size: plan.size },
                aggs: { [AGG.images]: { reverse_nested: {} } },
              },
            },
          },
        },
      },
    },
  };
}

export function buildImageByIdSearch(
  imageId: string,
  context: { index: string },
  fields?: string[],
): estypes.SearchRequest {
  return {
    ...searchOver(context.index),
    size: 1,
    query: { ids: { values: [imageId] } },
    ...(fields ? { _source: fields } : {}),
  };
}
