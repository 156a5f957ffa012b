import { useId, useState, type ReactNode } from 'react';

/** One column of a chart's table: its heading and how a row gives its cell. */
export interface ChartTableColumn<Row> {
  label: string;
  cell(row: Row): ReactNode;
  numeric?: boolean;
}

/**
 * The numbers behind a chart, as a table built from the chart's own rows: always there for screen
 * readers (visually hidden), and shown to everyone with the "Show as table" toggle. Every chart
 * uses this one, so none can draw a picture without its words.
 */
export function ChartTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: readonly ChartTableColumn<Row>[];
  rows: readonly Row[];
  rowKey(row: Row, index: number): string;
}) {
  const [shown, setShown] = useState(false);
  const tableId = useId();
  return (
    <div className="chart-table">
      <button
        type="button"
        className="link-button chart-table-toggle"
        aria-expanded={shown}
        aria-controls={tableId}
        onClick={() => setShown(!shown)}
      >
        {shown ? 'Hide table' : 'Show as table'}
      </button>
      <div id={tableId} className={shown ? 'table-scroll chart-table-body' : 'visually-hidden'}>
        <table className="data-table">
          <caption className={shown ? undefined : 'visually-hidden'}>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.label} scope="col" className={column.numeric ? 'num' : undefined}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={rowKey(row, index)}>
                {columns.map((column, columnIndex) =>
                  columnIndex === 0 ? (
                    <th key={column.label} scope="row">
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.label} className={column.numeric ? 'num' : undefined}>
                      {column.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
