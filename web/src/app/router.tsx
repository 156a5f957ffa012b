import { createBrowserRouter, redirect, type RouteObject } from 'react-router';
import { AppLayout } from './app-layout.tsx';
import { BOARDS } from './boards.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { RouteError } from './route-error.tsx';

export const routes: RouteObject[] = [
  {
    path: '/',
    Component: AppLayout,
    // Only reached when the layout itself fails; board errors are caught below, inside the layout.
    ErrorBoundary: RouteError,
    HydrateFallback: () => null,
    children: [
      {
        // Pathless, so the header and its time controls stay usable while a board shows its error.
        ErrorBoundary: RouteError,
        children: [
          {
            index: true,
            // A deep link to `/` from an alert keeps its time range.
            loader: ({ request }) => redirect(`${BOARDS[0].path}${new URL(request.url).search}`),
            element: null,
          },
          ...BOARDS.flatMap(({ path, lazy, pages = [] }) =>
            [{ path, lazy }, ...pages].map((page) => ({ path: page.path.slice(1), lazy: page.lazy })),
          ),
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
