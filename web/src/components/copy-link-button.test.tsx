import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createNowStore, NowContext } from '../lib/now.ts';
import { CopyLinkButton } from './copy-link-button.tsx';

describe('CopyLinkButton', () => {
  it('copies a link whose relative range is frozen to the instants on screen', async () => {
    const user = userEvent.setup();
    const router = createMemoryRouter([{ path: '/cloudtrail', element: <CopyLinkButton /> }], {
      initialEntries: ['/cloudtrail?from=now-1h&tz=utc&refresh=30s'],
    });
    render(
      <NowContext value={createNowStore(new Date('2026-11-26T10:43:12.000Z'))}>
        <RouterProvider router={router} />
      </NowContext>,
    );

    await user.click(screen.getByRole('button', { name: 'Copy link' }));

    const copied = new URL(await navigator.clipboard.readText());
    expect(copied.pathname).toBe('/cloudtrail');
    expect(copied.searchParams.get('from')).toBe('2026-11-26T09:43:12.000Z');
    expect(copied.searchParams.get('to')).toBe('2026-11-26T10:43:12.000Z');
    expect(copied.searchParams.get('tz')).toBe('utc');
    expect(screen.getByRole('status').textContent).toBe('Link copied');
    // Copying is not navigating: the page itself keeps its relative range.
    expect(router.state.location.search).toBe('?from=now-1h&tz=utc&refresh=30s');
  });
});
