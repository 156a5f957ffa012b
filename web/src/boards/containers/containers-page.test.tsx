import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { containers } from '@lookout/server/types';
import { requestedUrls, stubApi } from '../../lib/test-api.ts';
import { ContainersPage } from './containers-page.tsx';
// The page loads its chart lazily; loaded here first, so that import resolves at once.
import './failures-chart.tsx';
import { renderBoardAt } from './test-helpers.tsx';
import { alertsResponse, failuresResponse, timelineResponse } from './test-fixtures.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubBoard(overrides: Partial<Record<string, (url: URL) => unknown>> = {}) {
  return stubApi((url) => {
    const name = url.pathname.replace('/api/containers/', '');
    const override = overrides[name];
    if (override) return override(url);
    switch (name) {
      case 'failures': {
        const only = url.searchParams.getAll('service');
        if (only.length === 0) return failuresResponse;
        const failures = failuresResponse.failures.filter((f) => only.includes(f.service));
        return {
          ...failuresResponse,
          failures,
          services: failuresResponse.services.filter((s) => only.includes(s.service)),
          total: failures.length,
        } satisfies containers.FailuresResponse;
      }
      case 'timeline':
        return timelineResponse;
      case 'alerts':
        return alertsResponse;
      default:
        throw new Error(`unexpected ${url.href}`);
    }
  });
}

const panel = (name: string) => screen.getByRole('region', { name });
const failureRows = () => within(panel('Recent failures')).getAllByRole('row').slice(1);

