import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { FiltersBar } from './filters-bar.tsx';
import { renderAt } from './test-helpers.tsx';
import { applyFilterChange } from '../../lib/use-board-filters.ts';
import {
  bucketDrillDown,
  CLOUDTRAIL_FIELDS,
  parseCloudtrailView,
  pivotTo,
  type ViewChange,
} from './use-cloudtrail-filters.ts';

// The shared URL ⇄ filters writer with the board's field list.
const applyViewChange = (url: URLSearchParams, change: ViewChange) =>
  applyFilterChange(CLOUDTRAIL_FIELDS, url, change);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CloudTrail filters in the URL', () => {
  it('reads repeated parameters as lists and writes them back the same way', () => {
    const url = new URLSearchParams(
      'from=now-7d&tz=utc&account=111122223333&account=444455556666&sourceIp=203.0.113.7&outcome=failure&q=vol-0abc&event=ev-1',
    );
    const view = parseCloudtrailView(url);
    expect(view.filters.account).toEqual(['111122223333', '444455556666']);
    expect(view.filters.sourceIp).toEqual(['203.0.113.7']);
    expect(view.filters.region).toEqual([]);
    expect(view.outcome).toBe('failure');
    expect(view.q).toBe('vol-0abc');
    expect(view.event).toBe('ev-1');

    const written = applyViewChange(new URLSearchParams('from=now-7d&tz=utc'), {
      ...view.filters,
      outcome: view.outcome ?? null,
      q: view.q ?? null,
      event: view.event ?? null,
    });
    expect(written.getAll('account')).toEqual(['111122223333', '444455556666']);
    expect(parseCloudtrailView(written)).toEqual(view);
  });

  it('ignores blanks, duplicates and an unknown outcome', () => {
    const view = parseCloudtrailView(
      new URLSearchParams('region=&region=eu-west-1&region=eu-west-1&outcome=maybe'),
    );
    expect(view.filters.region).toEqual(['eu-west-1']);
    expect(view.outcome).toBeUndefined();
  });

  it('keeps the global range, refresh and zone when a filter changes', () => {
    const next = applyViewChange(
      new URLSearchParams('from=now-1h&to=now&refresh=30s&tz=utc&principal=user/alice'),
      {
        principal: [],
        region: ['eu-west-1'],
      },
    );
    expect(next.toString()).toBe('from=now-1h&to=now&refresh=30s&tz=utc&region=eu-west-1');
  });

  it('turns a bar click into that call and the absolute time span of the bar', () => {
    const next = applyViewChange(
      new URLSearchParams('from=now-24h&tz=utc&eventName=AssumeRole&event=ev-1&account=111122223333'),
      bucketDrillDown('CreateVolume', '2026-11-26T10:10:00.000Z', '2026-11-26T10:20:00.000Z'),
    );
    expect(next.get('from')).toBe('2026-11-26T10:10:00.000Z');
    expect(next.get('to')).toBe('2026-11-26T10:20:00.000Z');
    expect(next.getAll('eventName')).toEqual(['CreateVolume']);
    expect(next.get('account')).toBe('111122223333');
    expect(next.get('tz')).toBe('utc');
    expect(next.has('event')).toBe(false);
  });

  it('pivots to one principal, dropping every other filter but not the range', () => {
    const next = applyViewChange(
      new URLSearchParams('from=now-24h&account=1&eventName=X&q=vol-1&outcome=failure&event=ev-1'),
      pivotTo('principal', 'role/Admin (session bob)'),
    );
    expect(next.toString()).toBe('from=now-24h&principal=role%2FAdmin+%28session+bob%29');
  });
});

describe('FiltersBar', () => {
  it('adds a chip per value typed, as repeated parameters, and removes it again', async () => {
    const { search, user } = renderAt('/cloudtrail?from=now-1h&tz=utc', (filters) => (
      <FiltersBar filters={filters} accounts={undefined} />
    ));
    await user.type(screen.getByLabelText('Region'), 'eu-west-1{Enter}');
    await user.type(screen.getByLabelText('Region'), 'us-east-1{Enter}');
    expect(search().getAll('region')).toEqual(['eu-west-1', 'us-east-1']);
    expect(search().get('from')).toBe('now-1h');
    expect((screen.getByLabelText('Region') as HTMLInputElement).value).toBe('');

    await user.click(screen.getByRole('button', { name: 'Remove Region eu-west-1' }));
    expect(search().getAll('region')).toEqual(['us-east-1']);
  });

  it('offers the accounts seen in the range, and sets outcome and search', async () => {
    const { search, user } = renderAt('/cloudtrail', (filters) => (
      <FiltersBar
        filters={filters}
        accounts={[
          { account: '111122223333', count: 1234, failures: 3 },
          { account: '444455556666', count: 5, failures: 0 },
        ]}
      />
    ));
    await user.selectOptions(screen.getByLabelText('Account'), '444455556666');
    await user.selectOptions(screen.getByLabelText('Outcome'), 'failure');
    await user.type(screen.getByLabelText('Search events'), 'vol-0abc{Enter}');
    expect(search().toString()).toBe('account=444455556666&outcome=failure&q=vol-0abc');
    expect(screen.getByRole('list', { name: 'Active filters' }).textContent).toContain('Search: vol-0abc');

    await user.click(screen.getByRole('button', { name: 'Clear all' }));
    expect(search().toString()).toBe('');
  });
});
