import { describe, expect, it } from 'vitest';
import { applyFilterChange, clearFilters, readFilters, toggleValue } from '../../lib/use-board-filters.ts';
import {
  barDrillDown,
  CONTAINERS_FIELDS,
  unknownReasons,
  type ViewChange,
} from './use-containers-filters.ts';

// The shared URL ⇄ filters functions with the board's field list.
const params = (query: string) => new URLSearchParams(query);
const parseContainersView = (url: URLSearchParams) => readFilters(CONTAINERS_FIELDS, url);
const applyViewChange = (url: URLSearchParams, change: ViewChange) =>
  applyFilterChange(CONTAINERS_FIELDS, url, change);
const CLEAR_FILTERS = clearFilters(CONTAINERS_FIELDS);

describe('containers filters in the URL', () => {
  it('reads repeated service, cluster and reason parameters', () => {
    const view = parseContainersView(
      params(
        'service=orders-api&service=%20search-indexer%20&service=orders-api&cluster=prod-eu&reason=image-pull',
      ),
    );
    expect(view).toEqual({
      service: ['orders-api', 'search-indexer'],
      cluster: ['prod-eu'],
      reason: ['image-pull'],
    });
  });

  it('drops reasons it does not know and keeps the others in the board order', () => {
    const url = params('reason=app-error&reason=oom&reason=image-pull');
    expect(parseContainersView(url).reason).toEqual(['image-pull', 'app-error']);
    expect(unknownReasons(url)).toEqual(['oom']);
  });

  it('replaces one filter and keeps the range, zone and other filters', () => {
    const next = applyViewChange(params('from=now-2d&tz=utc&service=a&cluster=prod'), {
      service: ['b', 'b', ' '],
    });
    expect(next.toString()).toBe('from=now-2d&tz=utc&cluster=prod&service=b');
  });

  it('toggles a service on and off', () => {
    const view = parseContainersView(params('service=a'));
    expect(toggleValue(view, 'service', 'b')).toEqual({ service: ['a', 'b'] });
    expect(toggleValue(view, 'service', 'a')).toEqual({ service: [] });
  });

  it('clears every filter but not the range', () => {
    expect(
      applyViewChange(params('from=now-1h&service=a&reason=crash&cluster=c'), CLEAR_FILTERS).toString(),
    ).toBe('from=now-1h');
  });

  it('narrows a chart click to the bar and its reason in one navigation', () => {
    const start = Date.parse('2026-11-26T09:00:00.000Z');
    const change = barDrillDown('out-of-memory', start, start + 3_600_000);
    expect(applyViewChange(params('from=now-24h&to=now&reason=app-error&tz=utc'), change).toString()).toBe(
      'from=2026-11-26T09%3A00%3A00.000Z&to=2026-11-26T10%3A00%3A00.000Z&tz=utc&reason=out-of-memory',
    );
    // An unlisted segment narrows the time only.
    expect(barDrillDown(null, start, start + 60_000)).not.toHaveProperty('reason');
  });
});
