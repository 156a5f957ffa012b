import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { esErrorResponses, ErrorResponse } from '../../app/error-schema.ts';
import {
  buildImageByIdSearch,
  buildTagSuggestionsSearch,
  planImageSearch,
  planTagSuggestions,
} from './query.ts';
import { shapeImageDetail, shapeImageSearch, shapeTagSuggestions } from './shape.ts';
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
import { storedScoreThresholds } from './stored-mapping.ts';
import { runImageSearch } from './run-search.ts';
import type { StoredImage } from './mapping.ts';

const tags = ['images'];

/** Build → search → shape for each endpoint; errors go to the app's one error handler. */
export const imagesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { index, minScore } = app.config.images;
  const scoreThresholds = storedScoreThresholds(app.es, index);
  const contextNow = async () => ({ index, minScore, scoreThresholds: await scoreThresholds() });
  const context = { index, minScore };

  app.get(
    '/search',
    {
      schema: {
        summary: 'Images matching the selections, with multi-select facet counts',
        description:
          'Each facet counts the images that match every other selection, so choosing a value keeps ' +
          'its alternatives. Paged with `nextCursor` (search_after on imageId).',
        tags,
        querystring: ImageSearchQuery,
        response: { 200: ImageSearchResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const searchContext = await contextNow();
      const plan = planImageSearch(request.query, searchContext);
      return shapeImageSearch(await runImageSearch(app.esSearch, plan, searchContext), plan);
    },
  );

  app.get(
    '/tags',
    {
      schema: {
        summary: 'Tag suggestions with the number of images carrying each',
        tags,
        querystring: TagSuggestionsQuery,
        response: { 200: TagSuggestionsResponse, ...esErrorResponses },
      },
    },
    async (request) => {
      const searchContext = await contextNow();
      const plan = planTagSuggestions(request.query, searchContext);
      return shapeTagSuggestions(await app.esSearch(buildTagSuggestionsSearch(plan, searchContext)), plan);
    },
  );

  app.get(
    '/placeholder/:imageId.svg',
    {
      schema: {
        summary: 'A generated placeholder picture of the image (demo)',
        description:
          'An SVG with the hotel name, top tags and size, in a colour of its hotel; no network needed.',
        tags,
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
      const response = await app.esSearch(buildImageByIdSearch(imageId, context, fields));
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

  app.get(
    '/:imageId',
    {
      schema: {
        summary: 'One image with every Vision tag and score',
        tags,
        params: ImageParams,
        response: { 200: ImageDetailResponse, 404: ErrorResponse, ...esErrorResponses },
      },
    },
    async (request, reply) => {
      const response = await app.esSearch(buildImageByIdSearch(request.params.imageId, context));
      const image = shapeImageDetail(response, context.minScore);
      if (!image) {
        return reply.status(404).send({
          statusCode: 404,
          error: 'Not Found',
          message: `no image with imageId ${request.params.imageId}`,
        });
      }
      return image;
    },
  );
};
