import { describe, expect, it } from 'vitest';
import type { estypes } from '@elastic/elasticsearch';
import {
  RESTORE_FAILURES_PAGE,
  buildFailureScanSearch,
  buildRestoreLookupSearch,
  chunkWindows,
  median,
  readRestoreLookup,
  restoreWindows,
  timeToRestore,
  timeToRestoreOf,
  type RestoreWindow,
} from './time-to-restore.ts';

const at = (hhmm: string) => Date.parse(`2026-11-20T${hhmm}:00Z`);
const context = { index: 'deployments', range: { fromMs: at('00:00'), toMs: at('23:00') } };
const HOUR = 3_600_000;

type Response = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

describe('restore windows', () => {
  it('opens one window per failure up to the next failure of the service, the last one open-ended', () => {
    expect(
      restoreWindows([
        { service: 'a', at: at('10:00') },
        { service: 'a', at: at('11:00') },
        { service: 'a', at: at('11:00') },
        { service: 'b', at: at('09:00') },
      ]),
    ).toEqual([
      { service: 'a', fromMs: at('10:00'), toMs: at('11:00') },
      { service: 'a', fromMs: at('11:00'), toMs: null },
      { service: 'b', fromMs: at('09:00'), toMs: null },
    ]);
  });

  it('splits windows into lookups of a bounded size', () => {
    const windows = restoreWindows([1, 2, 3, 4, 5].map((n) => ({ service: 'a', at: n })));
    expect(chunkWindows(windows, 2).map((chunk) => chunk.length)).toEqual([2, 2, 1]);
  });
});

describe('time to restore from the windows', () => {
  const windows: RestoreWindow[] = [
    { service: 'a', fromMs: at('10:00'), toMs: at('11:00') },
    { service: 'a', fromMs: at('11:00'), toMs: at('15:00') },
    { service: 'a', fromMs: at('15:00'), toMs: null },
    { service: 'b', fromMs: at('09:00'), toMs: null },
    { service: 'c', fromMs: at('12:00'), toMs: null },
  ];

  it('runs from the first failure of a run to the first success after it, and counts runs never restored', () => {
    // a: 10:00 and 11:00 fail, 12:00 succeeds (2 h); 15:00 fails, restored at 15:30 (30 min);
    // b: 09:00 fails, restored the next day at 09:00 (24 h); c: never restored
    const firstSuccess = [null, at('12:00'), at('15:30'), at('09:00') + 24 * HOUR, null];
    expect(timeToRestoreOf(windows, firstSuccess)).toEqual({ p50: 2 * HOUR, restores: 3, unrestored: 1 });
  });

  it('has no median without a restore', () => {
    expect(timeToRestoreOf(windows.slice(4), [null])).toEqual({ p50: null, restores: 0, unrestored: 1 });
  });

  it('takes the median as the middle value or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('restore searches', () => {
  it('scans failed production deploys for sort values only, resuming after a cursor', () => {
    const search = buildFailureScanSearch({ service: ['a'] }, context, ['a', at('10:00')]);
    expect(search).toMatchObject({
      size: RESTORE_FAILURES_PAGE,
      _source: false,
      stored_fields: '_none_',
      track_total_hits: false,
      sort: [{ service: { order: 'asc' } }, { '@timestamp': { order: 'asc' } }],
      search_after: ['a', at('10:00')],
    });
    expect(search.filter_path).toContain('hits.hits.sort');
    expect(search.query?.bool?.filter).toEqual(
      expect.arrayContaining([
        { terms: { phase: ['failed', 'rolled_back'] } },
        { term: { environment: 'production' } },
        { term: { kind: 'deploy' } },
        { terms: { service: ['a'] } },
      ]),
    );
  });

  it('looks up the first success in each window, per service, with no upper time bound', () => {
    const windows: RestoreWindow[] = [
      { service: 'a', fromMs: 1, toMs: 5 },
      { service: 'a', fromMs: 5, toMs: null },
      { service: 'b', fromMs: 3, toMs: null },
    ];
    const search = buildRestoreLookupSearch({ platform: ['ruby'] }, context, windows);
    expect(search.query?.bool?.filter).toEqual([
      { range: { '@timestamp': { gte: context.range.fromMs, format: 'epoch_millis' } } },
      { term: { phase: 'succeeded' } },
      { term: { environment: 'production' } },
      { term: { kind: 'deploy' } },
      { terms: { platform: ['ruby'] } },
    ]);
    expect(search.aggs).toEqual({
      restore_service_0: {
        filter: { term: { service: 'a' } },
        aggs: {
          restore_windows: {
            date_range: {
              field: '@timestamp',
              format: 'epoch_millis',
              ranges: [{ from: 1, to: 5 }, { from: 5 }],
            },
            aggs: { first_success: { min: { field: '@timestamp' } } },
          },
        },
      },
      restore_service_1: expect.objectContaining({ filter: { term: { service: 'b' } } }),
    });
    const response = {
      aggregations: {
        restore_service_0: {
          restore_windows: { buckets: [{ first_success: { value: null } }, { first_success: { value: 9 } }] },
        },
        restore_service_1: { restore_windows: { buckets: [{}] } },
      },
    } as unknown as Response;
    expect(readRestoreLookup(response, windows)).toEqual([null, 9, null]);
  });

  it('pages the scan until a short page, then looks the windows up', async () => {
    const requests: estypes.SearchRequest[] = [];
    const fullPage = Array.from({ length: RESTORE_FAILURES_PAGE }, (_, i) => ({ sort: ['a', i * 10] }));
    const search = async (request: estypes.SearchRequest): Promise<Response> => {
      requests.push(request);
      if (request.aggs) {
        const buckets = (request.aggs.restore_service_0?.aggs?.restore_windows?.date_range?.ranges ?? []).map(
          (range) => ({ first_success: { value: range.to === undefined ? Number(range.from) + 7 : null } }),
        );
        return {
          aggregations: { restore_service_0: { restore_windows: { buckets } } },
        } as unknown as Response;
      }
      const hits = request.search_after ? [{ sort: ['a', RESTORE_FAILURES_PAGE * 10] }] : fullPage;
      return { hits: { hits } } as unknown as Response;
    };
    // One run of 10,001 failures from 0 ms, restored 7 ms after the last one.
    expect(await timeToRestore(search, {}, context)).toEqual({
      p50: RESTORE_FAILURES_PAGE * 10 + 7,
      restores: 1,
      unrestored: 0,
    });
    expect(requests.map((request) => request.search_after ?? (request.aggs ? 'lookup' : 'first'))).toEqual([
      'first',
      ['a', (RESTORE_FAILURES_PAGE - 1) * 10],
      'lookup',
      'lookup',
      'lookup',
    ]);
  });

  it('sends no lookup when nothing failed', async () => {
    const requests: estypes.SearchRequest[] = [];
    const search = async (request: estypes.SearchRequest) => {
      requests.push(request);
      return { _shards: { total: 0, failed: 0 } } as unknown as Response;
    };
    expect(await timeToRestore(search, {}, context)).toEqual({ p50: null, restores: 0, unrestored: 0 });
    expect(requests).toHaveLength(1);
  });
});
