import {
  infiniteQueryOptions,
  queryOptions,
  type InfiniteData,
  type UseInfiniteQueryResult,
} from '@tanstack/react-query';
import type { images } from '@lookout/server/types';
import { fetchJson } from '../../lib/api.ts';

/** The one search request, as the facets, the map and the grid share it. */
export type SearchQuery = UseInfiniteQueryResult<InfiniteData<images.ImageSearchResponse>, Error>;

/** A grid of 48 fills rows of 2, 3, 4, 6 or 8 thumbnails. */
export const IMAGES_PAGE_SIZE = 48;
/** Suggestions listed under the tag box. */
export const SUGGESTIONS = 8;

const base = '/api/images';

/**
 * Query options of the images board. Each key holds every parameter its fetcher sends. The
 * search is one request for the grid, the facets and the map: the facets and the map read its
 * first page, "Load more" adds pages with the cursor.
 */
export const imagesQueries = {
  all: () => ['images'] as const,

  search: (params: images.ImageSearchQuery) =>
    infiniteQueryOptions({
      queryKey: [...imagesQueries.all(), 'search', { ...params, size: IMAGES_PAGE_SIZE }] as const,
      queryFn: ({ signal, pageParam }) =>
        fetchJson<images.ImageSearchResponse>(
          `${base}/search`,
          { ...params, size: IMAGES_PAGE_SIZE, cursor: pageParam },
          signal,
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    }),

  /** Tags with a word starting with `prefix` ("pool" → "swimming pool"), busiest first. */
  tagSuggestions: (prefix: string, minScore: number | undefined) =>
    queryOptions({
      queryKey: [...imagesQueries.all(), 'tags', { prefix, minScore, size: SUGGESTIONS }] as const,
      queryFn: ({ signal }) =>
        fetchJson<images.TagSuggestionsResponse>(
          `${base}/tags`,
          { prefix, minScore, size: SUGGESTIONS },
          signal,
        ),
    }),

  image: (imageId: string) =>
    queryOptions({
      queryKey: [...imagesQueries.all(), 'image', imageId] as const,
      queryFn: ({ signal }) =>
        fetchJson<images.ImageDetailResponse>(`${base}/${encodeURIComponent(imageId)}`, {}, signal),
    }),
};

export type TagSuggestion = images.TagSuggestionsResponse['tags'][number];
