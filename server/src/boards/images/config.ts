import { Type } from 'typebox';
import { configSlice } from '../../core/config.ts';
import { variable } from '../../core/env.ts';

export interface ImagesConfig {
  /** The one index (or alias) of image metadata; `_id` is the producer's image id. */
  index: string;
  /**
   * Vision tags scoring below this are stored but not counted by default. It is applied at
   * ingest (`tags_counted`), so changing it needs a re-ingest; `?minScore=` is always exact.
   */
  minScore: number;
}

declare module '../../core/config.ts' {
  interface BoardConfigs {
    images: ImagesConfig;
  }
}

const variables = Type.Object({
  IMAGES_INDEX: variable.string({
    description: 'index of the hotel image metadata',
    default: 'lookout-images',
  }),
  IMAGES_MIN_SCORE: variable.number({
    description: 'Vision tags below this score are stored but not counted by default',
    default: 0.6,
    minimum: 0,
    maximum: 1,
  }),
});

export const imagesConfig = configSlice(variables, (read): ImagesConfig => {
  return { index: read.indexName('IMAGES_INDEX'), minScore: read.fraction('IMAGES_MIN_SCORE') };
});
