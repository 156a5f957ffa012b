import { useCallback, useMemo } from 'react';
import type { images } from '@lookout/server/types';
import {
  kept,
  list,
  single,
  useBoardFilters,
  type BoardFilters,
  type FilterChange,
} from '../../lib/use-board-filters.ts';
import { readList, readSingle } from '../../lib/url-params.ts';
import { formatBbox, parseBbox, type Bbox } from './map-geometry.ts';

// Every selection of the images board lives in the query string, under the names the BFF takes
// (`tags`, `hotel`, `minWidth`, `bbox`, …), so a link or a reload restores exactly the view and
// a URL can be read against the API docs. Defaults are never written. The board has no time
// range: from/to/refresh/tz are left alone for the other boards and never sent.

type Orientation = images.Orientation;

export const ORIENTATIONS: readonly Orientation[] = ['landscape', 'portrait', 'square'];
export type TagMode = NonNullable<images.ImageSearchQuery['tagMode']>;

/** Inclusive `min`, exclusive `max`, as the API's size facet buckets. */
export interface PixelRange {
  min?: number;
  max?: number;
}

export interface ImagesView {
  tags: string[];
  tagMode: TagMode;
  labels: string[];
  hotels: string[];
  /** undefined: the server's default (IMAGES_MIN_SCORE). */
  minScore: number | undefined;
  width: PixelRange;
  height: PixelRange;
  orientations: Orientation[];
  bbox: Bbox | undefined;
  /** imageId shown in the drawer. */
  image: string | undefined;
  /** Parameters whose value was not understood and is left out of the requests, each with why. */
  ignored: { param: string; value: string; reason: string }[];
}

/** A change to the URL: a list replaces all values of its parameter; null removes a parameter. */
export type ImagesChange = Partial<{
  tags: readonly string[];
  tagMode: TagMode;
  labels: readonly string[];
  hotel: readonly string[];
  orientation: readonly Orientation[];
  minScore: number | null;
  width: PixelRange;
  height: PixelRange;
  bbox: Bbox | null;
  image: string | null;
}>;

/** The URL parameters, in the order a change writes them; read by `parseImagesView`. */
export const IMAGES_FIELDS = {
  tags: list(),
  labels: list(),
  hotel: list(),
  orientation: list<Orientation>(),
  tagMode: single<'all'>(),
  minScore: single(),
  minWidth: single(),
  maxWidth: single(),
  minHeight: single(),
  maxHeight: single(),
  bbox: single(),
  /** imageId shown in the drawer: "Clear all" leaves it open. */
  image: kept(),
};
const MAX_PIXELS = 1_000_000;

function lowerCaseList(params: URLSearchParams, name: string): string[] {
  return [...new Set(readList(params, name).map((value) => value.toLowerCase()))];
}

export function parseImagesView(params: URLSearchParams): ImagesView {
  const ignored: ImagesView['ignored'] = [];
  const ignore = (param: string, reason: string) => {
    ignored.push({ param, value: params.get(param) ?? '', reason });
    return undefined;
  };

  const pixels = (param: string): number | undefined => {
    const text = readSingle(params, param);
    if (text === undefined) return undefined;
    const value = Number(text);
    return Number.isInteger(value) && value >= 0 && value <= MAX_PIXELS
      ? value
      : ignore(param, 'not a whole number of pixels');
  };
  const range = (name: 'Width' | 'Height'): PixelRange => {
    const min = pixels(`min${name}`);
    const max = pixels(`max${name}`);
    if (min !== undefined && max !== undefined && max <= min) {
      ignore(`max${name}`, `not above min${name}`);
      return { min };
    }
    return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
  };

  const scoreText = readSingle(params, 'minScore');
  const score = scoreText === undefined ? undefined : Number(scoreText);
  const minScore =
    score === undefined
      ? undefined
      : Number.isFinite(score) && score >= 0 && score <= 1
        ? score
        : ignore('minScore', 'not a score between 0 and 1');

  const bboxText = readSingle(params, 'bbox');
  const bbox =
    bboxText === undefined
      ? undefined
      : (parseBbox(bboxText) ?? ignore('bbox', 'not minLon,minLat,maxLon,maxLat in degrees'));

  const orientations: Orientation[] = [];
  for (const value of readList(params, 'orientation')) {
    if ((ORIENTATIONS as readonly string[]).includes(value)) orientations.push(value as Orientation);
    else ignored.push({ param: 'orientation', value, reason: 'not landscape, portrait or square' });
  }

  const tagMode = readSingle(params, 'tagMode');
  if (tagMode !== undefined && tagMode !== 'any' && tagMode !== 'all') ignore('tagMode', 'not any or all');

  return {
    tags: lowerCaseList(params, 'tags'),
    tagMode: tagMode === 'all' ? 'all' : 'any',
    labels: lowerCaseList(params, 'labels'),
    hotels: readList(params, 'hotel'),
    minScore,
    width: range('Width'),
    height: range('Height'),
    orientations,
    bbox,
    image: readSingle(params, 'image'),
    ignored,
  };
}

