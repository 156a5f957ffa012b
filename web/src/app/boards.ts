import type { LazyRouteFunction, RouteObject } from 'react-router';

// The app layer is the only place that knows every board; boards never know about each other.
// Each page is imported lazily so that a board's code (and recharts) loads only when opened.

interface Board {
  path: string;
  title: string;
  lazy: LazyRouteFunction<RouteObject>;
  /** Pages under the board's path (a deep link to one item), each its own lazy chunk. */
  pages?: readonly { path: string; lazy: LazyRouteFunction<RouteObject> }[];
}

export const BOARDS: readonly Board[] = [
  {
    path: '/cloudtrail',
    title: 'CloudTrail',
    lazy: () =>
      import('../boards/cloudtrail/cloudtrail-page.tsx').then((m) => ({ Component: m.CloudtrailPage })),
  },
  {
    path: '/containers',
    title: 'Container failures',
    lazy: () =>
      import('../boards/containers/containers-page.tsx').then((m) => ({ Component: m.ContainersPage })),
    pages: [
      {
        // The target of failure alerts: opened cold, with an absolute range in its query string.
        path: '/containers/failures/:taskId',
        lazy: () =>
          import('../boards/containers/failure-page.tsx').then((m) => ({ Component: m.FailurePage })),
      },
    ],
  },
  {
    path: '/deployments',
    title: 'Deployments',
    lazy: () =>
      import('../boards/deployments/deployments-page.tsx').then((m) => ({ Component: m.DeploymentsPage })),
  },
  {
    path: '/images',
    title: 'Image tags',
    lazy: () => import('../boards/images/images-page.tsx').then((m) => ({ Component: m.ImagesPage })),
  },
  {
    path: '/cluster',
    title: 'Cluster',
    lazy: () => import('../boards/cluster/cluster-page.tsx').then((m) => ({ Component: m.ClusterPage })),
  },
];
