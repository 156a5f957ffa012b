import type { BoardRoute } from '../../lib/board-route.ts';

export const containersRoute: BoardRoute = {
  path: '/containers',
  title: 'Container failures',
  lazy: () => import('./containers-page.tsx').then((m) => ({ Component: m.ContainersPage })),
  pages: [
    {
      // The target of failure alerts: opened cold, with an absolute range in its query string.
      path: '/containers/failures/:taskId',
      lazy: () => import('./failure-page.tsx').then((m) => ({ Component: m.FailurePage })),
    },
  ],
};
