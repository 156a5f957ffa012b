import { useEffect, useRef, useState } from 'react';
import type { QueryParams } from '../lib/api.ts';
import {
  fetchExport,
  saveBlob,
  type ExportFormat,
  type ExportProgress,
  type ExportResult,
} from '../lib/export-download.ts';
import { formatCount } from '../lib/format-number.ts';

type State =
  | { step: 'idle' }
  | { step: 'running'; format: ExportFormat; progress: ExportProgress }
  | { step: 'done'; result: ExportResult }
  | { step: 'failed'; message: string }
  | { step: 'cancelled' };

export interface ExportMenuProps {
  /** The list endpoint, e.g. `/api/cloudtrail/events`. */
  path: string;
  /** The list's own filters and range (no page size, no cursor: the export is the whole list). */
  params: QueryParams;
  /** Handed the finished file; the browser download by default (tests pass their own). */
  save?: (blob: Blob, fileName: string) => void;
}

/**
 * Export the whole filtered list, not the page: CSV or NDJSON, with the rows so far while it
 * streams and a Cancel that stops it (the request is aborted; the server stops reading).
 */
export function ExportMenu({ path, params, save = saveBlob }: ExportMenuProps) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const controller = useRef<AbortController | null>(null);

  // Leaving the board cancels an export in flight.
  useEffect(() => () => controller.current?.abort(), []);

  async function start(format: ExportFormat) {
    const abort = new AbortController();
    controller.current = abort;
    setState({ step: 'running', format, progress: { rows: 0, total: undefined } });
    try {
      const result = await fetchExport(path, params, format, {
        signal: abort.signal,
        onProgress: (progress) => setState({ step: 'running', format, progress }),
      });
      save(result.blob, result.fileName);
      setState({ step: 'done', result });
    } catch (error) {
      if (abort.signal.aborted) setState({ step: 'cancelled' });
      else setState({ step: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }

  if (state.step === 'running') {
    const { rows, total } = state.progress;
    return (
      <span className="export-menu" role="status">
        Exporting {state.format.toUpperCase()}… {formatCount(rows)}
        {total !== undefined && ` of ${formatCount(total)}`} rows{' '}
        <button type="button" onClick={() => controller.current?.abort()}>
          Cancel
        </button>
      </span>
    );
  }

  return (
    <span className="export-menu">
      <details>
        <summary>Export</summary>
        <div className="export-menu-items">
          <button type="button" onClick={() => void start('csv')}>
            CSV
          </button>
          <button type="button" onClick={() => void start('ndjson')}>
            NDJSON
          </button>
        </div>
      </details>
      <ExportOutcome state={state} />
    </span>
  );
}

function ExportOutcome({ state }: { state: State }) {
  if (state.step === 'done') {
    const { result } = state;
    return (
      <span className="export-outcome" role="status">
        {formatCount(result.rows)} rows saved to {result.fileName}
        {result.truncated &&
          ` — stopped at the limit of ${formatCount(result.limit ?? result.rows)} rows; narrow the range or filters`}
      </span>
    );
  }
  if (state.step === 'cancelled') {
    return (
      <span className="export-outcome" role="status">
        Export cancelled
      </span>
    );
  }
  if (state.step === 'failed') {
    return (
      <span className="export-outcome export-failed" role="alert">
        Export failed: {state.message}
      </span>
    );
  }
  return null;
}
