import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createNowStore, NowContext } from './now.ts';
import { useKeymap } from './use-keymap.ts';

// Test-only: renders a board's piece at a URL with the same providers as the app (router,
// react-query without retries, a fixed "now"), and reads back the URL it leaves.

export const TEST_NOW = new Date('2026-11-26T10:43:00.000Z');

export function renderRoute(path: string, url: string, element: ReactNode) {
  const router = createMemoryRouter(
    [
      {
        path,
        element: (
          <>
            <Keymap />
            {element}
          </>
        ),
      },
    ],
    { initialEntries: [url] },
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <NowContext value={createNowStore(TEST_NOW)}>
        <RouterProvider router={router} />
      </NowContext>
    </QueryClientProvider>,
  );
  const search = () => new URLSearchParams(router.state.location.search);
  return { router, search, user: userEvent.setup() };
}

/** The app shell's keys (Esc closes drawers, j/k move through lists), as in the app. */
function Keymap() {
  useKeymap();
  return null;
}
