import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import { Panel } from '../../components/panel.tsx';
import { countOf } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { kept, useBoardFilters } from '../../lib/use-board-filters.ts';
import { useTimeRange } from '../../lib/use-time-range.ts';
import { tracesQueries, type Trace } from './queries.ts';
import { SpanDrawer } from './span-drawer.tsx';
import { formatDurationUs } from './span-text.ts';
import { buildTraceTree, isoToEpochUs } from './trace-tree.ts';
import { Waterfall } from './waterfall.tsx';
import './traces.css';

/** `?span=` is the selected span: a link or a reload opens the drawer on it and scrolls to it. */
const TRACE_FIELDS = { span: kept() };

/** One trace, whole, whatever its size: the page a search result, a log line or a colleague links to. */
export function TracePage() {
  const { traceId = '' } = useParams();
  const { search } = useLocation();
  const { tz } = useTimeRange();
  const query = useQuery(tracesQueries.trace(traceId.toLowerCase()));

  return (
    <div className="board-page traces-page traces-trace-page">
      <nav className="traces-back" aria-label="Breadcrumb">
        <Link to={{ pathname: '/traces', search: withoutSpan(search) }}>← Traces</Link>
      </nav>
      <header className="board-header">
        <title>{`Trace ${traceId} · Lookout`}</title>
        <h1>
          {query.data ? `${rootLabel(query.data)}` : 'Trace'}{' '}
          <code className="traces-trace-id">{traceId}</code>
        </h1>
        {query.data && <TraceSummary trace={query.data} tz={tz} />}
      </header>
      <Panel
        title="Waterfall"
        query={query}
        tz={tz}
        isEmpty={(trace) => trace.spans.length === 0}
        emptyMessage="No span of this trace is stored."
      >
        {(trace) => <TraceView trace={trace} tz={tz} />}
      </Panel>
    </div>
  );
}

function TraceView({ trace, tz }: { trace: Trace; tz: TimeZoneOption }) {
  const { values, update } = useBoardFilters(TRACE_FIELDS);
  const tree = useMemo(() => buildTraceTree(trace.spans), [trace.spans]);
  const critical = useMemo(() => new Set(trace.criticalPath), [trace.criticalPath]);
  // Stepping through spans replaces the history entry: Back leaves the trace, not the last click.
  const select = useCallback(
    (spanId: string | null) => update({ span: spanId }, { replace: true }),
    [update],
  );
  const close = useCallback(() => select(null), [select]);
  const selectedIndex = values.span === undefined ? undefined : tree.indexOf.get(values.span);
  const selectedSpan = selectedIndex === undefined ? undefined : tree.nodes[selectedIndex]!.span;

  return (
    <>
      <Warnings trace={trace} />
      {values.span !== undefined && selectedSpan === undefined && (
        <p className="traces-note" role="status">
          The span <code>{values.span}</code> from the link is not in this trace.
        </p>
      )}
      <p className="hint traces-legend">
        <span className="traces-legend-critical" /> critical path · <span className="traces-legend-error" />{' '}
        error · from {formatTimestamp(new Date(tree.startUs / 1000), tz)}
      </p>
      <div className={selectedSpan ? 'traces-trace-layout traces-trace-layout-open' : 'traces-trace-layout'}>
        <Waterfall tree={tree} critical={critical} selected={selectedSpan?.spanId} onSelect={select} />
        {selectedSpan && (
          <SpanDrawer
            key={selectedSpan.spanId}
            span={selectedSpan}
            onCriticalPath={critical.has(selectedSpan.spanId)}
            tz={tz}
            onClose={close}
          />
        )}
      </div>
    </>
  );
}

function TraceSummary({ trace, tz }: { trace: Trace; tz: TimeZoneOption }) {
  const errors = trace.spans.filter((span) => span.status.code === 'error').length;
  const root = trace.spans.find((span) => span.spanId === trace.rootSpanId);
  return (
    <p className="board-range">
      {formatDurationUs(trace.durationUs)} · {countOf(trace.spans.length, 'span')} ·{' '}
      {countOf(trace.services.length, 'service')}
      {errors > 0 && <span className="traces-status-error"> · {countOf(errors, 'error')}</span>}
      {root && <> · started {formatTimestamp(new Date(isoToEpochUs(root.start) / 1000), tz)}</>}
    </p>
  );
}

function Warnings({ trace }: { trace: Trace }) {
  if (trace.warnings.length === 0) return null;
  return (
    <ul className="traces-warnings" aria-label="Warnings">
      {trace.warnings.map((warning, i) => (
        <li key={i}>{warning.message}</li>
      ))}
    </ul>
  );
}

function rootLabel(trace: Trace): string {
  const root = trace.spans.find((span) => span.spanId === trace.rootSpanId);
  return root ? `${root.service}: ${root.name}` : 'Trace';
}

/** Back to the search with its filters and range, without this page's span. */
function withoutSpan(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('span');
  const text = params.toString();
  return text ? `?${text}` : '';
}
