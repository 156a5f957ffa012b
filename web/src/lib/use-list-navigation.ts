import { useState } from 'react';

// A board's list (a table's rows, a grid's cards) that `j`/`k` and the arrows move through. The
// keymap finds lists and rows in the page by their data attributes, so it needs no registry and
// knows no board; this hook gives the rows one tab stop between them (roving tabindex): Tab
// enters the list at the row last visited and leaves it with the next Tab.

const LIST = 'data-list-nav';
const ROW = 'data-list-row';
/** Inside a row: the element a click on the row means (its link), when the row itself has no click. */
const ROW_OPEN = 'data-row-open';

export interface ListNavigation<Key> {
  listProps: { [LIST]: 'primary' | '' };
  /**
   * Spread on each row. `selectable` rows (table rows, options) say which one is current with
   * `aria-selected`; a row that is itself a link may not carry it.
   */
  rowProps(key: Key, options?: { selectable?: boolean }): RowProps;
}

export interface RowProps {
  [ROW]: '';
  tabIndex: 0 | -1;
  'aria-selected'?: true;
  onFocus(): void;
}

export interface ListOptions<Key> {
  /** The row open in a drawer: Tab enters the list there until another row is visited. */
  selected?: Key | undefined;
  /** The board's main list, which `j` enters when the focus is in no list (else the page's first). */
  primary?: boolean;
}

export function useListNavigation<Key>(
  keys: readonly Key[],
  { selected, primary = false }: ListOptions<Key> = {},
): ListNavigation<Key> {
  const [visited, setVisited] = useState<Key>();
  const current = visited !== undefined && keys.includes(visited) ? visited : (selected ?? keys[0]);
  return {
    listProps: { [LIST]: primary ? 'primary' : '' },
    rowProps: (key, { selectable = true } = {}) => ({
      [ROW]: '',
      tabIndex: key === current ? 0 : -1,
      ...(selectable && key === current ? { 'aria-selected': true as const } : {}),
      onFocus: () => setVisited(key),
    }),
  };
}

/** The props of the element inside a row that opening the row clicks (its main link). */
export const rowOpenProps = { [ROW_OPEN]: '' } as const;

/**
 * Focus the next (`1`) or previous (`-1`) row of the list that holds the focus. With `enter`,
 * focus outside every list enters the page's primary list (else its first) at its current row. Returns whether it
 * moved, so the key's default (scrolling) is kept when nothing happened.
 */
export function moveInList(direction: -1 | 1, { enter }: { enter: boolean }): boolean {
  const active = document.activeElement;
  const inside = active?.closest(`[${LIST}]`);
  const list = inside ?? (enter ? firstListWithRows() : null);
  if (!list) return false;
  const rows = [...list.querySelectorAll<HTMLElement>(`[${ROW}]`)];
  if (rows.length === 0) return false;
  const index = rows.findIndex((row) => row === active || row.contains(active));
  const target =
    index < 0
      ? (rows.find((row) => row.tabIndex === 0) ?? rows[0])
      : rows[Math.min(Math.max(index + direction, 0), rows.length - 1)];
  if (!target) return false;
  target.focus();
  // jsdom has no layout and no scrollIntoView.
  target.scrollIntoView?.({ block: 'nearest' });
  return true;
}

function firstListWithRows(): Element | null {
  const withRows = [...document.querySelectorAll(`[${LIST}]`)].filter((list) =>
    list.querySelector(`[${ROW}]`),
  );
  return withRows.find((list) => list.getAttribute(LIST) === 'primary') ?? withRows[0] ?? null;
}

/**
 * Enter on a focused row does what a click does: the row's own click, or its main link's. A row
 * that is a link or button already opens on Enter by itself, so it is left alone (false).
 */
export function openFocusedRow(): boolean {
  const row = document.activeElement;
  if (!(row instanceof HTMLElement) || !row.hasAttribute(ROW)) return false;
  if (row instanceof HTMLAnchorElement || row instanceof HTMLButtonElement) return false;
  (row.querySelector<HTMLElement>(`[${ROW_OPEN}]`) ?? row).click();
  return true;
}
