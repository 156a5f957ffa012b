import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import type { PartialReason } from '@lookout/server/types';
import { ApiError } from '../lib/api.ts';
import { Panel } from './panel.tsx';

interface TopCall {
  eventName: string;
  count: number;
}

/** An answer as the BFF sends it: `partial` says why it is incomplete. */
interface TopCalls {
  calls: TopCall[];
  partial?: PartialReason;
}

/** A panel fed by a real query whose answers the test controls, one per fetch. */
function renderPanel(answers: Array<() => Promise<TopCalls>>) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let call = 0;
  function TopCalls() {
    const query = useQuery({
      queryKey: ['cloudtrail', 'top-calls'],
      queryFn: () => answers[Math.min(call++, answers.length - 1)]!(),
    });
    return (
      <Panel title="Top API calls" query={query} tz="utc" isEmpty={(data) => data.calls.length === 0}>
        {(data) => (
          <ul>
            {data.calls.map((row) => (
              <li key={row.eventName}>
                {row.eventName}: {row.count}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    );
  }
  render(
    <QueryClientProvider client={client}>
      <TopCalls />
    </QueryClientProvider>,
  );
  return { client, user: userEvent.setup() };
}

const unreachable = () => Promise.reject(new ApiError(503, 'Elasticsearch is unreachable (503)'));
const calls = (rows: TopCall[]) => () => Promise.resolve({ calls: rows });
const never = () => new Promise<TopCalls>(() => {});

describe('Panel', () => {
  it('shows its title and says it is loading while the first answer is on its way', () => {
    renderPanel([never]);
    expect(screen.getByRole('heading', { name: 'Top API calls' })).toBeTruthy();
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Top API calls' }).getAttribute('aria-busy')).toBe('true');
  });

  it('draws the data once it arrives', async () => {
    renderPanel([calls([{ eventName: 'ConsoleLogin', count: 12 }])]);
    expect(await screen.findByText('ConsoleLogin: 12')).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('draws a partial answer with a note that counts may be too low, and drops the note once whole', async () => {
    const partial = () =>
      Promise.resolve<TopCalls>({ calls: [{ eventName: 'ConsoleLogin', count: 7 }], partial: 'timed_out' });
    const { client } = renderPanel([partial, calls([{ eventName: 'ConsoleLogin', count: 12 }])]);
    expect(await screen.findByText('ConsoleLogin: 7')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(
      'Partial results: Elasticsearch stopped the search at its time limit, so counts may be too low.',
    );

    await client.refetchQueries({ queryKey: ['cloudtrail', 'top-calls'] });
    expect(await screen.findByText('ConsoleLogin: 12')).toBeTruthy();
    expect(screen.queryByText(/Partial results/)).toBeNull();
  });

  it('says so when the time range holds no data, rather than drawing an empty chart', async () => {
    renderPanel([calls([])]);
    expect(await screen.findByText('No data in this time range.')).toBeTruthy();
  });

  it("shows the server's error and loads again when Retry is clicked", async () => {
    const { user } = renderPanel([unreachable, calls([{ eventName: 'AssumeRole', count: 3 }])]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load data: Elasticsearch is unreachable (503)');

    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('AssumeRole: 3')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the last data on screen when a refresh fails, and says since when', async () => {
    const { client } = renderPanel([calls([{ eventName: 'ConsoleLogin', count: 12 }]), unreachable]);
    await screen.findByText('ConsoleLogin: 12');

    await client.refetchQueries({ queryKey: ['cloudtrail', 'top-calls'] });

    const stale = await screen.findByText(/Refresh failed \(Elasticsearch is unreachable \(503\)\)/);
    expect(stale.textContent).toMatch(/showing data from \d\d:\d\d:\d\d UTC/);
    expect(screen.getByText('ConsoleLogin: 12')).toBeTruthy();
  });
});
