import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { cloudtrail } from '@lookout/server/types';
import { CloudtrailPage } from './cloudtrail-page.tsx';
// The page loads its chart lazily; loaded here first, so that import resolves at once.
import './top-calls-chart.tsx';
import { stubApi } from '../../lib/test-api.ts';
import { renderAt } from './test-helpers.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const summary: cloudtrail.SummaryResponse = {
  total: 1234,
  failures: 17,
  distinctPrincipals: 9,
  distinctIps: 4,
  accounts: [{ account: '111122223333', count: 1234, failures: 17 }],
  topErrors: [{ errorCode: 'AccessDenied', count: 12, principals: [{ principal: 'role/Dev', count: 12 }] }],
  failedConsoleLogins: [{ principal: 'user/mallory', count: 5 }],
  newestEventTime: '2026-11-26T10:40:00.000Z',
};

const unknownIps: cloudtrail.UnknownIpsResponse = {
  knownNetworks: ['10.0.0.0/8'],
  ips: [
    {
      ip: '203.0.113.7',
      count: 42,
      firstSeen: '2026-11-26T08:00:00.000Z',
      lastSeen: '2026-11-26T10:00:00.000Z',
      principals: ['user/mallory'],
      accounts: ['111122223333'],
      topCalls: [{ eventName: 'ConsoleLogin', count: 40 }],
    },
  ],
};

const topCalls: cloudtrail.TopCallsResponse = {
  interval: '10m',
  from: '2026-11-26T10:00:00.000Z',
  to: '2026-11-26T10:20:00.000Z',
  buckets: [
    {
      start: '2026-11-26T10:00:00.000Z',
      total: 3,
      calls: [{ eventName: 'CreateVolume', count: 3 }],
      other: 0,
    },
    { start: '2026-11-26T10:10:00.000Z', total: 2, calls: [{ eventName: 'AssumeRole', count: 2 }], other: 0 },
  ],
  overall: [
    { eventName: 'CreateVolume', count: 3 },
    { eventName: 'AssumeRole', count: 2 },
  ],
};

function stubBoard(overrides: Partial<Record<string, () => unknown>> = {}) {
  return stubApi((url) => {
    const name = url.pathname.replace('/api/cloudtrail/', '');
    const override = overrides[name];
    if (override) return override();
    switch (name) {
      case 'summary':
        return summary;
      case 'top-calls':
        return topCalls;
      case 'unknown-ips':
        return unknownIps;
      case 'events':
        return { total: 0, totalIsExact: true, events: [], nextCursor: null };
      default:
        throw new Error(`unexpected ${url.href}`);
    }
  });
}

const panel = (name: string) => screen.getByRole('region', { name });

describe('CloudtrailPage', () => {
  it('shows freshness, tiles and every panel from the BFF', async () => {
    stubBoard();
    renderAt('/cloudtrail?tz=utc', () => <CloudtrailPage />);
    expect((await screen.findByText(/^Newest event/)).textContent).toBe(
      'Newest event 3 min ago (2026-11-26 10:40:00 UTC)',
    );
    expect(within(panel('Summary')).getByText('1,234')).toBeTruthy();
    expect(within(panel('Calls from unknown IPs')).getByText(/Known networks:/).textContent).toBe(
      'Known networks: 10.0.0.0/8',
    );
    expect(await within(panel('Failures')).findByRole('link', { name: 'user/mallory' })).toBeTruthy();
    const table = await within(panel('Top API calls')).findByRole('table', { name: 'Top calls in range' });
    expect(
      within(table)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['CreateVolume', 'AssumeRole']);
    expect(
      within(panel('Events')).getByText('No events match these filters in this time range.'),
    ).toBeTruthy();
  });

  it("puts the chart's numbers in a table for screen readers, shown to everyone on request", async () => {
    stubBoard();
    const { user } = renderAt('/cloudtrail?tz=utc', () => <CloudtrailPage />);
    const chart = await within(panel('Top API calls')).findByRole('table', { name: 'Top API calls per bar' });
    const rows = within(chart)
      .getAllByRole('row')
      .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows[0]).toEqual(['Time', 'CreateVolume', 'AssumeRole', 'Other', 'Total']);
    expect(rows.slice(1).map((row) => row.slice(1))).toEqual([
      ['3', '0', '0', '3'],
      ['0', '2', '0', '2'],
    ]);
    expect(rows[1]?.[0]).toMatch(/^2026-11-26 10:00/);
    expect(chart.closest('.visually-hidden')).toBeTruthy();
    await user.click(within(panel('Top API calls')).getByRole('button', { name: 'Show as table' }));
    expect(chart.closest('.visually-hidden')).toBeNull();
  });

  it('keeps the other panels when one fails, and offers a retry in the failed one', async () => {
    let attempts = 0;
    stubBoard({
      'top-calls': () => {
        attempts += 1;
        return attempts === 1
          ? Response.json(
              { statusCode: 504, error: 'Gateway Timeout', message: 'Elasticsearch did not answer in time' },
              { status: 504 },
            )
          : topCalls;
      },
    });
    const { user } = renderAt('/cloudtrail?tz=utc', () => <CloudtrailPage />);
    const alert = await within(panel('Top API calls')).findByRole('alert');
    expect(alert.textContent).toContain('Elasticsearch did not answer in time (504)');
    expect(within(panel('Accounts')).getByText('111122223333')).toBeTruthy();

    await user.click(within(panel('Top API calls')).getByRole('button', { name: 'Retry' }));
    expect(
      await within(panel('Top API calls')).findByRole('table', { name: 'Top calls in range' }),
    ).toBeTruthy();
  });

  it('filters the events by a call from the "Top calls in range" list, keeping the range', async () => {
    stubBoard();
    // jsdom does not lay out, so it has no scrolling; the page scrolls the events list into view.
    const scrollIntoView = vi.fn();
    Element.prototype.scrollIntoView = scrollIntoView;
    const { search, user } = renderAt('/cloudtrail?from=now-2d&tz=utc', () => <CloudtrailPage />);
    const table = await screen.findByRole('table', { name: 'Top calls in range' });
    await user.click(within(table).getByRole('link', { name: 'AssumeRole' }));
    expect(search().toString()).toBe('from=now-2d&tz=utc&eventName=AssumeRole');
    expect(scrollIntoView.mock.contexts[0]).toBe(document.getElementById('cloudtrail-events'));
  });

  it('sends the board filters to the aggregate endpoints, but the event name only to the events list', async () => {
    const fetchMock = stubBoard();
    renderAt('/cloudtrail?account=1&account=2&eventName=AssumeRole&q=vol-1', () => <CloudtrailPage />);
    await screen.findByRole('table', { name: 'Top calls in range' });
    for (const [input] of fetchMock.mock.calls) {
      const url = new URL(input, 'http://lookout.test');
      expect(url.searchParams.getAll('account')).toEqual(['1', '2']);
      const eventsList = url.pathname === '/api/cloudtrail/events';
      expect(url.searchParams.has('eventName')).toBe(eventsList);
      expect(url.searchParams.has('q')).toBe(eventsList);
    }
  });
});
