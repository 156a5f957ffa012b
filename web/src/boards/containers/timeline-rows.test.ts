import { describe, expect, it } from 'vitest';
import { intervalMs, toTimelineRows, visibleReasons } from './timeline-rows.ts';
import { timelineResponse } from './test-fixtures.ts';

describe('timeline rows', () => {
  it('reads interval widths', () => {
    expect(intervalMs('5m')).toBe(300_000);
    expect(intervalMs('1h')).toBe(3_600_000);
    expect(intervalMs('2d')).toBe(172_800_000);
    expect(intervalMs('1w')).toBeNull();
  });

  it('makes one bar per bucket whose stack adds up to its total', () => {
    const rows = toTimelineRows(timelineResponse);
    expect(rows).toHaveLength(3);
    const nine = rows[1]!;
    expect(new Date(nine.startMs).toISOString()).toBe('2026-11-26T09:00:00.000Z');
    expect(new Date(nine.endMs).toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(nine.byReason['out-of-memory']).toBe(1);
    expect(nine.byReason['image-pull']).toBe(1);
    expect(nine.byReason['app-error']).toBe(0);
    expect(nine.unlisted).toBe(0);
  });

  it('keeps failures of a class this page does not know as unlisted', () => {
    const [row] = toTimelineRows({
      interval: '5m',
      buckets: [
        { start: '2026-11-26T10:00:00.000Z', total: 4, byReason: { 'app-error': 1, 'disk-full': 3 } },
      ],
    });
    expect(row?.byReason['app-error']).toBe(1);
    expect(row?.unlisted).toBe(3);
  });

  it('draws the classes present, in the fixed order, narrowed to the reason filter', () => {
    const rows = toTimelineRows(timelineResponse);
    expect(visibleReasons(rows, [])).toEqual(['image-pull', 'out-of-memory', 'app-error']);
    expect(visibleReasons(rows, ['app-error', 'crash'])).toEqual(['app-error']);
  });
});
