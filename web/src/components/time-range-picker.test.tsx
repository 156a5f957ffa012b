import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createNowStore, NowContext } from '../lib/now.ts';
import { TimeRangePicker } from './time-range-picker.tsx';

const now = new Date('2026-11-26T10:43:12.000Z');

function renderPicker(url = '/cloudtrail') {
  const router = createMemoryRouter([{ path: '/cloudtrail', element: <TimeRangePicker /> }], {
    initialEntries: [url],
  });
  render(
    <NowContext value={createNowStore(now)}>
      <RouterProvider router={router} />
    </NowContext>,
  );
  return { router, user: userEvent.setup() };
}

const searchOf = (router: ReturnType<typeof renderPicker>['router']) =>
  new URLSearchParams(router.state.location.search);

describe('TimeRangePicker', () => {
  it('shows "Last 24 hours" when the URL has no range', () => {
    renderPicker();
    expect(screen.getByRole('button', { name: /^Time range/ }).textContent).toBe('Last 24 hours');
  });

  it('writes from=now-7d into the URL when "Last 7 days" is clicked, as a new history entry', async () => {
    const { router, user } = renderPicker('/cloudtrail?tz=utc');
    await user.click(screen.getByRole('button', { name: /^Time range/ }));
    await user.click(screen.getByRole('button', { name: 'Last 7 days' }));

    expect(searchOf(router).get('from')).toBe('now-7d');
    expect(searchOf(router).get('to')).toBe('now');
    expect(searchOf(router).get('tz')).toBe('utc');
    expect(router.state.historyAction).toBe('PUSH');
    expect(screen.getByRole('button', { name: /^Time range/ }).textContent).toBe('Last 7 days');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('applies an absolute range typed in UTC as ISO times', async () => {
    const { router, user } = renderPicker('/cloudtrail?tz=utc');
    await user.click(screen.getByRole('button', { name: /^Time range/ }));
    const dialog = screen.getByRole('dialog', { name: 'Choose time range' });
    const from = within(dialog).getByLabelText('From');
    const to = within(dialog).getByLabelText('To');
    await user.clear(from);
    await user.type(from, '2026-11-20T10:00');
    await user.clear(to);
    await user.type(to, '2026-11-21T10:00');
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));

    expect(searchOf(router).get('from')).toBe('2026-11-20T10:00:00.000Z');
    expect(searchOf(router).get('to')).toBe('2026-11-21T10:00:00.000Z');
    expect(screen.getByRole('button', { name: /^Time range/ }).textContent).toBe(
      '2026-11-20 10:00 → 2026-11-21 10:00 UTC',
    );
  });

  it('refuses an absolute range that ends before it starts', async () => {
    const { router, user } = renderPicker();
    await user.click(screen.getByRole('button', { name: /^Time range/ }));
    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2030-01-01T00:00');
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    expect(screen.getByRole('alert').textContent).toBe('"From" must be before "To".');
    expect(searchOf(router).has('from')).toBe(false);
  });

  it('starts the absolute inputs at the range on screen, in the selected zone', async () => {
    const { user } = renderPicker('/cloudtrail?from=now-1h');
    await user.click(screen.getByRole('button', { name: /^Time range/ }));
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-11-26T10:43');
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2026-11-26T11:43');
  });

  it('closes on Escape without changing the URL', async () => {
    const { router, user } = renderPicker();
    await user.click(screen.getByRole('button', { name: /^Time range/ }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(router.state.location.search).toBe('');
  });
});
