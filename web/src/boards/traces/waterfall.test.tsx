import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { largeTrace, renderPage, smallTrace } from './test-helpers.tsx';
import { buildTraceTree } from './trace-tree.ts';
import { ROW_HEIGHT, Waterfall } from './waterfall.tsx';

const rows = () => screen.getAllByRole('treeitem');
const rowIds = () => rows().map((row) => row.dataset.spanId);

function renderWaterfall(trace = smallTrace(), selected?: string, onSelect = vi.fn()) {
  const tree = buildTraceTree(trace.spans);
  const view = renderPage(
    '/',
    '/',
    <Waterfall tree={tree} critical={new Set(trace.criticalPath)} selected={selected} onSelect={onSelect} />,
  );
  return { ...view, onSelect };
}

describe('Waterfall', () => {
  it('draws the tree in order, with the critical path and the errors marked', () => {
    renderWaterfall();
    expect(rowIds()).toEqual([
      '00000000000000a1',
      '00000000000000d4',
      '00000000000000b2',
      '00000000000000c3',
    ]);
    const critical = rows().filter((row) => row.classList.contains('traces-row-critical'));
    expect(critical.map((row) => row.dataset.spanId)).toEqual([
      '00000000000000a1',
      '00000000000000b2',
      '00000000000000c3',
    ]);
    expect(rows()[3]!.classList.contains('traces-row-error')).toBe(true);
    expect(rows()[3]!.getAttribute('aria-level')).toBe('3');
  });

  it('renders a bounded number of rows for 50,000 spans and follows the scroll', () => {
    const trace = largeTrace();
    expect(trace.spans).toHaveLength(50_001);
    renderWaterfall(trace);
    // 600 px of viewport in jsdom: 25 rows plus the overscan, whatever the trace's size.
    expect(rows().length).toBeLessThanOrEqual(40);
    expect(screen.getByRole('tree').firstElementChild!.getAttribute('style')).toContain(
      `height: ${50_001 * ROW_HEIGHT}px`,
    );

    const viewport = screen.getByRole('tree');
    fireEvent.scroll(viewport, { target: { scrollTop: 10_000 * ROW_HEIGHT } });
    const ids = rowIds();
    expect(ids.length).toBeLessThanOrEqual(60);
    // Row 10,000: the root, then per parent 1 + 99 rows → parent 99's 99th leaf.
    expect(ids).toContain('p99-98');
    expect(ids).not.toContain('root');
  });

  it('collapsing a span hides its subtree and keeps the span', async () => {
    const { user } = renderWaterfall();
    await user.click(screen.getByRole('button', { name: 'Collapse POST /orders (1 below)' }));
    expect(rowIds()).toEqual(['00000000000000a1', '00000000000000d4', '00000000000000b2']);
    await user.click(screen.getByRole('button', { name: 'Expand POST /orders (1 below)' }));
    expect(rowIds()).toHaveLength(4);
  });

  it('collapsing one of 500 parents of a 50,000-span trace takes its 99 leaves out', async () => {
    const { user } = renderWaterfall(largeTrace());
    await user.click(screen.getByRole('button', { name: 'Collapse chunk 0 (99 below)' }));
    expect(rowIds().slice(0, 4)).toEqual(['root', 'p0', 'p1', 'p1-0']);
    expect(screen.getByRole('tree').firstElementChild!.getAttribute('style')).toContain(
      `height: ${(50_001 - 99) * ROW_HEIGHT}px`,
    );
  });

  it("collapses a 50,000-span trace to its root's 500 calls in one click", async () => {
    const { user } = renderWaterfall(largeTrace());
    await user.click(screen.getByRole('button', { name: "Collapse to the root's calls" }));
    expect(rowIds().slice(0, 3)).toEqual(['root', 'p0', 'p1']);
    expect(screen.getByRole('tree').firstElementChild!.getAttribute('style')).toContain(
      `height: ${501 * ROW_HEIGHT}px`,
    );
  });

  it('finds spans within the trace and steps to them, expanding what hides them', async () => {
    const { user, onSelect } = renderWaterfall();
    await user.click(screen.getByRole('button', { name: 'Collapse GET /checkout (3 below)' }));
    expect(rowIds()).toEqual(['00000000000000a1']);
    await user.type(screen.getByLabelText('Find in trace'), 'nothing like it{Enter}');
    expect(screen.getByRole('status').textContent).toBe('0 matching');
    await user.clear(screen.getByLabelText('Find in trace'));
    // The status message of the failed insert.
    await user.type(screen.getByLabelText('Find in trace'), 'deadlock{Enter}');
    expect(screen.getByRole('status').textContent).toBe('1 matching');
    expect(onSelect).toHaveBeenLastCalledWith('00000000000000c3');
    expect(rowIds()).toContain('00000000000000c3');
    const match = rows().find((row) => row.dataset.spanId === '00000000000000c3')!;
    expect(match.classList.contains('traces-row-match')).toBe(true);
  });

  it('shows the selected span of a 50,000-span trace, deep in the list, by scrolling to it', () => {
    renderWaterfall(largeTrace(), 'p400-50');
    const selected = screen.getByRole('treeitem', { selected: true });
    expect(selected.dataset.spanId).toBe('p400-50');
    expect(within(selected).getByText('SELECT item')).toBeTruthy();
  });

  it('selects a span on click', async () => {
    const { user, onSelect } = renderWaterfall();
    await user.click(screen.getByText('GET cart'));
    expect(onSelect).toHaveBeenCalledWith('00000000000000d4');
  });

  it('moves the selection with the arrow keys and collapses with ←', async () => {
    const { user, onSelect } = renderWaterfall(smallTrace(), '00000000000000a1');
    screen.getByRole('tree').focus();
    await user.keyboard('{ArrowDown}');
    expect(onSelect).toHaveBeenLastCalledWith('00000000000000d4');
    await user.keyboard('{End}');
    expect(onSelect).toHaveBeenLastCalledWith('00000000000000c3');
    await user.keyboard('{ArrowLeft}');
    expect(rowIds()).toEqual(['00000000000000a1']);
    await user.keyboard('{ArrowRight}');
    expect(rowIds()).toHaveLength(4);
  });
});
