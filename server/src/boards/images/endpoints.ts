import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { defineEndpoint, type EndpointContext } from '../../core/board.ts';
import { esErrorResponses } from '../../core/error-schema.ts';
import type { Client } from '@elastic/elasticsearch';
import {
  buildImageByIdSearch,
  buildImageHitsSearch,
  HIT_FIELDS,
  buildTagSuggestionsSearch,
  planImageSearch,
  roundScore,
  planTagSuggestions,
} from './query.ts';
import { shapeImageDetail, shapeImageRows, shapeImageSearch, shapeTagSuggestions } from './shape.ts';
import { withoutPage } from '../../es/request-basics.ts';
import {
  ImageDetailResponse,
  ImageParams,
  ImageSearchQuery,
  ImageSearchResponse,
  PlaceholderParams,
  TagSuggestionsQuery,
  TagSuggestionsResponse,
} from './schema.ts';
import { placeholderSvg } from './placeholder.ts';
import type { StoredImage } from './mapping.ts';
import { storedScoreThresholds } from './stored-mapping.ts';
import { runImageSearch } from './run-search.ts';
import { PARTIAL_HEADER, partialReasons } from '../../es/search.ts';

const contextOf = ({ config }: Pick<EndpointContext, 'config'>) => ({
  index: config.images.index,
  minScore: config.images.minScore,
});

/** One memo of the stored thresholds per client and index (re-read at most once a minute). */
const thresholdsByClient = new WeakMap<Client, Map<string, () => Promise<readonly number[]>>>();

/** The board's context with the `tags_min_*` thresholds the stored images carry. */
async function searchContextOf(context: EndpointContext) {
  const board = contextOf(context);
  const byIndex = thresholdsByClient.get(context.es) ?? new Map();
  thresholdsByClient.set(context.es, byIndex);
  let thresholds = byIndex.get(board.index);
  if (!thresholds) {
    thresholds = storedScoreThresholds(context.es, board.index);
    byIndex.set(board.index, thresholds);
  }
  return { ...board, scoreThresholds: await thresholds() };
}

/** Build → search → shape for each endpoint; errors go to the app's one error handler. */
export const imagesEndpoints = [
  defineEndpoint({
    url: '/search',
    summary: 'Images matching the selections, with multi-select facet counts',
    description:
      'Each facet counts the images that match every other selection, so choosing a value keeps ' +
      'its alternatives. Paged with `nextCursor` (search_after on imageId).',
    querystring: ImageSearchQuery,
    response: ImageSearchResponse,
    async answer({ query }, context) {
      const board = await searchContextOf(context);
      const plan = planImageSearch(query, board);
      return shapeImageSearch(await runImageSearch(context.search, plan, board), plan);
    },
    export: {
      // Image metadata has no event time: the file is named by board and list only.
      name: 'images',
      columns: HIT_FIELDS,
      hits: {
        async search(query, context) {
          const board = await searchContextOf(context);
          const plan = planImageSearch({ ...query, cursor: undefined }, board);
          return withoutPage(buildImageHitsSearch(plan, board));
        },
        rows: (hits, context, query) =>
          shapeImageRows(hits, roundScore(query.minScore ?? contextOf(context).minScore)),
      },
    },
  }),
  defineEndpoint({
    url: '/tags',
    summary: 'Tag suggestions with the number of images carrying each',
    querystring: TagSuggestionsQuery,
    response: TagSuggestionsResponse,
    async answer({ query }, context) {
      const board = await searchContextOf(context);
      const plan = planTagSuggestions(query, board);
      return shapeTagSuggestions(await context.search(buildTagSuggestionsSearch(plan, board)), plan);
    },
  }),
  defineEndpoint({
    url: '/:imageId',
    summary: 'One image with every Vision tag and score',
    params: ImageParams,
    response: ImageDetailResponse,
    build({ params }, context) {
      const board = contextOf(context);
      return { search: buildImageByIdSearch(params.imageId, board), minScore: board.minScore };
    },
    shape: (response, { minScore }) => shapeImageDetail(response, minScore) ?? null,
    notFound: (params) => `no image with imageId ${params.imageId}`,
  }),
];

/** The placeholder picture: SVG, not JSON, so a route of its own next to the endpoint table. */
export const imagesPictureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/placeholder/:imageId.svg',
    {
      schema: {
        summary: 'A generated placeholder picture of the image (demo)',
        description:
          'An SVG with the hotel name, top tags and size, in a colour of its hotel; no network needed.',
        tags: ['images'],
        params: PlaceholderParams,
        // Per status: the picture is SVG, the errors are JSON like every other route's.
        response: {
          200: { description: 'The picture', content: { 'image/svg+xml': { schema: Type.String() } } },
          ...esErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { imageId } = request.params;
      const fields = ['imageId', 'hotelId', 'hotelName', 'width', 'height', 'tags_counted'];
      const response = await app.esSearch(buildImageByIdSearch(imageId, contextOf(app), fields));
      const partial = partialReasons(response);
      if (partial.length > 0) reply.header(PARTIAL_HEADER, partial.sort().join(','));
      const source = response.hits.hits[0]?._source as Partial<StoredImage> | undefined;
      const svg = placeholderSvg({
        imageId,
        ...(source?.hotelId ? { hotelId: source.hotelId } : {}),
        ...(source?.hotelName ? { hotelName: source.hotelName } : {}),
        ...(source?.width ? { width: source.width } : {}),
        ...(source?.height ? { height: source.height } : {}),
        tags: source?.tags_counted ?? [],
      });
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(svg);
    },
  );
};
