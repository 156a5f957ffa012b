import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import type { cloudtrail } from '@lookout/server/types';
import { EventDrawer } from './event-drawer.tsx';
import { stubApi } from '../../lib/test-api.ts';
import { renderAt } from './test-helpers.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const record = {
  eventVersion: '1.08',
  eventID: 'ev-1',
  eventTime: '2026-11-26T10:40:00Z',
  eventName: 'AssumeRole',
  eventSource: 'sts.amazonaws.com',
  sourceIPAddress: '203.0.113.7',
  userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::111122223333:assumed-role/Admin/bob' },
};

function summaryPage(sourceIp: string | null): cloudtrail.EventsResponse {
  return {
    total: 2,
    totalIsExact: true,
    events: [
      {
        eventID: 'ev-0',
        eventTime: '2026-11-26T10:40:00.000Z',
        eventName: 'GetObject',
        eventSource: 's3.amazonaws.com',
        account: '111122223333',
        region: 'eu-west-1',
        principal: 'user/carol',
        sourceIp: '198.51.100.1',
        sourceAddress: '198.51.100.1',
        userAgent: null,
        outcome: 'success',
        errorCode: null,
      },
      {
        eventID: 'ev-1',
        eventTime: '2026-11-26T10:40:00.000Z',
        eventName: 'AssumeRole',
        eventSource: 'sts.amazonaws.com',
        account: '111122223333',
        region: 'eu-west-1',
        principal: 'role/Admin (session bob)',
        sourceIp,
        sourceAddress: sourceIp ?? 'sts.amazonaws.com',
        userAgent: null,
        outcome: 'success',
        errorCode: null,
      },
    ],
    nextCursor: null,
  };
}

function stubEvent(sourceIp: string | null) {
  return stubApi((url) => {
    if (url.pathname === '/api/cloudtrail/events/ev-1') return { index: 'ct-2026.11.26', record };
    if (url.pathname === '/api/cloudtrail/events') {
      // The drawer looks the event up in its own second, for Lookout's principal and IP.
      expect(url.searchParams.get('from')).toBe('2026-11-26T10:40:00.000Z');
      expect(url.searchParams.get('to')).toBe('2026-11-26T10:40:01.000Z');
      return summaryPage(sourceIp);
    }
    throw new Error(`unexpected request ${url.href}`);
  });
}

const OPEN = '/cloudtrail?from=now-24h&tz=utc&account=111122223333&eventName=AssumeRole&event=ev-1';

describe('EventDrawer', () => {
  it('shows the raw record as delivered, pretty-printed', async () => {
    stubEvent('203.0.113.7');
    renderAt(OPEN, (filters) => <EventDrawer eventID="ev-1" filters={filters} tz="utc" />);
    const json = await screen.findByLabelText('Raw CloudTrail record (JSON)');
    expect(json.textContent).toBe(JSON.stringify(record, null, 2));
    expect(screen.getByRole('dialog', { name: 'AssumeRole' })).toBeTruthy();
    expect(screen.getByText('ct-2026.11.26')).toBeTruthy();
  });

  it('"Everything from this IP" keeps the range and shows only that IP', async () => {
    stubEvent('203.0.113.7');
    const { search, user } = renderAt(OPEN, (filters) => (
      <EventDrawer eventID="ev-1" filters={filters} tz="utc" />
    ));
    await user.click(await screen.findByRole('button', { name: 'Everything from this IP' }));
    expect(search().toString()).toBe('from=now-24h&tz=utc&sourceIp=203.0.113.7');
  });

  it('"Everything this principal did" filters by the principal as Lookout names it', async () => {
    stubEvent('203.0.113.7');
    const { search, user } = renderAt(OPEN, (filters) => (
      <EventDrawer eventID="ev-1" filters={filters} tz="utc" />
    ));
    await user.click(await screen.findByRole('button', { name: 'Everything this principal did' }));
    expect(search().getAll('principal')).toEqual(['role/Admin (session bob)']);
    expect(search().has('event')).toBe(false);
    expect(search().has('account')).toBe(false);
  });

  it('offers no IP pivot when the caller was an AWS service', async () => {
    stubEvent(null);
    renderAt(OPEN, (filters) => <EventDrawer eventID="ev-1" filters={filters} tz="utc" />);
    await screen.findByRole('button', { name: 'Everything this principal did' });
    expect(screen.queryByRole('button', { name: 'Everything from this IP' })).toBeNull();
  });

  it('closes with Escape or the close button, leaving the filters as they were', async () => {
    stubEvent('203.0.113.7');
    const { search, user } = renderAt(OPEN, (filters) =>
      filters.event ? <EventDrawer eventID={filters.event} filters={filters} tz="utc" /> : null,
    );
    await screen.findByLabelText('Raw CloudTrail record (JSON)');
    await user.keyboard('{Escape}');
    expect(search().toString()).toBe('from=now-24h&tz=utc&account=111122223333&eventName=AssumeRole');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closes with its close button', async () => {
    stubEvent('203.0.113.7');
    const { search, user } = renderAt(OPEN, (filters) =>
      filters.event ? <EventDrawer eventID={filters.event} filters={filters} tz="utc" /> : null,
    );
    await user.click(await screen.findByRole('button', { name: 'Close event' }));
    expect(search().has('event')).toBe(false);
  });

  it('copies the JSON to the clipboard', async () => {
    stubEvent('203.0.113.7');
    const { user } = renderAt(OPEN, (filters) => <EventDrawer eventID="ev-1" filters={filters} tz="utc" />);
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(await screen.findByRole('button', { name: 'Copy JSON' }));
    expect(writeText).toHaveBeenCalledWith(JSON.stringify(record, null, 2));
    expect(screen.getByText('Copied')).toBeTruthy();
  });
});
