import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Board } from '../../src/core/board.ts';
import {
  ImageSearchQuery,
  ImageSearchResponse,
  TagSuggestionsQuery,
  TagSuggestionsResponse,
} from '../../src/boards/images/schema.ts';
import { buildTagSuggestionsSearch, planTagSuggestions } from '../../src/boards/images/query.ts';
import { shapeTagSuggestions } from '../../src/boards/images/shape.ts';
import { buildImageSearchV1, planImageSearchV1, shapeImageSearchV1 } from './query.ts';

/**
 * The old search path behind the BFF, at `/api/images-v1/search` over the old mapping's index,
 * so the bench times "before" through the same app as "after".
 */
export function imagesV1Board(index: string): Board {
  const routes: FastifyPluginAsyncTypebox = async (app) => {
    const context = { index, minScore: app.config.images.minScore, scoreThresholds: [] };
    app.get(
      '/search',
      { schema: { querystring: ImageSearchQuery, response: { 200: ImageSearchResponse } } },
      async (request) => {
        const plan = planImageSearchV1(request.query, context);
        return shapeImageSearchV1(await app.esSearch(buildImageSearchV1(plan, context)), plan);
      },
    );
    // Tag suggestions did not change but for the field: today's builder without `tags_min_*`.
    app.get(
      '/tags',
      { schema: { querystring: TagSuggestionsQuery, response: { 200: TagSuggestionsResponse } } },
      async (request) => {
        const plan = planTagSuggestions(request.query, context);
        return shapeTagSuggestions(await app.esSearch(buildTagSuggestionsSearch(plan, context)), plan);
      },
    );
  };
  return { name: 'images-v1', routes, indexTemplates: () => [] };
}
