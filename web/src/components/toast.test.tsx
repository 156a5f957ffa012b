import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dismissToast, showToast, Toaster } from './toast.tsx';

afterEach(() => {
  act(() => dismissToast());
});

describe('Toaster', () => {
  it('shows one toast, the latest, when several refreshes fail at once', () => {
    render(<Toaster />);
    act(() => {
      showToast('Refresh failed — Elasticsearch is unreachable (503)');
      showToast('Refresh failed — Elasticsearch did not answer in time (504)');
    });
    expect(screen.getByRole('status').textContent).toContain('(504)');
    expect(screen.queryByText(/\(503\)/)).toBeNull();
  });

  it('goes away when dismissed', async () => {
    const user = userEvent.setup();
    render(<Toaster />);
    act(() => showToast('Refresh failed — Elasticsearch is unreachable (503)'));
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
