import type { BulkDocument } from '../../../es/bulk-writer.ts';
import { roundScore } from '../query.ts';
import { SCORE_THRESHOLDS, thresholdField, type StoredImage } from '../mapping.ts';

/**
 * One image as the producer writes it, one a line of NDJSON: metadata plus the raw Google Cloud
 * Vision `AnnotateImageResponse` for that image.
 *
 * {"imageId":"img-1","hotelId":"htl-7","hotelName":"Harbour Inn","url":"https://…/1.jpg",
 *  "width":4032,"height":3024,"location":{"lat":38.72,"lon":-9.14},"labels":["hero"],
 *  "vision":{"labelAnnotations":[{"mid":"/m/03ssj5","description":"Bed","score":0.97,"topicality":0.97}]}}
 *
 * `id` is accepted for `imageId`, and `{latitude, longitude}` (Vision's LatLng) for `{lat, lon}`.
 */
export interface ImageLine {
  imageId?: unknown;
  id?: unknown;
  hotelId?: unknown;
  hotelName?: unknown;
  url?: unknown;
  width?: unknown;
  height?: unknown;
  location?: unknown;
  labels?: unknown;
  vision?: unknown;
}

export interface ToImageOptions {
  index: string;
  /** IMAGES_MIN_SCORE: tags scoring at least this go into `tags_counted`. */
  minScore: number;
  /** Stored as `ingestedAt`. */
  now: Date;
  /** A Vision response from a batch file, replacing the line's own `vision`. */
  vision?: unknown;
}

export type ToImageResult =
  | { ok: true; doc: BulkDocument & { document: StoredImage } }
  | { ok: false; imageId?: string; reason: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The producer's image id: a non-empty string, or a number written as one. */
export function imageIdOf(line: unknown): string | undefined {
  if (!isObject(line)) return undefined;
  const raw = line.imageId ?? line.id;
  if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
  if (typeof raw === 'number' && Number.isInteger(raw)) return String(raw);
  return undefined;
}

/** `{lat, lon}` or Vision's `{latitude, longitude}`; undefined when absent, an error text when bad. */
export function locationOf(value: unknown): { lat: number; lon: number } | string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) return 'location must be an object {lat, lon}';
  const lat = value.lat ?? value.latitude;
  const lon = value.lon ?? value.longitude;
  if (!finite(lat) || !finite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    return `location must have lat in [-90, 90] and lon in [-180, 180], got ${JSON.stringify(value).slice(0, 80)}`;
  }
  return { lat, lon };
}

function pixels(name: string, value: unknown): number | string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > 1_000_000) {
    return `${name} must be a positive whole number of pixels, got ${JSON.stringify(value).slice(0, 40)}`;
  }
  return value;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function orientationOf(width: number, height: number): 'landscape' | 'portrait' | 'square' {
  return width > height ? 'landscape' : width < height ? 'portrait' : 'square';
}

/** Vision descriptions, lower-cased, each with its best score (rounded to 4 decimals), best first. */
export function tagsOf(labelAnnotations: unknown): StoredImage['tags'] {
  const best = new Map<string, number>();
  for (const label of Array.isArray(labelAnnotations) ? labelAnnotations : []) {
    if (!isObject(label)) continue;
    const tag = text(label.description)?.toLowerCase();
    if (tag === undefined) continue;
    const score = finite(label.score) ? roundScore(Math.min(1, Math.max(0, label.score))) : 0;
    best.set(tag, Math.max(score, best.get(tag) ?? 0));
  }
  return [...best]
    .map(([tag, score]) => ({ tag, score }))
    .sort((a, b) => b.score - a.score || (a.tag < b.tag ? -1 : 1));
}

function landmarksOf(landmarkAnnotations: unknown): StoredImage['landmarks'] {
  const landmarks: StoredImage['landmarks'] = [];
  for (const landmark of Array.isArray(landmarkAnnotations) ? landmarkAnnotations : []) {
    if (!isObject(landmark)) continue;
    const description = text(landmark.description);
    if (description === undefined) continue;
    const first = Array.isArray(landmark.locations) ? landmark.locations.find(isObject) : undefined;
    const location = first ? locationOf(first.latLng) : undefined;
    landmarks.push({ description, ...(typeof location === 'object' ? { location } : {}) });
  }
  return landmarks;
}