const urlNumber = (value: number | undefined | null) =>
  value === undefined || value === null ? null : String(value);

/** The change as URL parameters: ranges, numbers and the box in the form the API takes. */
export function imagesUrlChange(change: ImagesChange): FilterChange<typeof IMAGES_FIELDS> {
  const { tagMode, minScore, width, height, bbox, ...rest } = change;
  return {
    ...rest,
    ...(tagMode !== undefined && { tagMode: tagMode === 'all' ? 'all' : null }),
    ...(minScore !== undefined && { minScore: urlNumber(minScore) }),
    ...(width !== undefined && { minWidth: urlNumber(width.min), maxWidth: urlNumber(width.max) }),
    ...(height !== undefined && { minHeight: urlNumber(height.min), maxHeight: urlNumber(height.max) }),
    ...(bbox !== undefined && { bbox: bbox && formatBbox(bbox) }),
  };
}

/** The view as a change: writing it to an empty URL gives back the same view. */
export function viewAsChange(view: ImagesView): ImagesChange {
  return {
    tags: view.tags,
    tagMode: view.tagMode,
    labels: view.labels,
    hotel: view.hotels,
    orientation: view.orientations,
    minScore: view.minScore ?? null,
    width: view.width,
    height: view.height,
    bbox: view.bbox ?? null,
    image: view.image ?? null,
  };
}

export function hasSelections(view: ImagesView): boolean {
  return (
    view.tags.length > 0 ||
    view.labels.length > 0 ||
    view.hotels.length > 0 ||
    view.orientations.length > 0 ||
    view.minScore !== undefined ||
    view.width.min !== undefined ||
    view.width.max !== undefined ||
    view.height.min !== undefined ||
    view.height.max !== undefined ||
    view.bbox !== undefined
  );
}

/** The search endpoint's parameters for the view (no image, no time range). */
export function searchParamsOf(view: ImagesView): images.ImageSearchQuery {
  return {
    tags: view.tags,
    // Sent only when it matters: `any` is the default and means nothing without tags.
    tagMode: view.tagMode === 'all' && view.tags.length > 0 ? 'all' : undefined,
    labels: view.labels,
    hotel: view.hotels,
    minScore: view.minScore,
    minWidth: view.width.min,
    maxWidth: view.width.max,
    minHeight: view.height.min,
    maxHeight: view.height.max,
    orientation: view.orientations,
    bbox: view.bbox && formatBbox(view.bbox),
  };
}

export interface ImagesViewState extends ImagesView, Pick<BoardFilters<typeof IMAGES_FIELDS>, 'clear'> {
  params: images.ImageSearchQuery;
  /** Selections are navigations: Back undoes them. */
  update(change: ImagesChange, options?: { replace?: boolean }): void;
  /** `?…` for a link that applies `change` (cards and drill-downs are real links). */
  searchFor(change: ImagesChange): string;
}

export function useImagesView(): ImagesViewState {
  const filters = useBoardFilters(IMAGES_FIELDS);
  const view = useMemo(() => parseImagesView(filters.searchParams), [filters.searchParams]);
  // Keyed on the serialised parameters, so a change to `image` alone keeps the same object and
  // the search is not asked again.
  const paramsKey = JSON.stringify(searchParamsOf(view));
  const params = useMemo(() => JSON.parse(paramsKey) as images.ImageSearchQuery, [paramsKey]);

  const { update: updateUrl, searchFor: searchForUrl, clear } = filters;
  const update = useCallback(
    (change: ImagesChange, options?: { replace?: boolean }) => updateUrl(imagesUrlChange(change), options),
    [updateUrl],
  );
  const searchFor = useCallback(
    (change: ImagesChange) => searchForUrl(imagesUrlChange(change)),
    [searchForUrl],
  );

  return { ...view, params, update, searchFor, clear };
}
