import { imagesFinders } from './finders.ts';
import { defineBoard, lazyDemo } from '../../core/board.ts';
import { imagesConfig } from './config.ts';
import { imagesIndexTemplate } from './mapping.ts';
import { imagesEndpoints, imagesPictureRoutes } from './endpoints.ts';
import { imagesStoredDataNotes } from './stored-mapping.ts';

/** Hotel image tags: how many images carry a Vision tag, where, in which sizes. */
export const imagesBoard = defineBoard({
  name: 'images',
  title: 'Image tags',
  question: 'how many hotel images carry a tag, where, what sizes',
  config: imagesConfig,
  endpoints: imagesEndpoints,
  finders: imagesFinders,
  routes: imagesPictureRoutes,
  indexTemplates: (config) => [imagesIndexTemplate(config.images.index)],
  storedDataNotes: imagesStoredDataNotes,
  demo: lazyDemo(() => import('./demo/seed.ts')),
});
