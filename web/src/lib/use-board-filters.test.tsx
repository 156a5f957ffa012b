import { describe, expect, it } from 'vitest';
import { act } from '@testing-library/react';
import { renderRoute } from './test-render.tsx';
import {
  applyFilterChange,
  clearFilters,
  kept,
  list,
  readFilters,
  single,
  useBoardFilters,
  type BoardFilters,
} from './use-board-filters.ts';

const FIELDS = {
  service: list(),
  level: list(['error', 'warn', 'info']),
  mode: single(['all']),
  q: single(),
  open: kept(),
};

/** The hook at a URL; `current()` is what it returned on the latest render. */
function renderFilters(url: string) {
  let latest: BoardFilters<typeof FIELDS> | undefined;
  function Harness() {
    latest = useBoardFilters(FIELDS);
    return null;
  }
  const rendered = renderRoute('/board', url, <Harness />);
  return { ...rendered, current: () => latest! };
}

describe('a board field list read from the URL', () => {
  it('reads lists without blanks or repeats, and single values trimmed', () => {
    expect(
      readFilters(FIELDS, new URLSearchParams('service=a&service=&service=a&service=b&q=%20x%20')),
    ).toEqual({
      service: ['a', 'b'],
      level: [],
      mode: undefined,
      q: 'x',
      open: undefined,
    });
  });

  it('drops values outside a closed list and keeps the rest in its order', () => {
    const values = readFilters(FIELDS, new URLSearchParams('level=info&level=fatal&level=error&mode=some'));
    expect(values.level).toEqual(['error', 'info']);
    expect(values.mode).toBeUndefined();
  });

  it('writes only what a change names, and "Clear all" keeps the range, the zone and the open item', () => {
    const url = new URLSearchParams('from=now-1h&tz=utc&service=a&level=warn&mode=all&q=x&open=item-1');
    expect(applyFilterChange(FIELDS, url, { service: ['b', 'b', ' '], q: null }).toString()).toBe(
      'from=now-1h&tz=utc&level=warn&mode=all&open=item-1&service=b',
    );
    expect(applyFilterChange(FIELDS, url, clearFilters(FIELDS)).toString()).toBe(
      'from=now-1h&tz=utc&open=item-1',
    );
  });
});

describe('useBoardFilters', () => {
  it('toggles a value in and out of a list, each time as a navigation', () => {
    const { current, search, router } = renderFilters('/board?service=a');
    act(() => current().toggle('service', 'b'));
    expect(search().getAll('service')).toEqual(['a', 'b']);
    act(() => current().toggle('service', 'a'));
    expect(search().getAll('service')).toEqual(['b']);
    act(() => void router.navigate(-1));
    expect(search().getAll('service')).toEqual(['a', 'b']);
  });

  it('links to a change without making it, and replaces the entry when asked', () => {
    const { current, search, router } = renderFilters('/board?tz=utc');
    expect(current().searchFor({ level: ['error'], open: 'item-1' })).toBe('?tz=utc&level=error&open=item-1');
    expect(search().toString()).toBe('tz=utc');

    act(() => current().update({ q: 'x' }, { replace: true }));
    expect(search().get('q')).toBe('x');
    expect(router.state.historyAction).toBe('REPLACE');
  });

  it('clears every filter at once', () => {
    const { current, search } = renderFilters('/board?from=now-2d&service=a&level=warn&q=x&open=item-1');
    act(() => current().clear());
    expect(search().toString()).toBe('from=now-2d&open=item-1');
    expect(current().values.service).toEqual([]);
  });
});
