/**
 * The image search request and answer as they were before issue #18, for the bench's "before"
 * column: one search for hits and facets, each facet in its own filter aggregation (the
 * selections in an always-present post_filter), the hotel names under every hotel bucket,
 * `tags_counted` at the configured score and the nested tags for every other minScore. Built
 * from today's pieces under the old aggregation names; its answer is moved into today's layout
 * and shaped by today's shaper.
 */
import type { estypes } from '@elastic/elasticsearch';
import {
  AGG,
  buildImageHitsSearch,
  facetAgg,
  facetAggs,
  facetGroups,
  planImageSearch,
  selectionClauses,
  type Facet,
  type ImageSearchPlan,
  type ImagesContext,
} from '../../src/boards/images/query.ts';
import { shapeImageSearch } from '../../src/boards/images/shape.ts';
import type { ImageSearchQuery, ImageSearchResponse } from '../../src/boards/images/schema.ts';

type Aggs = Record<string, estypes.AggregationsAggregationContainer>;
type Aggregate = estypes.AggregationsAggregate;
type Response = estypes.SearchResponse<unknown, Record<string, Aggregate>>;

const oldFacetName = (facet: Facet) => `${facet}_facet`;
const hotelName = { [AGG.hotelName]: { terms: { field: 'hotelName', size: 1 } } };

/** `tags_top` → `top`: inside its own filter aggregation, a facet's parts had bare names. */
function renamed<T>(aggs: Record<string, T>, from: (name: string) => string): Record<string, T> {
  return Object.fromEntries(Object.entries(aggs).map(([name, agg]) => [from(name), agg]));
}

/** The plan without `tags_min_*` fields (they did not exist): only `tags_counted` or nested. */
export function planImageSearchV1(params: ImageSearchQuery, context: ImagesContext): ImageSearchPlan {
  return planImageSearch(params, { ...context, scoreThresholds: [] });
}

function oldFacetAggs(plan: ImageSearchPlan, facet: Facet): Aggs {
  const aggs = renamed(facetAggs(plan, facet), (name) => name.slice(facet.length + 1));
  if (facet !== 'hotels') return aggs;
  return Object.fromEntries(Object.entries(aggs).map(([name, agg]) => [name, { ...agg, aggs: hotelName }]));
}

export function buildImageSearchV1(plan: ImageSearchPlan, context: ImagesContext): estypes.SearchRequest {
  const aggs: Aggs = {};
  for (const group of facetGroups(plan)) {
    for (const facet of group.facets) {
      aggs[oldFacetName(facet)] = {
        filter: { bool: { filter: group.filter } },
        aggs: oldFacetAggs(plan, facet),
      };
    }
  }
  const { query: _selections, ...hits } = buildImageHitsSearch(plan, context);
  return {
    ...hits,
    track_total_hits: true,
    post_filter: { bool: { filter: Object.values(selectionClauses(plan)).flat() } },
    aggs: { ...aggs, [AGG.newest]: { max: { field: 'ingestedAt' } } },
  };
}

interface OldBucket {
  key: string;
  [AGG.hotelName]?: Aggregate;
}

/** The old answer moved into today's layout (groups from the plan), then today's shaper. */
export function shapeImageSearchV1(response: Response, plan: ImageSearchPlan): ImageSearchResponse {
  const old = response.aggregations ?? {};
  const total = response.hits.total;
  const aggregations: Record<string, Aggregate> = {
    [AGG.newest]: old[AGG.newest]!,
    [AGG.matching]: { doc_count: typeof total === 'number' ? total : (total?.value ?? 0) } as Aggregate,
  };
  const hotelBuckets: OldBucket[] = [];
  for (const group of facetGroups(plan)) {
    const parts: Record<string, Aggregate> = {};
    for (const facet of group.facets) {
      const { doc_count: _count, ...facetParts } = old[oldFacetName(facet)] as unknown as Record<
        string,
        Aggregate
      >;
      Object.assign(
        parts,
        renamed(facetParts, (name) => facetAgg(facet, name)),
      );
      if (facet !== 'hotels') continue;
      for (const terms of Object.values(facetParts)) {
        hotelBuckets.push(...((terms as { buckets: OldBucket[] }).buckets ?? []));
      }
    }
    if (group.name === undefined) Object.assign(aggregations, parts);
    else aggregations[group.name] = parts as unknown as Aggregate;
  }
  const hotelNames = {
    ...response,
    aggregations: { [AGG.hotelNames]: { buckets: hotelBuckets } as unknown as Aggregate },
  };
  return shapeImageSearch({ hits: response, facets: { ...response, aggregations }, hotelNames }, plan);
}
