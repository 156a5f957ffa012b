import {
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
} from 'react';
import { formatCount } from '../../lib/format-number.ts';
import type { TraceSpan } from './queries.ts';
import { formatDurationUs, serviceHue, spanMatches } from './span-text.ts';
import { collapsedBelow, revealed, visibleRows, type TraceTree } from './trace-tree.ts';

/** Every row is this tall, so the row at a scroll offset is a division, not a measurement. */
export const ROW_HEIGHT = 24;
/** Rows drawn above and below the viewport, so a fast scroll never shows blank space. */
const OVERSCAN = 12;
/** Height of the scrolling area before it is measured (and in tests, where nothing is laid out). */
const DEFAULT_VIEWPORT = 600;

export interface WaterfallProps {
  tree: TraceTree<TraceSpan>;
  /** The spans on the critical path, highlighted. */
  critical: ReadonlySet<string>;
  selected: string | undefined;
  onSelect: (spanId: string) => void;
}

/**
 * The trace as a waterfall, windowed: only the rows in view (plus a few) are in the DOM, so a
 * 50,000-span trace scrolls like a 50-span one. Subtrees collapse; "search within the trace"
 * highlights matches and steps through them, expanding what hides them.
 */
export function Waterfall({ tree, critical, selected, onSelect }: WaterfallProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [needle, setNeedle] = useState('');
  /** Index in `matches` of the match last stepped to; -1 before the first step. */
  const [matchAt, setMatchAt] = useState(-1);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(DEFAULT_VIEWPORT);
  // The span to bring into view once its row exists: the selection from the URL (a deep link, a
  // reload), then each span the person steps to. A new object each time, scrolled to once.
  const [scrollTarget, setScrollTarget] = useState(() => (selected ? { spanId: selected } : undefined));
  const scrolledFor = useRef<object | undefined>(undefined);
  const [shownSelection, setShownSelection] = useState(selected);
  const searchId = useId();

  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed]);
  const rowOf = useMemo(() => {
    const map = new Map<number, number>();
    rows.forEach((node, row) => map.set(node, row));
    return map;
  }, [rows]);
  const matches = useMemo(() => {
    const found: number[] = [];
    if (needle.trim())
      tree.nodes.forEach((node, i) => spanMatches(node.span, needle.trim()) && found.push(i));
    return found;
  }, [tree, needle]);
  const matchSet = useMemo(() => new Set(matches), [matches]);

  /** Shows the span (expanding its ancestors) and scrolls it into view. */
  const reveal = (spanId: string) => {
    const index = tree.indexOf.get(spanId);
    if (index === undefined) return;
    setCollapsed((current) => revealed(tree, current, index));
    setScrollTarget({ spanId });
  };
  // A new selection (a link, Back, a click) is revealed as soon as it arrives, in this render.
  if (selected !== shownSelection) {
    setShownSelection(selected);
    if (selected !== undefined) reveal(selected);
  }

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => setViewportHeight(element.clientHeight || DEFAULT_VIEWPORT);
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element || !scrollTarget || scrolledFor.current === scrollTarget) return;
    const row = rowOf.get(tree.indexOf.get(scrollTarget.spanId) ?? -1);
    if (row === undefined) return;
    scrolledFor.current = scrollTarget;
    const top = row * ROW_HEIGHT;
    if (top < element.scrollTop || top + ROW_HEIGHT > element.scrollTop + viewportHeight) {
      element.scrollTop = Math.max(0, top - viewportHeight / 3);
      // The rows follow the scroll event; browsers send it later, this draws the row now.
      element.dispatchEvent(new Event('scroll'));
    }
  }, [scrollTarget, rowOf, tree, viewportHeight]);

  const toggle = (spanId: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(spanId)) next.add(spanId);
      return next;
    });

  /** The keyboard in the tree: ↑/↓ move the selection, ←/→ collapse and expand, Home/End jump. */
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = rowOf.get(tree.indexOf.get(selected ?? '') ?? -1);
    const moveTo = (row: number) => {
      const node = tree.nodes[rows[Math.max(0, Math.min(rows.length - 1, row))]!];
      if (!node) return;
      event.preventDefault();
      setScrollTarget({ spanId: node.span.spanId });
      onSelect(node.span.spanId);
    };
    const node = current === undefined ? undefined : tree.nodes[rows[current]!];
    if (event.key === 'ArrowDown') moveTo(current === undefined ? 0 : current + 1);
    else if (event.key === 'ArrowUp') moveTo(current === undefined ? 0 : current - 1);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(rows.length - 1);
    else if (node && node.descendants > 0 && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      if (collapsed.has(node.span.spanId) === (event.key === 'ArrowRight')) toggle(node.span.spanId);
    }
  };

  const step = (by: number) => {
    if (matches.length === 0) return;
    const at =
      matchAt < 0 ? (by > 0 ? 0 : matches.length - 1) : (matchAt + by + matches.length) % matches.length;
    setMatchAt(at);
    const spanId = tree.nodes[matches[at]!]!.span.spanId;
    reveal(spanId);
    onSelect(spanId);
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + OVERSCAN);
  const duration = tree.durationUs || 1;

  return (
    <div className="traces-waterfall">
      <div className="traces-waterfall-toolbar">
        <label htmlFor={searchId}>Find in trace</label>
        <input
          id={searchId}
          type="search"
          value={needle}
          placeholder="service, operation, span id, key=value"
          onChange={(event) => {
            setNeedle(event.target.value);
            setMatchAt(-1);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') step(event.shiftKey ? -1 : 1);
          }}
        />
        <span role="status" className="hint">
          {needle.trim()
            ? `${formatCount(matches.length)} matching`
            : `${formatCount(tree.nodes.length)} spans`}
        </span>
        <button type="button" onClick={() => step(-1)} disabled={matches.length === 0}>
          Previous
        </button>
        <button type="button" onClick={() => step(1)} disabled={matches.length === 0}>
          Next
        </button>
        <button type="button" onClick={() => setCollapsed(new Set())} disabled={collapsed.size === 0}>
          Expand all
        </button>
        {/* A trace of thousands of spans reads best from its root's direct calls. */}
        <button type="button" onClick={() => setCollapsed(collapsedBelow(tree, 1))}>
          Collapse to the root&apos;s calls
        </button>
      </div>
      <div
        ref={viewport}
        className="traces-waterfall-viewport"
        role="tree"
        aria-label="Spans of the trace"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div className="traces-waterfall-canvas" style={{ height: rows.length * ROW_HEIGHT }}>
          {rows.slice(first, last).map((nodeIndex, i) => {
            const node = tree.nodes[nodeIndex]!;
            const { span } = node;
            const isCollapsed = collapsed.has(span.spanId);
            const classes = ['traces-row'];
            if (span.spanId === selected) classes.push('traces-row-selected');
            if (critical.has(span.spanId)) classes.push('traces-row-critical');
            if (span.status.code === 'error') classes.push('traces-row-error');
            if (matchSet.has(nodeIndex)) classes.push('traces-row-match');
            const barStyle: CSSProperties = {
              left: `${(node.offsetUs / duration) * 100}%`,
              width: `max(2px, ${(span.durationUs / duration) * 100}%)`,
              background: `hsl(${serviceHue(span.service)} 55% 50%)`,
            };
            return (
              <div
                key={span.spanId}
                className={classes.join(' ')}
                role="treeitem"
                aria-level={node.depth + 1}
                aria-selected={span.spanId === selected}
                aria-expanded={node.descendants > 0 ? !isCollapsed : undefined}
                data-span-id={span.spanId}
                style={{ top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT }}
                onClick={() => onSelect(span.spanId)}
              >
                <div className="traces-row-label" style={{ paddingLeft: Math.min(node.depth, 40) * 12 }}>
                  {node.descendants > 0 ? (
                    <button
                      type="button"
                      className="traces-toggle"
                      aria-label={`${isCollapsed ? 'Expand' : 'Collapse'} ${span.name} (${formatCount(node.descendants)} below)`}
                      onClick={(event) => {
                        event.stopPropagation();
                        toggle(span.spanId);
                      }}
                    >
                      {isCollapsed ? '▸' : '▾'}
                    </button>
                  ) : (
                    <span className="traces-toggle" />
                  )}
                  <span
                    className="traces-service"
                    style={{ color: `hsl(${serviceHue(span.service)} 55% 30%)` }}
                  >
                    {span.service}
                  </span>{' '}
                  <span className="traces-name">{span.name}</span>
                  {isCollapsed && <span className="hint"> +{formatCount(node.descendants)}</span>}
                </div>
                <div className="traces-row-track">
                  <span className="traces-bar" style={barStyle} />
                  <span className="traces-row-duration">{formatDurationUs(span.durationUs)}</span>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
