import type { estypes } from '@elastic/elasticsearch';
import {
  aggregationsOf,
  buckets,
  docCount,
  isoOrNull,
  keyOf,
  metricValue,
  subAggregations,
  type Aggregations,
  type Bucket,
} from '../../es/aggregations.ts';
import {
  AGG,
  encodeCursor,
  facetAgg,
  facetGroups,
  ORIENTATIONS,
  SIZE_EDGES,
  type Facet,
  type ImageSearchPlan,
  type TagSuggestionsPlan,
} from './query.ts';
import type { StoredImage } from './mapping.ts';
import type {
  ImageDetailResponse,
  ImageFacets,
  ImageHit,
  ImageSearchResponse,
  Orientation,
  TagSuggestionsResponse,
} from './schema.ts';

type SearchResponse = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;
type Parent = Aggregations | Bucket;

function tagsAtLeast(tags: StoredImage['tags'] | undefined, minScore: number): ImageHit['tags'] {
  return (tags ?? [])
    .filter((tag) => tag.score >= minScore)
    .sort((a, b) => b.score - a.score || (a.tag < b.tag ? -1 : 1))
    .map(({ tag, score }) => ({ tag, score }));
}

function imageHit(source: Partial<StoredImage>, minScore: number): ImageHit {
  return {
    imageId: source.imageId ?? '',
    hotelId: source.hotelId ?? null,
    hotelName: source.hotelName ?? null,
    url: source.url ?? null,
    width: source.width ?? null,
    height: source.height ?? null,
    orientation: source.orientation ?? null,
    location: source.location ? { lat: source.location.lat, lon: source.location.lon } : null,
    labels: source.labels ?? [],
    tags: tagsAtLeast(source.tags, minScore),
    visionError: source.visionError ?? null,
  };
}

/** Counts of the top values plus the selected ones missing from the top, in that order. */
function selectable(
  parent: Parent,
  names: { top: string; selected: string },
  selected: string[],
  count: (bucket: Bucket) => number = (bucket) => bucket.doc_count,
): Array<{ key: string; count: number; selected: boolean; bucket?: Bucket }> {
  const entries: Array<{ key: string; count: number; selected: boolean; bucket?: Bucket }> = buckets(
    parent,
    names.top,
  ).map((bucket) => ({
    key: keyOf(bucket),
    count: count(bucket),
    selected: selected.includes(keyOf(bucket)),
    bucket,
  }));
  if (selected.length === 0) return entries;
  const listed = new Set(entries.map((entry) => entry.key));
  const found = new Map(buckets(parent, names.selected).map((bucket) => [keyOf(bucket), bucket]));
  for (const value of selected) {
    if (listed.has(value)) continue;
    const bucket = found.get(value);
    entries.push({
      key: value,
      count: bucket ? count(bucket) : 0,
      selected: true,
      ...(bucket ? { bucket } : {}),
    });
  }
  return entries;
}

const facetTerms = (facet: Facet) => ({
  top: facetAgg(facet, AGG.top),
  selected: facetAgg(facet, AGG.selected),
});

/** Where each facet's aggregations are: the top level, or the filter aggregation of its group. */
function facetParents(aggs: Parent, plan: ImageSearchPlan): Record<Facet, Parent> {
  const parents: Partial<Record<Facet, Parent>> = {};
  for (const group of facetGroups(plan)) {
    const parent = group.name === undefined ? aggs : subAggregations(aggs, group.name);
    for (const facet of group.facets) parents[facet] = parent;
  }
  return parents as Record<Facet, Parent>;
}

function tagFacet(parent: Parent, plan: ImageSearchPlan): ImageFacets['tags'] {
  const entries = plan.tagsField
    ? selectable(parent, facetTerms('tags'), plan.tags)
    : selectable(
        subAggregations(subAggregations(parent, facetAgg('tags', AGG.scoredTags)), AGG.aboveMinScore),
        { top: AGG.top, selected: AGG.selected },
        plan.tags,
        (bucket) => docCount(bucket, AGG.images),
      );
  return entries.map(({ key, count, selected }) => ({ tag: key, count, selected }));
}

function sizeFacet(parent: Parent, facet: 'width' | 'height'): ImageFacets['width'] {
  const counts = buckets(parent, facetAgg(facet, AGG.ranges)).map((bucket) => bucket.doc_count);
  const edges = [0, ...SIZE_EDGES];
  return edges.map((from, n) => ({ from, to: SIZE_EDGES[n] ?? null, count: counts[n] ?? 0 }));
}

function orientationFacet(parent: Parent, selected: Orientation[]): ImageFacets['orientation'] {
  const counts = new Map(
    buckets(parent, facetAgg('orientation', AGG.top)).map((bucket) => [keyOf(bucket), bucket.doc_count]),
  );
  return ORIENTATIONS.map((orientation) => ({
    orientation,
    count: counts.get(orientation) ?? 0,
    selected: selected.includes(orientation),
  }));
}

function geoFacet(parent: Parent): ImageFacets['geo'] {
  return buckets(parent, facetAgg('geo', AGG.tiles)).map((bucket) => {
    const centroid = bucket[AGG.centroid] as { location?: { lat: number; lon: number } } | undefined;
    if (!centroid?.location) throw new Error(`aggregation "${AGG.centroid}" missing from a geo tile`);
    return {
      lat: centroid.location.lat,
      lon: centroid.location.lon,
      count: bucket.doc_count,
      tile: keyOf(bucket),
    };
  });
}

/** The answers of one image search (see query.ts): hits, facets, then the listed hotels' names. */
export interface ImageSearchResponses {
  hits: SearchResponse;
  facets: SearchResponse;
  /** Absent when the hotel facet lists no hotel. */
  hotelNames?: SearchResponse;
}

