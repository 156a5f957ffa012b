import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createNowStore, NowContext } from '../lib/now.ts';
import { routes } from './router.tsx';

beforeEach(() => {
  // The header polls /api/health; these tests are about navigation, so it just stays pending.
  vi.stubGlobal(
    'fetch',
    vi.fn(() => new Promise(() => {})),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function renderApp(url: string) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  render(
    <QueryClientProvider client={new QueryClient()}>
      <NowContext value={createNowStore(new Date())}>
        <RouterProvider router={router} />
      </NowContext>
    </QueryClientProvider>,
  );
  return { router, user: userEvent.setup() };
}

describe('app shell', () => {
  it('sends / to the CloudTrail board, keeping the time range of the link', async () => {
    const { router } = renderApp('/?from=now-1h&tz=utc');
    expect(await screen.findByRole('heading', { level: 1, name: 'CloudTrail' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/cloudtrail');
    expect(router.state.location.search).toBe('?from=now-1h&tz=utc');
  });

  it('opens the container failures board with its panels loading on their own', async () => {
    renderApp('/containers');
    expect(await screen.findByRole('heading', { level: 1, name: 'Container failures' })).toBeTruthy();
    expect(await screen.findByRole('region', { name: 'Recent failures' })).toBeTruthy();
    expect(screen.queryByText(/This board is being built/)).toBeNull();
  });

  it('opens a failure alert link on the failure page, under the containers board', async () => {
    const { router } = renderApp(
      '/containers/failures/0f3c9a1e2b7d4c5a?from=2026-11-26T09:55:00.000Z&to=2026-11-26T10:15:00.000Z&tz=utc',
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Container startup failure' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Boards' });
    expect(within(nav).getByRole('link', { name: 'Container failures' }).className).toContain('active');
    expect(screen.getByTestId('resolved-range').textContent).toBe(
      '2026-11-26 09:55:00 → 2026-11-26 10:15:00 UTC',
    );
    expect(router.state.location.pathname).toBe('/containers/failures/0f3c9a1e2b7d4c5a');
  });

  it('keeps every query parameter when switching boards', async () => {
    const { router, user } = renderApp('/cloudtrail?from=now-7d&tz=utc&refresh=30s');
    await screen.findByRole('heading', { level: 1, name: 'CloudTrail' });
    const nav = screen.getByRole('navigation', { name: 'Boards' });
    await user.click(within(nav).getByRole('link', { name: 'Image tags' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Image tags' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/images');
    expect(router.state.location.search).toBe('?from=now-7d&tz=utc&refresh=30s');
  });

  it('shows the resolved range and the update time in the selected zone', async () => {
    renderApp('/containers?from=2026-11-20T10:00:00.000Z&to=2026-11-21T10:00:00.000Z&tz=utc');
    await screen.findByRole('heading', { level: 1, name: 'Container failures' });
    expect(screen.getByTestId('resolved-range').textContent).toBe(
      '2026-11-20 10:00:00 → 2026-11-21 10:00:00 UTC',
    );
    expect(screen.getByText(/^Updated \d\d:\d\d:\d\d UTC$/)).toBeTruthy();
  });

  it('switches every timestamp to UTC with the time zone control', async () => {
    const { router, user } = renderApp(
      '/containers?from=2026-11-20T10:00:00.000Z&to=2026-11-21T10:00:00.000Z',
    );
    await screen.findByRole('heading', { level: 1, name: 'Container failures' });
    expect(screen.getByTestId('resolved-range').textContent).toBe(
      '2026-11-20 11:00:00 → 2026-11-21 11:00:00 GMT+1',
    );

    await user.selectOptions(screen.getByLabelText('Time zone'), 'utc');
    expect(screen.getByTestId('resolved-range').textContent).toBe(
      '2026-11-20 10:00:00 → 2026-11-21 10:00:00 UTC',
    );
    expect(router.state.historyAction).toBe('REPLACE');
  });

  it('moves "now" forward at the auto-refresh interval', async () => {
    vi.useFakeTimers({
      now: new Date('2026-11-26T10:00:00.000Z'),
      toFake: ['Date', 'setInterval', 'clearInterval'],
    });
    renderApp('/cloudtrail?from=now-1h&refresh=10s&tz=utc');
    await screen.findByRole('heading', { level: 1, name: 'CloudTrail' });
    expect(screen.getByText('Updated 10:00:00 UTC')).toBeTruthy();

    act(() => vi.advanceTimersByTime(10_000));

    expect(screen.getByText('Updated 10:00:10 UTC')).toBeTruthy();
    expect(screen.getByTestId('resolved-range').textContent).toBe(
      '2026-11-26 09:00:10 → 2026-11-26 10:00:10 UTC',
    );
  });

  it('names the URL values it ignored', async () => {
    renderApp('/cloudtrail?from=yesterday');
    await screen.findByRole('heading', { level: 1, name: 'CloudTrail' });
    expect(screen.getByText(/ignored invalid from=yesterday/).textContent).toContain(
      'using the default instead',
    );
    expect(screen.getByRole('button', { name: /^Time range/ }).textContent).toBe('Last 24 hours');
  });

  it('answers an unknown path with a page that links to the boards', async () => {
    renderApp('/cloudtrial?tz=utc');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    const link = within(screen.getByRole('main')).getByRole('link', { name: 'CloudTrail' });
    expect(link.getAttribute('href')).toBe('/cloudtrail?tz=utc');
  });
});
