import type { estypes } from '@elastic/elasticsearch';
import type { Board, Finder } from './board.ts';
import type { Config } from './config.ts';
import type { TimeRange } from './time-range.ts';
import type { FindResult } from './find-schema.ts';
import { recogniseShapes, type ValueShape } from './value-shapes.ts';

type Query = estypes.QueryDslQueryContainer;

/** One finder of one board, chosen for a value. */
export interface PlannedFind {
  board: string;
  finder: Finder;
  index: string;
  body: estypes.SearchRequest;
}

/** Term or prefix per field, never query syntax: a pasted value is data, whatever it contains. */
function valueClauses(finder: Finder, value: string): Query[] {
  return finder.fields.map((field): Query =>
    finder.match === 'prefix' ? { prefix: { [field]: { value } } } : { term: { [field]: value } },
  );
}

/** The search of one finder: how many match, and the newest (with what its link needs). */
export function buildFinderSearch(finder: Finder, value: string, range: TimeRange): estypes.SearchRequest {
  const filter: Query[] = [{ bool: { should: valueClauses(finder, value), minimum_should_match: 1 } }];
  if (finder.timeField && !finder.anyAge) {
    filter.push({
      range: { [finder.timeField]: { gte: range.fromMs, lt: range.toMs, format: 'epoch_millis' } },
    });
  }
  return {
    size: 1,
    track_total_hits: true,
    _source: [...(finder.linkFields ?? [])],
    query: { bool: { filter } },
    ...(finder.timeField ? { sort: [{ [finder.timeField]: { order: 'desc' } }] } : {}),
  };
}

/** Which finders may see the value: only those accepting one of its shapes. */
export function planFind(
  boards: readonly Board[],
  config: Config,
  value: string,
  range: TimeRange,
): { shapes: ValueShape[]; planned: PlannedFind[] } {
  const shapes = recogniseShapes(value);
  const planned = boards.flatMap((board) =>
    (board.finders ?? [])
      .filter((finder) => finder.accepts.some((shape) => shapes.includes(shape)))
      .map((finder) => ({
        board: board.name,
        finder,
        index: finder.index(config),
        body: buildFinderSearch(finder, value, range),
      })),
  );
  return { shapes, planned };
}

function readPath(source: unknown, path: string): unknown {
  let node = source;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const HOUR_MS = 3_600_000;

/**
 * The board opens on the range where the match is: the searched range, or for an id found at any
 * age an hour either side of its newest occurrence. A link that names its own range keeps it.
 */
function withRange(link: string, finder: Finder, newest: string | null, range: TimeRange): string {
  if (!finder.timeField || /[?&]from=/.test(link)) return link;
  const around = finder.anyAge && newest ? Date.parse(newest) : undefined;
  const fromMs = around === undefined ? range.fromMs : around - HOUR_MS;
  const toMs = around === undefined ? range.toMs : around + HOUR_MS;
  const parameters = new URLSearchParams({
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
  });
  return `${link}${link.includes('?') ? '&' : '?'}${parameters.toString()}`;
}

/** The matches, newest first (boards without time last); finders that matched nothing are left out. */
export function shapeFind(
  planned: readonly PlannedFind[],
  responses: readonly estypes.MsearchResponseItem[],
  value: string,
  range: TimeRange,
): FindResult[] {
  const results: FindResult[] = [];
  planned.forEach((plan, position) => {
    const response = responses[position];
    if (!response || 'error' in response) return;
    const total = response.hits.total;
    const count = typeof total === 'number' ? total : (total?.value ?? 0);
    const hit = response.hits.hits[0];
    if (count === 0 || !hit) return;
    const sortValue = hit.sort?.[0];
    const newest = typeof sortValue === 'number' ? new Date(sortValue).toISOString() : null;
    const source = Object.fromEntries(
      (plan.finder.linkFields ?? []).map((field) => [field, readPath(hit._source, field)]),
    );
    results.push({
      board: plan.board,
      what: plan.finder.what,
      count,
      newest,
      anyAge: plan.finder.anyAge === true || plan.finder.timeField === undefined,
      link: withRange(plan.finder.link(value, { newest, source }), plan.finder, newest, range),
    });
  });
  return results.sort((a, b) => (b.newest ?? '').localeCompare(a.newest ?? ''));
}
