import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Orientation } from '@lookout/server/types';
import { readList, readSingle, writeList } from '../../lib/url-params.ts';
import { formatBbox, parseBbox, type Bbox } from './map-geometry.ts';
import type { ImageSearchParams } from './queries.ts';

// Every selection of the images board lives in the query string, under the names the BFF takes
// (`tags`, `hotel`, `minWidth`, `bbox`, …), so a link or a reload restores exactly the view and
// a URL can be read against the API docs. Defaults are never written. The board has no time
// range: from/to/refresh/tz are left alone for the other boards and never sent.

export const ORIENTATIONS: readonly Orientation[] = ['landscape', 'portrait', 'square'];
export type TagMode = 'any' | 'all';

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

const LIST_PARAMS = ['tags', 'labels', 'hotel', 'orientation'] as const;
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

function setOrDelete(params: URLSearchParams, name: string, value: string | number | undefined | null) {
  if (value === undefined || value === null || value === '') params.delete(name);
  else params.set(name, String(value));
}

/** A new URLSearchParams with `change` applied; parameters it does not name are kept as they are. */
export function applyImagesChange(params: URLSearchParams, change: ImagesChange): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of LIST_PARAMS) {
    const list = change[name];
    if (list !== undefined) writeList(next, name, list);
  }
  if (change.tagMode !== undefined) setOrDelete(next, 'tagMode', change.tagMode === 'all' ? 'all' : null);
  if (change.minScore !== undefined) setOrDelete(next, 'minScore', change.minScore);
  if (change.width !== undefined) {
    setOrDelete(next, 'minWidth', change.width.min);
    setOrDelete(next, 'maxWidth', change.width.max);
  }
  if (change.height !== undefined) {
    setOrDelete(next, 'minHeight', change.height.min);
    setOrDelete(next, 'maxHeight', change.height.max);
  }
  if (change.bbox !== undefined) setOrDelete(next, 'bbox', change.bbox && formatBbox(change.bbox));
  if (change.image !== undefined) setOrDelete(next, 'image', change.image);
  return next;
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

/** Every selection removed; the open image stays open. */
export const CLEAR_SELECTIONS: ImagesChange = {
  tags: [],
  tagMode: 'any',
  labels: [],
  hotel: [],
  orientation: [],
  minScore: null,
  width: {},
  height: {},
  bbox: null,
};

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

/** Adds or removes one value of a multi-select facet, keeping the others. */
export function toggled<T extends string>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

/** The search endpoint's parameters for the view (no image, no time range). */
export function searchParamsOf(view: ImagesView): ImageSearchParams {
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

export interface ImagesViewState extends ImagesView {
  params: ImageSearchParams;
  /** Selections are navigations: Back undoes them. */
  update(change: ImagesChange, options?: { replace?: boolean }): void;
  /** `?…` for a link that applies `change` (cards and drill-downs are real links). */
  searchFor(change: ImagesChange): string;
}

export function useImagesView(): ImagesViewState {
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => parseImagesView(searchParams), [searchParams]);
  // Keyed on the serialised parameters, so a change to `image` alone keeps the same object and
  // the search is not asked again.
  const paramsKey = JSON.stringify(searchParamsOf(view));
  const params = useMemo(() => JSON.parse(paramsKey) as ImageSearchParams, [paramsKey]);

  const update = useCallback(
    (change: ImagesChange, options?: { replace?: boolean }) =>
      setSearchParams((previous) => applyImagesChange(previous, change), { replace: options?.replace }),
    [setSearchParams],
  );
  const searchFor = useCallback(
    (change: ImagesChange) => `?${applyImagesChange(searchParams, change).toString()}`,
    [searchParams],
  );

  return { ...view, params, update, searchFor };
}
