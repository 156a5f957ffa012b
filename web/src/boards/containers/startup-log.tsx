import { useEffect, useId, useRef, useState } from 'react';
import { countOf, formatCount } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import {
  firstErrorIndex,
  highlightSegments,
  lineMatches,
  logAsText,
  shortContainerName,
  type LogLine,
} from './log-lines.ts';

const COPIED_MS = 2_500;

/** `2026-11-26 10:43:12.345 UTC`: startup lines often share a second, so milliseconds matter. */
export function formatLogTime(iso: string, tz: TimeZoneOption): string {
  const date = new Date(iso);
  const [day, time, zone] = formatTimestamp(date, tz).split(' ');
  // Offsets are whole minutes, so the milliseconds are the same in every zone.
  return `${day} ${time}.${String(date.getUTCMilliseconds()).padStart(3, '0')} ${zone}`;
}

export interface StartupLogProps {
  logs: LogLine[];
  /** The task's ECS container names, to shorten Docker's container names. */
  containerNames: readonly string[];
  firstErrorLine: string | null;
  truncated: boolean;
  tz: TimeZoneOption;
}

/**
 * The container's startup log in order: stderr marked, the first error line highlighted and
 * scrolled to, a search that filters and highlights, a wrap toggle and a copy button.
 */
export function StartupLog({ logs, containerNames, firstErrorLine, truncated, tz }: StartupLogProps) {
  const [search, setSearch] = useState('');
  const [wrap, setWrap] = useState(true);
  const [copyStatus, setCopyStatus] = useState('');
  const searchId = useId();
  const boxRef = useRef<HTMLOListElement>(null);
  const firstErrorRef = useRef<HTMLLIElement>(null);
  const errorIndex = firstErrorIndex(logs, firstErrorLine);
  const severalContainers = new Set(logs.map((entry) => entry.container)).size > 1;
  const shown = logs
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => lineMatches(entry.line, search));

  // Scroll the log box so that the first error line sits in its upper third, then the page only
  // as far as needed to show that line: the failure's header stays in view as much as it can.
  useEffect(() => {
    const box = boxRef.current;
    const line = firstErrorRef.current;
    if (!box || !line) return;
    box.scrollTop = Math.max(0, line.offsetTop - box.clientHeight / 3);
    line.scrollIntoView?.({ block: 'nearest' });
  }, [errorIndex]);

  useEffect(() => {
    if (!copyStatus) return;
    const timer = setTimeout(() => setCopyStatus(''), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copyStatus]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(logAsText(logs));
      setCopyStatus(`Copied ${countOf(logs.length, 'line')}`);
    } catch {
      // The clipboard API needs https or localhost; the log itself can still be selected by hand.
      setCopyStatus('Copy failed: this page is not on https; select the lines and copy them by hand');
    }
  };

  return (
    <div className="containers-log">
      <div className="containers-log-toolbar">
        <label htmlFor={searchId}>Search the log</label>
        <input
          id={searchId}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="ECONNREFUSED"
          autoComplete="off"
          spellCheck={false}
        />
        <span className="hint" data-testid="log-match-count">
          {search.trim()
            ? `${formatCount(shown.length)} of ${countOf(logs.length, 'line')} match`
            : countOf(logs.length, 'line')}
        </span>
        <label className="containers-log-wrap">
          <input type="checkbox" checked={wrap} onChange={(event) => setWrap(event.target.checked)} />
          Wrap lines
        </label>
        <button type="button" onClick={() => void copy()}>
          Copy log
        </button>
        <span role="status" className="containers-copy-status">
          {copyStatus}
        </span>
      </div>
      {truncated && (
        <p className="hint" role="note">
          The startup log has more lines than shown here; the first {formatCount(logs.length)} are listed.
        </p>
      )}
      <ol
        ref={boxRef}
        className={wrap ? 'containers-log-lines containers-log-wrapped' : 'containers-log-lines'}
        aria-label="Startup log"
        // It scrolls: a keyboard user must be able to focus it to scroll it.
        tabIndex={0}
      >
        {shown.map(({ entry, index }) => {
          const isFirstError = index === errorIndex;
          const classes = ['containers-log-line', `containers-log-${entry.source}`];
          if (isFirstError) classes.push('containers-log-first-error');
          return (
            <li
              key={index}
              ref={isFirstError ? firstErrorRef : undefined}
              className={classes.join(' ')}
              data-source={entry.source}
              data-first-error={isFirstError || undefined}
            >
              <span className="containers-log-time">{formatLogTime(entry.timestamp, tz)}</span>
              <span className="containers-log-source">{entry.source}</span>
              {severalContainers && (
                <span className="containers-log-container" title={entry.container}>
                  {shortContainerName(entry.container, containerNames)}
                </span>
              )}
              {isFirstError && <span className="containers-log-flag">first error</span>}
              <span className="containers-log-text">
                {highlightSegments(entry.line, search).map((segment, position) =>
                  segment.match ? <mark key={position}>{segment.text}</mark> : segment.text,
                )}
              </span>
            </li>
          );
        })}
      </ol>
      {shown.length === 0 && logs.length > 0 && (
        <p className="panel-state">No line contains “{search.trim()}”.</p>
      )}
    </div>
  );
}
