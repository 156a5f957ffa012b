import type { estypes } from '@elastic/elasticsearch';
import type { IndexFamily } from '../config.ts';
import { indexFacts } from '../families.ts';
import { buildFamilyVolumeSearch } from '../query.ts';
import { shapeFamily } from '../shape.ts';

/**
 * Golden case of the family volume search: fixed documents (written by
 * server/test/cluster-api.int.test.ts into a single index), a fixed `now`. Re-record with
 * `RECORD_FIXTURES=1 npx vitest run --project integration test/cluster-api.int.test.ts`, then review
 * the diff of `<case>.response.json` and `<case>.expected.json`.
 */
export const GOLDEN_FAMILY = {
  pattern: 'golden-logs-*',
  now: Date.parse('2026-11-26T12:30:00Z'),
  /** 2 on Nov 20, 1 on Nov 25, 3 on Nov 26 (one within the last hour), one in the future. */
  documents: [
    '2026-11-20T01:00:00Z',
    '2026-11-20T23:59:59Z',
    '2026-11-25T08:00:00Z',
    '2026-11-26T00:00:00Z',
    '2026-11-26T10:00:00Z',
    '2026-11-26T12:10:00Z',
    '2026-11-27T09:00:00Z',
  ],
};

const family: IndexFamily = {
  name: 'golden',
  title: 'Golden logs',
  pattern: GOLDEN_FAMILY.pattern,
  timeField: '@timestamp',
  boardPath: '/containers',
  retention: { days: 3 },
  protected: false,
  freshnessThresholdMs: 15 * 60_000,
};

/** Sizes as `_cat/indices` would list them for three daily indices. */
const indices = [
  { index: 'golden-logs-2026.11.20', 'docs.count': '2', 'store.size': '2000', 'pri.store.size': '2000', pri: '1' },
  { index: 'golden-logs-2026.11.25', 'docs.count': '1', 'store.size': '1000', 'pri.store.size': '1000', pri: '1' },
  { index: 'golden-logs-2026.11.26', 'docs.count': '4', 'store.size': '4000', 'pri.store.size': '4000', pri: '1' },
].map((raw) => indexFacts({ ...raw, 'creation.date': '1764000000000', uuid: raw.index }));

type Response = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

export const GOLDEN_CASES = [
  {
    name: 'family-volume',
    request: buildFamilyVolumeSearch(family, GOLDEN_FAMILY.now),
    shape: (response: Response) => shapeFamily(family, indices, response, GOLDEN_FAMILY.now),
  },
];
