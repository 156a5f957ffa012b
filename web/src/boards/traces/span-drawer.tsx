import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TraceSpan } from './queries.ts';
import { formatDurationUs } from './span-text.ts';
import { isoToEpochUs } from './trace-tree.ts';

export interface SpanDrawerProps {
  span: TraceSpan;
  onCriticalPath: boolean;
  tz: TimeZoneOption;
  onClose: () => void;
}

/** The span in `?span=`, beside the waterfall: everything the producer sent about it. */
export function SpanDrawer({ span, onCriticalPath, tz, onClose }: SpanDrawerProps) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  const startUs = isoToEpochUs(span.start);

  return (
    <aside className="drawer traces-drawer" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <header className="drawer-header">
        <div>
          <h2 id={titleId}>{span.name}</h2>
          <p className="drawer-id">
            span <code>{span.spanId}</code> · {span.service}
          </p>
        </div>
        <button ref={closeRef} type="button" onClick={onClose} aria-label="Close span" title="Close (Esc)">
          ×
        </button>
      </header>
      <dl className="traces-facts">
        <Fact label="Duration">{formatDurationUs(span.durationUs)}</Fact>
        <Fact label="Start">
          {formatTimestamp(new Date(startUs / 1000), tz)} <span className="hint">({span.start})</span>
        </Fact>
        <Fact label="Kind">{span.kind}</Fact>
        <Fact label="Status">
          <span className={span.status.code === 'error' ? 'traces-status-error' : undefined}>
            {span.status.code}
          </span>
          {span.status.message ? ` · ${span.status.message}` : ''}
        </Fact>
        <Fact label="Parent">{span.parentSpanId ? <code>{span.parentSpanId}</code> : 'none (root)'}</Fact>
        <Fact label="Critical path">{onCriticalPath ? 'yes' : 'no'}</Fact>
      </dl>
      <Section title="Attributes" empty="No attributes.">
        {Object.keys(span.attributes ?? {}).length > 0 && <KeyValues values={span.attributes} />}
      </Section>
      <Section title={`Events (${span.events.length})`} empty="No events.">
        {span.events.length > 0 && (
          <ol className="traces-events">
            {span.events.map((event, i) => (
              <li key={i}>
                <strong>{event.name}</strong>{' '}
                <span className="hint">+{formatDurationUs(isoToEpochUs(event.time) - startUs)}</span>
                {Object.keys(event.attributes ?? {}).length > 0 && <KeyValues values={event.attributes} />}
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section title={`Links (${span.links.length})`} empty="No links.">
        {span.links.length > 0 && (
          <ul className="traces-links">
            {span.links.map((link) => (
              <li key={`${link.traceId}-${link.spanId}`}>
                <Link to={{ pathname: `/traces/${link.traceId}`, search: `?span=${link.spanId}` }}>
                  {link.traceId} / {link.spanId}
                </Link>
                {Object.keys(link.attributes ?? {}).length > 0 && <KeyValues values={link.attributes} />}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {span.resource !== undefined && (
        <Section title="Resource" empty="No resource attributes.">
          {Object.keys(span.resource).length > 0 && <KeyValues values={span.resource} />}
        </Section>
      )}
    </aside>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="traces-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Section({ title, empty, children }: { title: string; empty: string; children: ReactNode }) {
  return (
    <section className="traces-drawer-section">
      <h3 className="subhead">{title}</h3>
      {children || <p className="hint">{empty}</p>}
    </section>
  );
}

/** Producers' values as they sent them: strings bare, anything else as JSON. */
function KeyValues({ values }: { values: Record<string, unknown> | null | undefined }) {
  return (
    <table className="traces-kv">
      <tbody>
        {Object.entries(values ?? {})
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([key, value]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>{typeof value === 'string' ? value : JSON.stringify(value)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
