import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import type { FindResponse } from '@lookout/server/types';
import { renderRoute } from '../lib/test-render.tsx';
import { requestedUrls, stubApi } from '../lib/test-api.ts';
import { FindBox } from './find-box.tsx';

afterEach(() => vi.unstubAllGlobals());

const searched = {
  boards: ['cloudtrail', 'containers'],
  from: '2026-11-25T10:43:00.000Z',
  to: '2026-11-26T10:43:00.000Z',
};

function answer(results: FindResponse['results'], recognised: FindResponse['recognised'] = []) {
  return (url: URL): FindResponse => ({ q: url.searchParams.get('q') ?? '', recognised, results, searched });
}

describe('the find box', () => {
  it('opens the first result with one Enter after pasting, searching the selected range', async () => {
    const fetchMock = stubApi(
      answer(
        [
          {
            board: 'cloudtrail',
            what: 'source IP',
            count: 4,
            newest: '2026-11-26T10:00:00.000Z',
            anyAge: false,
            link: '/cloudtrail?sourceIp=203.0.113.9',
          },
          {
            board: 'containers',
            what: 'service',
            count: 1,
            newest: '2026-11-26T09:00:00.000Z',
            anyAge: false,
            link: '/containers?service=x',
          },
        ],
        [{ shape: 'ipv4', label: 'IPv4 address' }],
      ),
    );
    const { router, user } = renderRoute('*', '/cloudtrail?from=now-6h', <FindBox />);
    const input = screen.getByRole('combobox', { name: 'Find a value across the boards' });
    expect(input.getAttribute('data-shortcut')).toBe('find');
    await user.click(input);
    await user.paste('203.0.113.9');
    await user.keyboard('{Enter}');
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/cloudtrail'));
    expect(router.state.location.search).toBe('?sourceIp=203.0.113.9');
    const find = requestedUrls(fetchMock).find((url) => url.pathname === '/api/find')!;
    expect(Object.fromEntries(find.searchParams)).toEqual({ q: '203.0.113.9', from: 'now-6h', to: 'now' });
  });

  it('lists the results and opens the one chosen with the arrow keys', async () => {
    stubApi(
      answer([
        {
          board: 'cloudtrail',
          what: 'principal',
          count: 2,
          newest: '2026-11-26T10:00:00.000Z',
          anyAge: false,
          link: '/cloudtrail?principal=x',
        },
        {
          board: 'deployments',
          what: 'service',
          count: 7,
          newest: '2026-11-26T08:00:00.000Z',
          anyAge: false,
          link: '/deployments?service=x',
        },
      ]),
    );
    const { router, user } = renderRoute('*', '/cloudtrail', <FindBox />);
    await user.click(screen.getByRole('combobox'));
    await user.keyboard('x');
    expect(await screen.findByRole('option', { name: /deployments · service · 7 matches/ })).toBeTruthy();
    await user.keyboard('{ArrowDown}{Enter}');
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/deployments'));
  });

  it('names the boards and range searched when nothing matches', async () => {
    stubApi(answer([]));
    const { user } = renderRoute('*', '/cloudtrail?tz=utc', <FindBox />);
    await user.click(screen.getByRole('combobox'));
    await user.keyboard('nothing-like-this');
    const status = await screen.findByText(/Not found in cloudtrail, containers between/);
    expect(status.textContent).toContain('2026');
  });
});
