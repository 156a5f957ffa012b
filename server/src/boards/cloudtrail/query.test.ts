import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../es/cursor.ts';
import { buildEventsSearch, buildTopCallsSearch, chooseInterval, filterClauses } from './query.ts';

const day = (n: number) => n * 86_400_000;
const range = { fromMs: Date.parse('2026-11-25T00:00:00Z'), toMs: Date.parse('2026-11-26T00:00:00Z') };

describe('CloudTrail query builders', () => {
  it('keeps 10-minute bars for a day and widens them only for long ranges', () => {
    expect(chooseInterval(range)).toBe('10m');
    expect(chooseInterval({ fromMs: 0, toMs: day(3) })).toBe('30m');
    expect(chooseInterval({ fromMs: 0, toMs: day(7) })).toBe('1h');
    expect(chooseInterval({ fromMs: 0, toMs: day(20) })).toBe('3h');
    expect(chooseInterval({ fromMs: 0, toMs: day(30) })).toBe('1d');
  });

  it('lets an explicit interval win unless it draws more than 2,000 bars', () => {
    expect(chooseInterval({ fromMs: 0, toMs: day(7) }, '10m')).toBe('10m');
    expect(() => chooseInterval({ fromMs: 0, toMs: day(30) }, '1m')).toThrow(/interval .*2000 bars/);
  });

  it('turns each filter into an OR of its values, next to the absolute time range', () => {
    expect(
      filterClauses(
        { account: ['111122223333', '444455556666'], outcome: 'failure', sourceIp: ['203.0.113.0/24'] },
        range,
      ),
    ).toEqual([
      { range: { '@timestamp': { gte: range.fromMs, lt: range.toMs, format: 'epoch_millis' } } },
      { terms: { 'lookout.account': ['111122223333', '444455556666'] } },
      { terms: { 'lookout.sourceIp': ['203.0.113.0/24'] } },
      { term: { 'lookout.outcome': 'failure' } },
    ]);
  });

  it('asks for each bar its own top calls, with empty bars across the whole range', () => {
    const request = buildTopCallsSearch({ size: 5 }, { index: 'ct-*', range, interval: '10m' });
    const histogram = request.aggs?.calls_over_time;
    expect(histogram?.date_histogram).toMatchObject({
      fixed_interval: '10m',
      min_doc_count: 0,
      extended_bounds: { min: range.fromMs, max: range.toMs - 1 },
    });
    expect(histogram?.aggs?.top_calls).toEqual({ terms: { field: 'eventName', size: 5 } });
  });

  it('does not mutate its parameters', () => {
    const params = Object.freeze({ account: Object.freeze(['1']) as unknown as string[], size: 3 });
    expect(() => buildEventsSearch(params, { index: 'ct-*', range })).not.toThrow();
  });

  it('pages newest first with a tie-breaker and round-trips the cursor', () => {
    const cursor = encodeCursor([1764115200000, 'abc-123']);
    const request = buildEventsSearch({ cursor, size: 2 }, { index: 'ct-*', range });
    expect(request.sort).toEqual([{ '@timestamp': { order: 'desc' } }, { eventID: { order: 'asc' } }]);
    expect(request.search_after).toEqual([1764115200000, 'abc-123']);
    expect(() => decodeCursor('garbage')).toThrow(/querystring\/cursor/);
  });

  it('searches free text only with term and prefix queries, never query syntax', () => {
    const request = buildEventsSearch({ q: 'vol-0abc123 OR *' }, { index: 'ct-*', range });
    const text = JSON.stringify(request.query);
    expect(text).not.toContain('query_string');
    expect(text).toContain('"lookout.resourceIds":"vol-0abc123 OR *"');
  });
});
