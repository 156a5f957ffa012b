import type { estypes } from '@elastic/elasticsearch';
import {
  buildImageFacetsSearch,
  buildImageHitsSearch,
  buildTagSuggestionsSearch,
  planImageSearch,
  planTagSuggestions,
  type ImagesContext,
} from '../query.ts';
import { shapeImageSearch, shapeTagSuggestions, type ImageSearchResponses } from '../shape.ts';
import { runImageSearch } from '../run-search.ts';
import { SCORE_THRESHOLDS } from '../mapping.ts';
import { imagesBoard } from '../board.ts';
import { endpointGoldenCases } from '../../../../test/golden-harness.ts';

/**
 * Golden cases: each builds a request from fixed parameters, and shapes the response that the
 * real engine gave for it (recorded over the twelve hand-counted images of server/test). Re-record
 * with `RECORD_FIXTURES=1 npx vitest run --project integration test/images-api.int.test.ts`, then
 * review the diff of `<case>.response.json` and `<case>.expected.json`.
 */
export const GOLDEN_CONTEXT: ImagesContext = {
  index: 'lookout-images-golden',
  minScore: 0.6,
  scoreThresholds: SCORE_THRESHOLDS,
};

type Response = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

type Search = (request: estypes.SearchRequest) => Promise<Response>;

export interface GoldenCase {
  name: string;
  request: estypes.SearchRequest | Record<string, estypes.SearchRequest>;
  shape(response: never): unknown;
  /** The live answer from `index`; by default `request` sent as it is. */
  live?(search: Search, index: string): Promise<unknown>;
}

const withoutTook = (response: Response): Response => ({ ...response, took: 0 });

/** An image search is several searches (see run-search.ts): the first two are its request. */
function searchCase(name: string, params: Parameters<typeof planImageSearch>[0]): GoldenCase {
  const plan = planImageSearch(params, GOLDEN_CONTEXT);
  return {
    name,
    request: {
      hits: buildImageHitsSearch(plan, GOLDEN_CONTEXT),
      facets: buildImageFacetsSearch(plan, GOLDEN_CONTEXT),
    },
    shape: (responses: ImageSearchResponses) => shapeImageSearch(responses, plan),
    live: async (search, index) => {
      const responses = await runImageSearch(search, plan, { ...GOLDEN_CONTEXT, index });
      return Object.fromEntries(
        Object.entries(responses).map(([part, response]) => [part, withoutTook(response)]),
      );
    },
  };
}

function tagsCase(name: string, params: Parameters<typeof planTagSuggestions>[0]): GoldenCase {
  const plan = planTagSuggestions(params, GOLDEN_CONTEXT);
  return {
    name,
    request: buildTagSuggestionsSearch(plan, GOLDEN_CONTEXT),
    shape: (response: Response) => shapeTagSuggestions(response, plan),
  };
}

/** Golden cases of the endpoints that are more than one search (`/search`) or read stored facts (`/tags`). */
export const STEP_CASES: GoldenCase[] = [
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
];

/** Every golden case: the endpoint table's (`<case>.case.json`) and the others. */
export const GOLDEN_CASES: GoldenCase[] = [...endpointGoldenCases(imagesBoard), ...STEP_CASES];
