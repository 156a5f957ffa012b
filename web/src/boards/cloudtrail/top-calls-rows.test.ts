import { describe, expect, it } from 'vitest';
import type { cloudtrail } from '@lookout/server/types';
import { intervalToMs, OUTSIDE_TOP_COLOR, SERIES_PALETTE, toChartRows } from './top-calls-rows.ts';

// Four 10-minute bars over 10:05–10:35 UTC; the range's own top 3 is CreateVolume,
// DescribeInstances, AssumeRole (GetObject is fourth overall but never in a bar's top).
const response: cloudtrail.TopCallsResponse = {
  interval: '10m',
  from: '2026-11-26T10:05:00.000Z',
  to: '2026-11-26T10:35:00.000Z',
  buckets: [
    {
      start: '2026-11-26T10:00:00.000Z',
      total: 12,
      calls: [
        { eventName: 'DescribeInstances', count: 7 },
        { eventName: 'CreateVolume', count: 3 },
        { eventName: 'PutObject', count: 2 },
      ],
      other: 0,
    },
    {
      start: '2026-11-26T10:10:00.000Z',
      total: 20,
      calls: [
        { eventName: 'CreateVolume', count: 9 },
        { eventName: 'AssumeRole', count: 6 },
        { eventName: 'DescribeInstances', count: 4 },
      ],
      other: 1,
    },
    { start: '2026-11-26T10:20:00.000Z', total: 0, calls: [], other: 0 },
    {
      start: '2026-11-26T10:30:00.000Z',
      total: 5,
      calls: [{ eventName: 'ConsoleLogin', count: 5 }],
      other: 0,
    },
  ],
  overall: [
    { eventName: 'CreateVolume', count: 12 },
    { eventName: 'DescribeInstances', count: 11 },
    { eventName: 'AssumeRole', count: 6 },
    { eventName: 'GetObject', count: 1 },
  ],
};

describe('toChartRows', () => {
  it("gives each bar its own top calls' counts and the rest as other", () => {
    const { rows } = toChartRows(response);
    expect(rows.map((row) => [row.start, row.counts, row.other, row.total])).toEqual([
      ['2026-11-26T10:00:00.000Z', { DescribeInstances: 7, CreateVolume: 3, PutObject: 2 }, 0, 12],
      ['2026-11-26T10:10:00.000Z', { CreateVolume: 9, AssumeRole: 6, DescribeInstances: 4 }, 1, 20],
      ['2026-11-26T10:20:00.000Z', {}, 0, 0],
      ['2026-11-26T10:30:00.000Z', { ConsoleLogin: 5 }, 0, 5],
    ]);
    // Each stack adds up to its bar's total: nothing is drawn twice or lost.
    for (const row of rows) {
      const stacked = Object.values(row.counts).reduce((a, b) => a + b, 0) + row.other;
      expect(stacked).toBe(row.total);
    }
  });

  it("spans each bar's interval, cut to the requested range at both ends", () => {
    const { rows, intervalMs } = toChartRows(response);
    expect(intervalMs).toBe(600_000);
    expect(rows.map((row) => `${row.from.slice(11, 16)}–${row.to.slice(11, 16)}`)).toEqual([
      '10:05–10:10',
      '10:10–10:20',
      '10:20–10:30',
      '10:30–10:35',
    ]);
  });

  it("stacks the range's top calls first in their order, then the others by volume, sharing a grey", () => {
    const { series } = toChartRows(response);
    expect(series.map((s) => [s.eventName, s.color])).toEqual([
      ['CreateVolume', SERIES_PALETTE[0]],
      ['DescribeInstances', SERIES_PALETTE[1]],
      ['AssumeRole', SERIES_PALETTE[2]],
      // ConsoleLogin (5 events in bars) before PutObject (2); GetObject is in no bar, so no series.
      ['ConsoleLogin', OUTSIDE_TOP_COLOR],
      ['PutObject', OUTSIDE_TOP_COLOR],
    ]);
  });

  it('keeps a call its colour when another call drops out of the bars', () => {
    const withoutCreateVolume: cloudtrail.TopCallsResponse = {
      ...response,
      buckets: response.buckets.map((b) => ({
        ...b,
        calls: b.calls.filter((c) => c.eventName !== 'CreateVolume'),
      })),
    };
    const { series } = toChartRows(withoutCreateVolume);
    expect(series.find((s) => s.eventName === 'AssumeRole')?.color).toBe(SERIES_PALETTE[2]);
  });
});

describe('intervalToMs', () => {
  it('reads the widths the BFF uses', () => {
    expect(intervalToMs('10m')).toBe(600_000);
    expect(intervalToMs('3h')).toBe(10_800_000);
    expect(intervalToMs('1d')).toBe(86_400_000);
  });
});