describe('ContainersPage', () => {
  it('lists the recent failures with reason, exit code meaning, first error line and crash-loop badge', async () => {
    stubBoard();
    renderBoardAt('/containers?tz=utc', () => <ContainersPage />);
    await within(panel('Recent failures')).findByText('orders-api');

    expect(within(panel('Recent failures')).getByTestId('failures-total').textContent).toBe(
      'newest 3 of 8 failures',
    );
    const [refused, pull, oom] = failureRows() as [HTMLElement, HTMLElement, HTMLElement];
    expect(refused.textContent).toContain('prod-eu');
    expect(within(refused).getByText('App error')).toBeTruthy();
    expect(refused.textContent).toContain('1 — application error (general failure)');
    expect(within(refused).getByText('Error: connect ECONNREFUSED 10.0.3.17:5432').tagName).toBe('CODE');
    expect(within(refused).getByText('crash loop')).toBeTruthy();

    expect(within(pull).getByText('Image pull')).toBeTruthy();
    expect(pull.textContent).toContain('no exit code (never ran)');
    expect(pull.textContent).toContain('no logs — CannotPullContainerError');
    expect(within(pull).queryByText('crash loop')).toBeNull();

    expect(oom.textContent).toContain('137 — killed (SIGKILL)');
    expect(panel('Recent failures').textContent).toContain('stopped within 5 min of starting');
  });

  it('links each failure to its page with the absolute range of the link and the chosen zone', async () => {
    stubBoard();
    renderBoardAt('/containers?from=now-24h&tz=utc', () => <ContainersPage />);
    await within(panel('Recent failures')).findByText('orders-api');
    const link = within(failureRows()[0] as HTMLElement).getByRole('link', {
      name: '2026-11-26 10:05:02 UTC',
    });
    expect(link.getAttribute('href')).toBe(
      '/containers/failures/0f3c9a1e2b7d4c5a8e6f1a2b3c4d5e6f?from=2026-11-26T09%3A55%3A00.000Z&to=2026-11-26T10%3A15%3A00.000Z&tz=utc',
    );
  });

  it('narrows every panel to a failing service on click, through the URL', async () => {
    const fetchMock = stubBoard();
    Element.prototype.scrollIntoView = vi.fn();
    const { search, user } = renderBoardAt('/containers?from=now-2d&tz=utc', () => <ContainersPage />);
    const services = await within(panel('Failing services')).findByRole('table');
    const orders = within(services).getByRole('button', { name: 'orders-api' });
    expect(orders.closest('tr')?.textContent).toContain('crash loop');
    expect(orders.closest('tr')?.textContent).toContain('2026-11-26 10:05:02 UTC');

    await user.click(orders);
    expect(search().toString()).toBe('from=now-2d&tz=utc&service=orders-api');
    await waitFor(() => expect(failureRows()).toHaveLength(1));
    expect(
      within(panel('Failing services'))
        .getByRole('button', { name: 'orders-api' })
        .getAttribute('aria-pressed'),
    ).toBe('true');

    const last = (path: string) =>
      requestedUrls(fetchMock)
        .filter((u) => u.pathname === path)
        .at(-1);
    expect(last('/api/containers/failures')?.searchParams.getAll('service')).toEqual(['orders-api']);
    expect(last('/api/containers/timeline')?.searchParams.getAll('service')).toEqual(['orders-api']);
    expect(last('/api/containers/failures')?.searchParams.get('from')).toBe('now-2d');
  });

  it('puts the services with most failures first, the latest failure first among equals', async () => {
    stubBoard({
      failures: () => ({ ...failuresResponse, services: [...failuresResponse.services].reverse() }),
    });
    renderBoardAt('/containers?tz=utc', () => <ContainersPage />);
    const services = await within(panel('Failing services')).findByRole('table');
    expect(
      within(services)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['orders-api', 'search-indexer', 'pricing-batch']);
  });

  it('sends the cluster and reason filters of the URL, the known reasons only', async () => {
    const fetchMock = stubBoard();
    renderBoardAt('/containers?cluster=prod-eu&reason=image-pull&reason=bogus', () => <ContainersPage />);
    await within(panel('Recent failures')).findByText('orders-api');
    const failures = requestedUrls(fetchMock).find((u) => u.pathname === '/api/containers/failures');
    expect(failures?.searchParams.getAll('cluster')).toEqual(['prod-eu']);
    expect(failures?.searchParams.getAll('reason')).toEqual(['image-pull']);
    // The timeline counts every class; the chart hides the others.
    const timeline = requestedUrls(fetchMock).find((u) => u.pathname === '/api/containers/timeline');
    expect(timeline?.searchParams.getAll('cluster')).toEqual(['prod-eu']);
    expect(timeline?.searchParams.has('reason')).toBe(false);
    expect(screen.getByText(/Ignored unknown reason “bogus”/)).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Image pull' })).toHaveProperty('checked', true);
  });

  it('writes a reason to the URL from its checkbox', async () => {
    stubBoard();
    const { search, user } = renderBoardAt('/containers?tz=utc', () => <ContainersPage />);
    await user.click(await screen.findByRole('checkbox', { name: 'Out of memory' }));
    expect(search().getAll('reason')).toEqual(['out-of-memory']);
    await user.click(screen.getByRole('button', { name: 'Remove Reason Out of memory' }));
    expect(search().getAll('reason')).toEqual([]);
  });

  it('shows the chart legend in the fixed reason order with counts in range, narrowed by the reason filter', async () => {
    stubBoard();
    renderBoardAt('/containers?tz=utc', () => <ContainersPage />);
    const legend = await within(panel('Failures over time')).findByRole('list', { name: 'Reason classes' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Image pull1', 'Out of memory1', 'App error6']);
    expect(panel('Failures over time').textContent).toContain('one bar per hour');
  });

  it('hides the reasons that are not selected from the chart', async () => {
    stubBoard();
    renderBoardAt('/containers?tz=utc&reason=out-of-memory', () => <ContainersPage />);
    const legend = await within(panel('Failures over time')).findByRole('list', { name: 'Reason classes' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Out of memory1']);
  });

  it('shows the sent alerts with their delivery status, attempts and last error', async () => {
    stubBoard();
    renderBoardAt('/containers?tz=utc', () => <ContainersPage />);
    const alerts = await within(panel('Sent alerts')).findByRole('table');
    const [delivered, gaveUp] = within(alerts).getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(within(delivered).getByText('delivered').dataset.status).toBe('delivered');
    expect(delivered.textContent).toContain('delivered 2026-11-26 10:05:32 UTC');
    expect(within(gaveUp).getByText('gave up').dataset.status).toBe('gave_up');
    expect(gaveUp.textContent).toContain('5 attempts');
    expect(gaveUp.textContent).toContain('claimed 2026-11-26 09:59:01 UTC');
    expect(gaveUp.textContent).toContain('webhook answered 500 Internal Server Error');
    // The alert's absolute link opens inside this app.
    expect(within(gaveUp).getByRole('link', { name: 'search-indexer' }).getAttribute('href')).toBe(
      '/containers/failures/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b?from=2026-11-26T09%3A50%3A00.000Z&to=2026-11-26T10%3A10%3A00.000Z&tz=utc',
    );
    expect(within(panel('Sent alerts')).queryByRole('note')).toBeNull();
  });

  it('says how to turn alerts on when no webhook is set', async () => {
    stubBoard({ alerts: () => ({ enabled: false, alerts: [] }) });
    renderBoardAt('/containers?tz=utc', () => <ContainersPage />);
    const note = await within(panel('Sent alerts')).findByRole('note');
    expect(note.textContent).toContain('Alerts off: set ALERT_WEBHOOK_URL');
  });

  it('says how fresh the events and logs are, and when logs are missing', async () => {
    stubBoard({
      failures: () => ({
        ...failuresResponse,
        freshness: { lastEventAt: '2026-11-26T08:00:00.000Z', lastLogAt: null },
      }),
    });
    renderBoardAt('/containers?tz=utc', () => <ContainersPage />);
    const freshness = await screen.findByRole('list', { name: 'Freshness' });
    const [events, logs] = within(freshness).getAllByRole('listitem') as [HTMLElement, HTMLElement];
    expect(events.textContent).toBe(
      'Newest ECS event 2 h 43 min ago (2026-11-26 08:00:00 UTC) — stale: nothing new for over an hour',
    );
    expect(events.dataset.stale).toBe('true');
    expect(logs.textContent).toContain('No container logs found in the log indices');
    expect(logs.dataset.stale).toBe('missing');
  });

  it('calls recent data fresh', async () => {
    stubBoard();
    renderBoardAt('/containers?tz=utc', () => <ContainersPage />);
    const freshness = await screen.findByRole('list', { name: 'Freshness' });
    expect(
      within(freshness)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Newest ECS event 2 min ago (2026-11-26 10:41:00 UTC)',
      'Newest log line 30 s ago (2026-11-26 10:42:30 UTC)',
    ]);
  });

  it('keeps the other panels when one fails, and offers a retry in the failed one', async () => {
    let attempts = 0;
    stubBoard({
      timeline: () => {
        attempts += 1;
        return attempts === 1
          ? Response.json(
              { statusCode: 504, error: 'Gateway Timeout', message: 'Elasticsearch did not answer in time' },
              { status: 504 },
            )
          : timelineResponse;
      },
    });
    const { user } = renderBoardAt('/containers?tz=utc', () => <ContainersPage />);
    const alert = await within(panel('Failures over time')).findByRole('alert');
    expect(alert.textContent).toContain('Elasticsearch did not answer in time (504)');
    expect(within(panel('Recent failures')).getByText('orders-api')).toBeTruthy();

    await user.click(within(panel('Failures over time')).getByRole('button', { name: 'Retry' }));
    expect(
      await within(panel('Failures over time')).findByRole('list', { name: 'Reason classes' }),
    ).toBeTruthy();
  });

  it('says so when nothing failed', async () => {
    stubBoard({
      failures: () => ({ ...failuresResponse, failures: [], services: [], total: 0 }),
      timeline: () => ({
        interval: '1h',
        buckets: [{ start: '2026-11-26T10:00:00.000Z', total: 0, byReason: {} }],
      }),
      alerts: () => ({ enabled: true, alerts: [] }),
    });
    renderBoardAt('/containers?tz=utc', () => <ContainersPage />);
    expect(await within(panel('Recent failures')).findByText(/No startup failures match/)).toBeTruthy();
    expect(
      within(panel('Failing services')).getByText('No service failed to start in this range.'),
    ).toBeTruthy();
    expect(
      within(panel('Failures over time')).getByText(/No startup failures in this time range/),
    ).toBeTruthy();
    expect(within(panel('Sent alerts')).getByText('No alerts sent for failures in this range.')).toBeTruthy();
  });
});
