import type { estypes } from '@elastic/elasticsearch';
import {
  buildHotelNamesSearch,
  buildImageFacetsSearch,
  buildImageHitsSearch,
  type ImageSearchPlan,
  type ImagesContext,
} from './query.ts';
import { listedHotelIds, type ImageSearchResponses } from './shape.ts';

type Search = (
  request: estypes.SearchRequest,
) => Promise<estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>>;

/**
 * One image search as the engine answers it: the page of hits and the facets at once (two
 * searches on the engine's search threads in parallel), then the names of the hotels the facet
 * lists. The facet and name searches are aggregation-only, so a repeated selection is served
 * by the shard request cache.
 */
export async function runImageSearch(
  search: Search,
  plan: ImageSearchPlan,
  context: ImagesContext,
): Promise<ImageSearchResponses> {
  const [hits, facets] = await Promise.all([
    search(buildImageHitsSearch(plan, context)),
    search(buildImageFacetsSearch(plan, context)),
  ]);
  const hotelIds = listedHotelIds(facets, plan);
  if (hotelIds.length === 0) return { hits, facets };
  return { hits, facets, hotelNames: await search(buildHotelNamesSearch(plan, context, hotelIds)) };
}