/** A per-image Vision failure, kept as delivered (`google.rpc.Status`: code and message). */
function visionErrorOf(error: unknown): StoredImage['visionError'] {
  if (!isObject(error)) return undefined;
  return {
    code: typeof error.code === 'number' && Number.isInteger(error.code) ? error.code : 2,
    message: typeof error.message === 'string' ? error.message : '',
  };
}

/**
 * `tags_min_30` … `tags_min_90`: the tags at or above each common threshold. A threshold no tag
 * reaches writes no field (a missing field and an empty array index alike).
 */
function tagsPerThreshold(tags: StoredImage['tags']): Record<`tags_min_${number}`, string[]> {
  const fields: Record<`tags_min_${number}`, string[]> = {};
  for (const threshold of SCORE_THRESHOLDS) {
    const reaching = tags.filter((tag) => tag.score >= threshold).map((tag) => tag.tag);
    if (reaching.length > 0) fields[thresholdField(threshold)] = reaching;
  }
  return fields;
}

/**
 * Turns one NDJSON line into the stored image: metadata, orientation, tags from Vision's
 * `labelAnnotations`, `tags_counted` (at least the minimum score), landmarks, the Vision error if
 * any, and the Vision response itself (labels, landmarks and error, as delivered). `_id` is the
 * image id, so ingesting the image again replaces it.
 */
export function toImageDocument(line: unknown, options: ToImageOptions): ToImageResult {
  if (!isObject(line)) return { ok: false, reason: 'not an image: expected a JSON object' };
  const imageId = imageIdOf(line);
  if (imageId === undefined) {
    return {
      ok: false,
      reason: 'no image id: a line needs a string "imageId" (or "id") to be stored exactly once',
    };
  }
  if (imageId.length > 512) return { ok: false, reason: 'image id longer than 512 characters' };
  const fail = (reason: string): ToImageResult => ({ ok: false, imageId, reason });

  const width = pixels('width', line.width);
  if (typeof width === 'string') return fail(width);
  const height = pixels('height', line.height);
  if (typeof height === 'string') return fail(height);
  const location = locationOf(line.location);
  if (typeof location === 'string') return fail(location);
  if (line.labels !== undefined && line.labels !== null) {
    if (!Array.isArray(line.labels) || line.labels.some((label) => typeof label !== 'string')) {
      return fail('labels must be an array of strings');
    }
  }
  const rawVision = options.vision ?? line.vision;
  if (rawVision !== undefined && rawVision !== null && !isObject(rawVision)) {
    return fail('vision must be a Vision AnnotateImageResponse object');
  }
  const vision: Json = rawVision ?? {};

  const tags = tagsOf(vision.labelAnnotations);
  const landmarks = landmarksOf(vision.landmarkAnnotations);
  const visionError = visionErrorOf(vision.error);
  const labels = Array.isArray(line.labels)
    ? [...new Set((line.labels as string[]).map((label) => label.trim()).filter((label) => label !== ''))]
    : [];
  // Without its own location an image may still be placed by a landmark Vision recognised.
  const place = location ?? landmarks.find((landmark) => landmark.location)?.location;
  const document: StoredImage = {
    imageId,
    labels,
    tags,
    tags_counted: tags.filter((tag) => tag.score >= options.minScore).map((tag) => tag.tag),
    tagsMinScore: options.minScore,
    ...tagsPerThreshold(tags),
    landmarks,
    ingestedAt: options.now.toISOString(),
  };
  const hotelId = text(typeof line.hotelId === 'number' ? String(line.hotelId) : line.hotelId);
  if (hotelId !== undefined) document.hotelId = hotelId;
  const hotelName = text(line.hotelName);
  if (hotelName !== undefined) document.hotelName = hotelName;
  const url = text(line.url);
  if (url !== undefined) document.url = url;
  if (width !== undefined) document.width = width;
  if (height !== undefined) document.height = height;
  if (width !== undefined && height !== undefined) document.orientation = orientationOf(width, height);
  if (place !== undefined) document.location = place;
  if (visionError !== undefined) document.visionError = visionError;
  // What Lookout reads of Vision's answer, as delivered; other annotation types are not kept.
  const kept: Json = {};
  for (const key of ['labelAnnotations', 'landmarkAnnotations', 'error']) {
    if (vision[key] !== undefined) kept[key] = vision[key];
  }
  if (Object.keys(kept).length > 0) document.vision = kept;
  return { ok: true, doc: { index: options.index, id: imageId, document } };
}
