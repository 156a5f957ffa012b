import type { ReactNode } from 'react';
import type { ListNavigation } from '../lib/use-list-navigation.ts';

/** A column heading; numeric columns are right-aligned, as their cells should be (className "num"). */
export type Column = string | { label: string; numeric: true };

/**
 * A board's table: scrolls sideways inside its panel when too wide, says what it lists to screen
 * readers, and heads each column. The board renders the rows.
 */
export function DataTable({
  caption,
  columns,
  className,
  navigation,
  children,
}: {
  caption: string;
  columns: readonly Column[];
  className?: string;
  /** When the rows are a list that j/k move through (their `rowProps` are the board's). */
  navigation?: ListNavigation<unknown>;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className={className ? `data-table ${className}` : 'data-table'} {...navigation?.listProps}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.label} scope="col" className="num">
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A row's name that narrows the board to that value; pressed while the filter holds it. */
export function FilterToggle({
  pressed,
  onToggle,
  children,
}: {
  pressed: boolean;
  onToggle(): void;
  children: ReactNode;
}) {
  return (
    <button type="button" className="link-button" aria-pressed={pressed} onClick={onToggle}>
      {children}
    </button>
  );
}
