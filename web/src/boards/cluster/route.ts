import type { BoardRoute } from '../../lib/board-route.ts';

export const clusterRoute: BoardRoute = {
  path: '/cluster',
  title: 'Cluster',
  lazy: () => import('./cluster-page.tsx').then((m) => ({ Component: m.ClusterPage })),
};
