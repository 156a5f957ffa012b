import type { BoardRoute } from '../../lib/board-route.ts';

export const cloudtrailRoute: BoardRoute = {
  path: '/cloudtrail',
  title: 'CloudTrail',
  lazy: () => import('./cloudtrail-page.tsx').then((m) => ({ Component: m.CloudtrailPage })),
};
