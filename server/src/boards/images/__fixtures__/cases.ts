import type { estypes } from '@elastic/elasticsearch';
import {
  buildImageByIdSearch,
  buildImageSearch,
  buildTagSuggestionsSearch,
  planImageSearch,
  planTagSuggestions,
  type ImagesContext,
} from '../query.ts';
import { shapeImageDetail, shapeImageSearch, shapeTagSuggestions } from '../shape.ts';

/**
 * Golden cases: each builds a request from fixed parameters, and shapes the response that the
 * real engine gave for it (recorded over the twelve hand-counted images of server/test). Re-record
 * with `RECORD_FIXTURES=1 npx vitest run --project integration test/images-api.int.test.ts`, then
 * review the diff of `<case>.response.json` and `<case>.expected.json`.
 */
export const GOLDEN_CONTEXT: ImagesContext = { index: 'lookout-images-golden', minScore: 0.6 };

type Response = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

export interface GoldenCase {
  name: string;
  request: estypes.SearchRequest;
  shape(response: Response): unknown;
}

function searchCase(name: string, params: Parameters<typeof planImageSearch>[0]): GoldenCase {
  const plan = planImageSearch(params, GOLDEN_CONTEXT);
  return { name, request: buildImageSearch(plan, GOLDEN_CONTEXT), shape: (response) => shapeImageSearch(response, plan) };
}

function tagsCase(name: string, params: Parameters<typeof planTagSuggestions>[0]): GoldenCase {
  const plan = planTagSuggestions(params, GOLDEN_CONTEXT);
  return {
    name,
    request: buildTagSuggestionsSearch(plan, GOLDEN_CONTEXT),
    shape: (response) => shapeTagSuggestions(response, plan),
  };
}

export const GOLDEN_CASES: GoldenCase[] = [
  searchCase('search-everything', { size: 3 }),
  searchCase('search-bed-landscape', { tags: ['Bed'], orientation: ['landscape'], size: 5 }),
  searchCase('search-all-tags-exact-score-in-box', {
    tags: ['bed', 'swimming pool'],
    tagMode: 'all',
    minScore: 0.5,
    bbox: '150,-35,152,-33',
    labels: ['guestroom'],
    minWidth: 1920,
  }),
  tagsCase('tags-prefix-b', { prefix: 'B' }),
  tagsCase('tags-prefix-b-above-095', { prefix: 'b', minScore: 0.95 }),
  {
    name: 'image-with-landmark',
    request: buildImageByIdSearch('img-07', GOLDEN_CONTEXT),
    shape: (response) => shapeImageDetail(response, GOLDEN_CONTEXT.minScore),
  },
];
