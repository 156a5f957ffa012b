import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { ACCESS_TOKEN_KEY, fetchJson } from '../lib/api.ts';
import { AccessTokenDialog } from './access-token-dialog.tsx';

const GOOD_TOKEN = 'tok-0123456789abcdef0123456789';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

/** A BFF in token mode: 401 with a Bearer challenge unless the request carries GOOD_TOKEN. */
function stubTokenModeBff() {
  const fetchMock = vi.fn(async (_url: string, init?: RequestInit) => {
    const authorization = new Headers(init?.headers).get('authorization');
    if (authorization === `Bearer ${GOOD_TOKEN}`) return Response.json({ total: 7 });
    return Response.json(
      { statusCode: 401, error: 'Unauthorized', message: 'the access token was not accepted' },
      { status: 401, headers: { 'www-authenticate': 'Bearer realm="lookout"' } },
    );
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function Total() {
  const { data, error } = useQuery({
    queryKey: ['summary'],
    queryFn: ({ signal }) => fetchJson<{ total: number }>('/api/cloudtrail/summary', {}, signal),
    retry: false,
  });
  if (error) return <p>{error.message}</p>;
  return <p>{data ? `total ${data.total}` : 'loading'}</p>;
}

function renderProtectedPanel() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <Total />
      <AccessTokenDialog />
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('the access token screen', () => {
  it('asks for a token on a Bearer 401, then loads the panel with it and keeps it for the tab', async () => {
    const fetchMock = stubTokenModeBff();
    const user = renderProtectedPanel();

    const dialog = await screen.findByRole('dialog', { name: 'Access token needed' });
    expect(screen.queryByRole('alert')).toBeNull();
    await user.type(screen.getByLabelText('Access token'), GOOD_TOKEN);
    await user.click(screen.getByRole('button', { name: 'Open Lookout' }));

    expect(await screen.findByText('total 7')).toBeTruthy();
    expect(dialog.isConnected).toBe(false);
    expect(sessionStorage.getItem(ACCESS_TOKEN_KEY)).toBe(GOOD_TOKEN);
    const lastInit = fetchMock.mock.calls.at(-1)?.[1];
    expect(new Headers(lastInit?.headers).get('authorization')).toBe(`Bearer ${GOOD_TOKEN}`);
  });

  it('says so when the token entered is refused, and asks again', async () => {
    stubTokenModeBff();
    const user = renderProtectedPanel();

    await user.type(await screen.findByLabelText('Access token'), 'not-the-token');
    await user.click(screen.getByRole('button', { name: 'Open Lookout' }));

    expect((await screen.findByRole('alert')).textContent).toContain('The token was not accepted');
    expect(screen.getByRole('dialog', { name: 'Access token needed' })).toBeTruthy();
  });

  it('stays away when the API answers without asking for a token (open or proxy mode)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          { statusCode: 403, error: 'Forbidden', message: 'requests must come through the SSO proxy' },
          { status: 403 },
        ),
      ),
    );
    renderProtectedPanel();
    expect(await screen.findByText('requests must come through the SSO proxy (403)')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
