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
  landmarks: Array<{ description: string; location?: { lat: number; lon: number } }>;
  visionError?: { code: number; message: string };
  /** The Vision `AnnotateImageResponse` as delivered (stored, not indexed). */
  vision?: Record<string, unknown>;
  ingestedAt: string;
}

const keyword: estypes.MappingProperty = { type: 'keyword', ignore_above: 256 };
// Vision descriptions and producer labels compare case-insensitively, whoever wrote the document.
const lowercaseKeyword: estypes.MappingProperty = {
  type: 'keyword',
  normalizer: 'lowercase',
  ignore_above: 256,
};

/**
 * One index (or an alias over several) holds the metadata of every image. Facets read keywords
 * and doc values only: `tags_counted` for the default threshold, the `nested` `tags` when a
 * request sets its own `minScore` (a score applies to its own tag, not to any tag of the image).
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
        mappings: {
          dynamic: false,
          properties: {
            // No ignore_above: results sort (and page) by imageId, which must never be missing.
            imageId: { type: 'keyword' },
            hotelId: keyword,
            hotelName: keyword,
            url: { type: 'keyword', index: false, doc_values: false },
            width: { type: 'integer' },
            height: { type: 'integer' },
            orientation: keyword,
            location: { type: 'geo_point' },
            labels: lowercaseKeyword,
            tags: {
              type: 'nested',
              properties: { tag: lowercaseKeyword, score: { type: 'float' } },
            },
            tags_counted: lowercaseKeyword,
            tagsMinScore: { type: 'float' },
            landmarks: { properties: { description: keyword, location: { type: 'geo_point' } } },
            visionError: { properties: { code: { type: 'integer' }, message: { type: 'text' } } },
            vision: { type: 'object', enabled: false },
            ingestedAt: { type: 'date' },
          },
        },
      },
    },
  };
}
