import type { BoardRoute } from '../../lib/board-route.ts';

export const deploymentsRoute: BoardRoute = {
  path: '/deployments',
  title: 'Deployments',
  lazy: () => import('./deployments-page.tsx').then((m) => ({ Component: m.DeploymentsPage })),
};
