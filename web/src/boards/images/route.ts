import type { BoardRoute } from '../../lib/board-route.ts';

export const imagesRoute: BoardRoute = {
  path: '/images',
  title: 'Image tags',
  lazy: () => import('./images-page.tsx').then((m) => ({ Component: m.ImagesPage })),
};
