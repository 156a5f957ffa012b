import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { cloudtrail } from '@lookout/server/types';
import { EventsPanel } from './events-table.tsx';
import { requestedUrls, stubApi } from '../../lib/test-api.ts';
import { renderAt } from './test-helpers.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

function event(id: string, overrides: Partial<cloudtrail.EventSummary> = {}): cloudtrail.EventSummary {
  return {
    eventID: id,
    eventTime: '2026-11-26T10:40:00.000Z',
    eventName: 'CreateVolume',
    eventSource: 'ec2.amazonaws.com',
    account: '111122223333',
    region: 'eu-west-1',
    principal: 'user/alice',
    sourceIp: '203.0.113.7',
    sourceAddress: '203.0.113.7',
    userAgent: 'aws-cli/2.15.0',
    outcome: 'success',
    errorCode: null,
    ...overrides,
  };
}

const firstPage: cloudtrail.EventsResponse = {
  total: 3,
  totalIsExact: true,
  events: [
    event('ev-1'),
    event('ev-2', {
      eventName: 'RunInstances',
      outcome: 'failure',
      errorCode: 'AccessDenied',
      principal: 'role/Dev',
    }),
  ],
  nextCursor: 'page-2',
};
const secondPage: cloudtrail.EventsResponse = {
  total: 3,
  totalIsExact: true,
  events: [
    event('ev-3', {
      eventTime: '2026-11-26T10:39:58.000Z',
      sourceIp: null,
      sourceAddress: 'ec2.amazonaws.com',
    }),
  ],
  nextCursor: null,
};

const bodyRows = () => screen.getAllByRole('row').slice(1);

describe('EventsPanel', () => {
  it('lists the events with zone, outcome and error code, and loads the next page on "Load more"', async () => {
    const fetchMock = stubApi((url) =>
      url.searchParams.get('cursor') === 'page-2' ? secondPage : firstPage,
    );
    const { user } = renderAt(
      '/cloudtrail?from=now-24h&tz=utc&account=111122223333&account=444455556666&eventName=CreateVolume',
      (filters) => <EventsPanel filters={filters} tz="utc" />,
    );

    expect(await screen.findByText('3 events')).toBeTruthy();
    expect(bodyRows()).toHaveLength(2);
    const cells = within(bodyRows()[1]!)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual([
      '2026-11-26 10:40:00 UTC',
      'RunInstances',
      'ec2',
      'Failed: AccessDenied',
      'role/Dev',
      '203.0.113.7',
      '111122223333',
      'eu-west-1',
    ]);
    expect(screen.getByText('Showing 2 of 3 events')).toBeTruthy();

    const [first] = requestedUrls(fetchMock);
    expect(first?.pathname).toBe('/api/cloudtrail/events');
    expect(first?.searchParams.getAll('account')).toEqual(['111122223333', '444455556666']);
    expect(first?.searchParams.get('eventName')).toBe('CreateVolume');
    expect(first?.searchParams.get('from')).toBe('now-24h');
    expect(first?.searchParams.has('cursor')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Showing 3 of 3 events')).toBeTruthy();
    expect(bodyRows()).toHaveLength(3);
    expect(within(bodyRows()[2]!).getAllByRole('cell')[5]?.textContent).toBe('ec2.amazonaws.com');
    expect(requestedUrls(fetchMock)[1]?.searchParams.get('cursor')).toBe('page-2');
    expect(requestedUrls(fetchMock)[1]?.searchParams.getAll('account')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('says "10,000+" when Elasticsearch stopped counting', async () => {
    stubApi(() => ({ ...firstPage, total: 10_000, totalIsExact: false }));
    renderAt('/cloudtrail', (filters) => <EventsPanel filters={filters} tz="utc" />);
    expect(await screen.findByTestId('events-total')).toBeTruthy();
    expect(screen.getByTestId('events-total').textContent).toBe('10,000+ events');
  });

  it('opens an event from a click or from Enter on a focused row', async () => {
    stubApi(() => firstPage);
    const { search, user } = renderAt('/cloudtrail?tz=utc', (filters) => (
      <EventsPanel filters={filters} tz="utc" />
    ));
    await screen.findByText('3 events');

    await user.click(within(bodyRows()[0]!).getByText('CreateVolume'));
    expect(search().get('event')).toBe('ev-1');
    expect(search().get('tz')).toBe('utc');

    bodyRows()[1]!.focus();
    await user.keyboard('{Enter}');
    expect(search().get('event')).toBe('ev-2');
    expect(bodyRows()[1]!.getAttribute('aria-current')).toBe('true');
  });

  it('shows the error with a retry when the list cannot load', async () => {
    stubApi(() =>
      Response.json(
        {
          statusCode: 400,
          error: 'Bad Request',
          message: 'querystring/q must NOT have more than 256 characters',
        },
        { status: 400 },
      ),
    );
    renderAt('/cloudtrail', (filters) => <EventsPanel filters={filters} tz="utc" />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'querystring/q must NOT have more than 256 characters (400)',
    );
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
