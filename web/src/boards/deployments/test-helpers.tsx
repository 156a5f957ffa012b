import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createNowStore, NowContext } from '../../lib/now.ts';

// Test-only: renders a piece of the board at a URL, with the same providers as the app.

export const NOW = new Date('2026-11-26T10:43:00.000Z');

export function renderAt(url: string, ui: () => ReactNode) {
  const router = createMemoryRouter([{ path: '/deployments', element: ui() }], { initialEntries: [url] });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <NowContext value={createNowStore(NOW)}>
        <RouterProvider router={router} />
      </NowContext>
    </QueryClientProvider>,
  );
  const search = () => new URLSearchParams(router.state.location.search);
  return { router, search, user: userEvent.setup() };
}
