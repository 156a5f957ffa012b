import type { Board } from '../../core/board.ts';
import { imagesIndexTemplate } from './mapping.ts';
import { imagesRoutes } from './routes.ts';
import { imagesHaveData, seedImages } from './demo/seed.ts';
import { imagesStoredDataNotes } from './stored-mapping.ts';

/** Hotel image tags: how many images carry a Vision tag, where, in which sizes. */
export const imagesBoard: Board = {
  name: 'images',
  routes: imagesRoutes,
  indexTemplates: (config) => [imagesIndexTemplate(config.images.index)],
  storedDataNotes: imagesStoredDataNotes,
  demo: { hasData: imagesHaveData, seed: seedImages },
};
