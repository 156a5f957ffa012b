import type { BoardRoute } from '../../lib/board-route.ts';

export const tracesRoute: BoardRoute = {
  path: '/traces',
  title: 'Traces',
  lazy: () => import('./traces-page.tsx').then((m) => ({ Component: m.TracesPage })),
  pages: [
    {
      path: '/traces/services/:service',
      lazy: () => import('./service-page.tsx').then((m) => ({ Component: m.ServicePage })),
    },
    {
      // The deep link to one trace, with `?span=` for the selected span.
      path: '/traces/:traceId',
      lazy: () => import('./trace-page.tsx').then((m) => ({ Component: m.TracePage })),
    },
  ],
};