function hotelEntries(aggs: Parent, plan: ImageSearchPlan) {
  return selectable(facetParents(aggs, plan).hotels, facetTerms('hotels'), plan.hotels);
}

/** The hotels the facet lists, whose names the hotel-names search asks for. */
export function listedHotelIds(facets: SearchResponse, plan: ImageSearchPlan): string[] {
  return hotelEntries(aggregationsOf(facets), plan)
    .filter((entry) => entry.count > 0)
    .map((entry) => entry.key);
}

function hotelNamesOf(response: SearchResponse | undefined): Map<string, string> {
  if (!response) return new Map();
  return new Map(
    buckets(aggregationsOf(response), AGG.hotelNames).flatMap((bucket) => {
      const name = buckets(bucket, AGG.hotelName).map(keyOf)[0];
      return name === undefined ? [] : [[keyOf(bucket), name] as const];
    }),
  );
}

/** The rows of an images export: one per image, lists and places written out as text. */
export function shapeImageRows(hits: readonly estypes.SearchHit<unknown>[], minScore: number) {
  return hits.map((hit) => {
    const image = imageHit(hit._source as Partial<StoredImage>, minScore);
    return {
      ...image,
      location: image.location ? `${image.location.lat},${image.location.lon}` : null,
      tags: image.tags.map((tag) => `${tag.tag} (${tag.score})`),
      visionError: image.visionError ? `${image.visionError.code} ${image.visionError.message}` : null,
    };
  });
}

export function shapeImageSearch(
  responses: ImageSearchResponses,
  plan: ImageSearchPlan,
): ImageSearchResponse {
  const aggs = aggregationsOf(responses.facets);
  const parents = facetParents(aggs, plan);
  const names = hotelNamesOf(responses.hotelNames);
  const hits = responses.hits.hits.hits;
  const last = hits.at(-1);
  const lastKey = last?.sort?.[0];
  return {
    total: docCount(aggs, AGG.matching),
    hits: hits.map((hit) => imageHit(hit._source as Partial<StoredImage>, plan.minScore)),
    // A full page may have a successor; a short page is the last.
    nextCursor: hits.length === plan.pageSize && typeof lastKey === 'string' ? encodeCursor(lastKey) : null,
    minScore: plan.minScore,
    geoPrecision: plan.geoPrecision,
    facets: {
      tags: tagFacet(parents.tags, plan),
      labels: selectable(parents.labels, facetTerms('labels'), plan.labels).map(
        ({ key, count, selected }) => ({
          label: key,
          count,
          selected,
        }),
      ),
      hotels: hotelEntries(aggs, plan).map(({ key, count, selected }) => ({
        hotelId: key,
        hotelName: names.get(key) ?? null,
        count,
        selected,
      })),
      width: sizeFacet(parents.width, 'width'),
      height: sizeFacet(parents.height, 'height'),
      orientation: orientationFacet(parents.orientation, plan.orientations),
      geo: geoFacet(parents.geo),
    },
    newestIngestedAt: isoOrNull(metricValue(aggs, AGG.newest)),
  };
}

export function shapeTagSuggestions(
  response: SearchResponse,
  plan: TagSuggestionsPlan,
): TagSuggestionsResponse {
  const aggs = aggregationsOf(response);
  const tags = plan.tagsField
    ? buckets(aggs, AGG.suggestions).map((bucket) => ({ tag: keyOf(bucket), count: bucket.doc_count }))
    : buckets(subAggregations(subAggregations(aggs, AGG.scoredTags), AGG.aboveMinScore), AGG.suggestions).map(
        (bucket) => ({ tag: keyOf(bucket), count: docCount(bucket, AGG.images) }),
      );
  return { minScore: plan.minScore, tags };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** Vision's `LatLng` is `{ latitude, longitude }`. */
function latLngOf(location: Json): { lat: number; lon: number } | undefined {
  const latLng = isObject(location.latLng) ? location.latLng : {};
  const lat = numberOrNull(latLng.latitude);
  const lon = numberOrNull(latLng.longitude);
  return lat === null || lon === null ? undefined : { lat, lon };
}

/** The image with every tag and Vision's own annotations; undefined when there is no such image. */
export function shapeImageDetail(
  response: SearchResponse,
  configuredMinScore: number,
): ImageDetailResponse | undefined {
  const hit = response.hits.hits[0];
  if (!hit) return undefined;
  const source = hit._source as Partial<StoredImage>;
  const vision = isObject(source.vision) ? source.vision : {};
  const summary = imageHit(source, 0);
  return {
    imageId: summary.imageId || hit._id || '',
    hotelId: summary.hotelId,
    hotelName: summary.hotelName,
    url: summary.url,
    width: summary.width,
    height: summary.height,
    orientation: summary.orientation,
    location: summary.location,
    labels: summary.labels,
    minScore: configuredMinScore,
    tags: summary.tags.map((tag) => ({ ...tag, counted: tag.score >= configuredMinScore })),
    vision: {
      labels: objects(vision.labelAnnotations).map((label) => ({
        mid: stringOrNull(label.mid),
        description: stringOrNull(label.description) ?? '',
        score: numberOrNull(label.score),
        topicality: numberOrNull(label.topicality),
      })),
      landmarks: objects(vision.landmarkAnnotations).map((landmark) => ({
        mid: stringOrNull(landmark.mid),
        description: stringOrNull(landmark.description) ?? '',
        score: numberOrNull(landmark.score),
        locations: objects(landmark.locations).flatMap((location) => latLngOf(location) ?? []),
      })),
      error: summary.visionError,
    },
    ingestedAt: source.ingestedAt ? new Date(source.ingestedAt).toISOString() : null,
  };
}
