import type { estypes } from '@elastic/elasticsearch';
import type { IndexTemplate } from '../../es/templates.ts';

/** The document Lookout stores per image (`_id` = imageId); see ingest/to-document.ts. */
export interface StoredImage {
  imageId: string;
  hotelId?: string;
  hotelName?: string;
  url?: string;
  width?: number;
  height?: number;
  orientation?: 'landscape' | 'portrait' | 'square';
  location?: { lat: number; lon: number };
  labels: string[];
  /** Every Vision tag: description lower-cased, best score per tag, score rounded to 4 decimals. */
  tags: Array<{ tag: string; score: number }>;
  /** Tags scoring at least IMAGES_MIN_SCORE when ingested: the fast path of the default facets. */
  tags_counted: string[];
  /** The minimum score `tags_counted` was built with. */
  tagsMinScore: number;
  /**
   * Tags scoring at least each common threshold (`tags_min_30` … `tags_min_90`): a request whose
   * minScore is one of them filters and counts with a term on a flat keyword, not a nested query.
   */
  [field: `tags_min_${number}`]: string[];
  landmarks: Array<{ description: string; location?: { lat: number; lon: number } }>;
  visionError?: { code: number; message: string };
  /** The Vision `AnnotateImageResponse` as delivered (stored, not indexed). */
  vision?: Record<string, unknown>;
  ingestedAt: string;
}

/**
 * The stored images' mapping version, in the index's `_meta`: 2 added the `tags_min_*` fields and
 * eager global ordinals. `lookout setup` names indices below it; `lookout images reindex` lifts them.
 */
export const IMAGES_MAPPING_VERSION = 2;
export const MAPPING_VERSION_KEY = 'lookoutImagesMapping';

/**
 * The thresholds the board offers (web `SCORE_CHOICES`), each a flat keyword field written at
 * ingest. Any other minScore is answered exactly through the nested `tags`, only slower.
 */
export const SCORE_THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

export const thresholdField = (threshold: number): `tags_min_${number}` =>
  `tags_min_${Math.round(threshold * 100)}`;

const keyword: estypes.MappingProperty = { type: 'keyword', ignore_above: 256 };
// Vision descriptions and producer labels compare case-insensitively, whoever wrote the document.
const lowercaseKeyword: estypes.MappingProperty = {
  type: 'keyword',
  normalizer: 'lowercase',
  ignore_above: 256,
};
// Facet fields: global ordinals built at refresh, not by the first search after it.
const facetKeyword: estypes.MappingProperty = { ...keyword, eager_global_ordinals: true };
const facetLowercaseKeyword: estypes.MappingProperty = { ...lowercaseKeyword, eager_global_ordinals: true };

/** The mapping of an image index: what the template gives new indices, and what reindex adds. */
export function imagesMappings(): estypes.MappingTypeMapping {
  return {
    dynamic: false,
    _meta: { [MAPPING_VERSION_KEY]: IMAGES_MAPPING_VERSION },
    properties: {
      // No ignore_above: results sort (and page) by imageId, which must never be missing.
      imageId: { type: 'keyword' },
      hotelId: facetKeyword,
      hotelName: facetKeyword,
      url: { type: 'keyword', index: false, doc_values: false },
      width: { type: 'integer' },
      height: { type: 'integer' },
      orientation: facetKeyword,
      location: { type: 'geo_point' },
      labels: facetLowercaseKeyword,
      tags: {
        type: 'nested',
        properties: { tag: lowercaseKeyword, score: { type: 'float' } },
      },
      tags_counted: facetLowercaseKeyword,
      ...Object.fromEntries(
        SCORE_THRESHOLDS.map((threshold) => [thresholdField(threshold), facetLowercaseKeyword]),
      ),
      tagsMinScore: { type: 'float' },
      landmarks: { properties: { description: keyword, location: { type: 'geo_point' } } },
      visionError: { properties: { code: { type: 'integer' }, message: { type: 'text' } } },
      vision: { type: 'object', enabled: false },
      ingestedAt: { type: 'date' },
    },
  };
}

/**
 * One index (or an alias over several) holds the metadata of every image. Facets read keywords
 * and doc values only: `tags_counted` for the default threshold, `tags_min_*` for the common
 * ones, the `nested` `tags` for any other `minScore` (a score applies to its own tag, not to any
 * tag of the image).
 * `dynamic: false`: unknown producer fields stay in `_source` without growing the mapping.
 */
export function imagesIndexTemplate(index: string): IndexTemplate {
  return {
    name: 'lookout-images',
    body: {
      index_patterns: [index],
      priority: 200,
      _meta: { description: 'Hotel image metadata with Google Cloud Vision tags' },
      template: {
        settings: {
          number_of_shards: 1,
          number_of_replicas: 0,
          refresh_interval: '5s',
          // A custom normalizer with the built-in `lowercase` filter (no analysis-common needed).
          analysis: { normalizer: { lowercase: { type: 'custom', filter: ['lowercase'] } } },
        },
        mappings: imagesMappings(),
      },
    },
  };
}
