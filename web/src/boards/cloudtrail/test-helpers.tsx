import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createNowStore, NowContext } from '../../lib/now.ts';
import { useCloudtrailFilters, type CloudtrailFiltersState } from './use-cloudtrail-filters.ts';

// Test-only: renders a piece of the board at a URL, with the same providers as the app.

export const NOW = new Date('2026-11-26T10:43:00.000Z');

export function renderAt(url: string, ui: (filters: CloudtrailFiltersState) => ReactNode) {
  function Harness() {
    return <>{ui(useCloudtrailFilters())}</>;
  }
  const router = createMemoryRouter([{ path: '/cloudtrail', element: <Harness /> }], {
    initialEntries: [url],
  });
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

/** Stubs fetch with a function of the request URL; returns the mock to inspect the calls. */
export function stubApi(answer: (url: URL) => unknown) {
  const fetchMock = vi.fn(async (input: string) => {
    const url = new URL(input, 'http://lookout.test');
    const body = answer(url);
    return body instanceof Response ? body : Response.json(body);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The request URLs fetch was called with, as URL objects. */
export function requestedUrls(fetchMock: ReturnType<typeof stubApi>): URL[] {
  return fetchMock.mock.calls.map(([input]) => new URL(input, 'http://lookout.test'));
}
