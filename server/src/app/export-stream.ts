import { Readable } from 'node:stream';
import type { estypes } from '@elastic/elasticsearch';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { answerOf, type Board, type Endpoint, type EndpointContext, type ExportRow } from '../core/board.ts';
import { csvLine } from '../core/csv.ts';
import type { TimeRange } from '../core/time-range.ts';
import { openPointInTime } from '../es/point-in-time.ts';
import { partialReasons } from '../es/search.ts';

export type ExportFormat = 'csv' | 'ndjson';

export const FormatParam = Type.Optional(
  Type.Union([Type.Literal('csv'), Type.Literal('ndjson')], {
    description: 'Export the whole filtered result (not the page) as CSV or NDJSON, streamed',
  }),
);

/** Response headers of an export (exposed to other origins with the partial header). */
export const EXPORT_TOTAL_HEADER = 'x-lookout-export-total';
export const EXPORT_LIMIT_HEADER = 'x-lookout-export-limit';
export const EXPORT_TRUNCATED_HEADER = 'x-lookout-export-truncated';

/** Documents per page: well under the engine's window, few round trips for 100,000 rows. */
const PAGE_SIZE = 2_000;

/** `2026-11-20T10:00Z` → `20261120T1000Z`: sorts, and is a valid file name on every system. */
function compactTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\d\d\.\d{3}Z$/, 'Z');
}

export function exportFileName(
  board: string,
  name: string,
  range: TimeRange | undefined,
  format: ExportFormat,
): string {
  const span = range ? `-${compactTime(range.fromMs)}-${compactTime(range.toMs)}` : '';
  return `${board}-${name}${span}.${format}`;
}

function line(format: ExportFormat, columns: readonly string[], row: ExportRow): string {
  if (format === 'ndjson') {
    return `${JSON.stringify(Object.fromEntries(columns.map((column) => [column, row[column] ?? null])))}\n`;
  }
  return csvLine(columns.map((column) => row[column]));
}

/** A page that lost documents would silently shorten the file: the export fails instead. */
function checkComplete(response: estypes.SearchResponse<unknown>): void {
  const reasons = partialReasons(response as Parameters<typeof partialReasons>[0]);
  if (reasons.length > 0) {
    throw new Error(`export stopped: a page came back incomplete (${reasons.join(', ')})`);
  }
}

interface Pages {
  total: number;
  first: estypes.SearchHit<unknown>[];
  rest(): AsyncGenerator<estypes.SearchHit<unknown>[]>;
  close(): Promise<void>;
}

/**
 * Every matching document in the request's sort order, a page at a time: within a point in time
 * where the engine gives one (a stable view while documents arrive), else search_after on the
 * same sort (its last key is unique, so nothing is skipped or repeated). The first page is read
 * before anything is sent, so its total can go into the headers.
 */
async function openPages(app: FastifyInstance, request: estypes.SearchRequest): Promise<Pages> {
  // Index options belong to the index, which a point in time already names.
  const { index, ignore_unavailable, allow_no_indices, expand_wildcards, ...body } = request;
  const indexOptions = { index, ignore_unavailable, allow_no_indices, expand_wildcards };
  const pit = await openPointInTime(app.es, String(index));
  const page = async (after: estypes.SortResults | undefined, countTotal: boolean) => {
    const response = await app.esSearch({
      ...(pit ? { pit: { id: pit.id, keep_alive: pit.keepAlive } } : indexOptions),
      ...body,
      size: PAGE_SIZE,
      track_total_hits: countTotal,
      ...(after ? { search_after: after } : {}),
    });
    checkComplete(response);
    return response;
  };
  try {
    const first = await page(undefined, true);
    const total = first.hits.total;
    return {
      total: typeof total === 'number' ? total : (total?.value ?? 0),
      first: first.hits.hits,
      async *rest() {
        let hits = first.hits.hits;
        while (hits.length === PAGE_SIZE) {
          hits = (await page(hits.at(-1)!.sort, false)).hits.hits;
          if (hits.length > 0) yield hits;
        }
      },
      close: async () => {
        await pit?.close().catch(() => undefined);
      },
    };
  } catch (error) {
    await pit?.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Streams an endpoint's whole filtered result: pulled page by page as the client reads (the
 * stream asks for the next page only when the socket drains), stopped at the row limit with the
 * limit stated in the headers and in a last line, the point in time closed when the client goes
 * away or the last page is written.
 */
export async function sendExport(
  app: FastifyInstance,
  reply: FastifyReply,
  target: { board: Board; endpoint: Endpoint; query: Record<string, unknown>; format: ExportFormat },
  context: EndpointContext,
): Promise<FastifyReply> {
  const { board, endpoint, query, format } = target;
  const spec = endpoint.export!;
  const limit = app.config.limits.exportMaxRows;
  const range = spec.range?.(query);
  let total: number;
  let source: AsyncGenerator<ExportRow[]>;
  if (spec.hits) {
    const hitsSpec = spec.hits;
    const pages = await openPages(app, await hitsSpec.search(query, context));
    total = pages.total;
    source = (async function* () {
      try {
        yield await hitsSpec.rows(pages.first, context, query);
        for await (const hits of pages.rest()) yield await hitsSpec.rows(hits, context, query);
      } finally {
        await pages.close();
      }
    })();
  } else {
    const answer = await answerOf(endpoint, { query, params: {} }, context);
    const rows = answer === null ? [] : spec.rows!(answer);
    total = rows.length;
    source = (async function* () {
      yield rows;
    })();
  }
  const truncated = total > limit;
  const columns = spec.columns;
  async function* lines() {
    if (format === 'csv') yield csvLine(columns);
    let written = 0;
    for await (const rows of source) {
      for (const row of rows) {
        if (written === limit) break;
        written += 1;
        yield line(format, columns, row);
      }
      if (written === limit) {
        await source.return(undefined);
        break;
      }
    }
    if (truncated) {
      const note = `export stopped at the row limit of ${limit} rows (EXPORT_MAX_ROWS); ${total} matched`;
      yield format === 'csv'
        ? `# ${note}\r\n`
        : `${JSON.stringify({ lookoutExport: { truncated: true, limit, total, note } })}\n`;
    }
  }
  const fileName = exportFileName(board.name, spec.name, range, format);
  return reply
    .header(
      'content-type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    )
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .header(EXPORT_TOTAL_HEADER, String(total))
    .header(EXPORT_LIMIT_HEADER, String(limit))
    .header(EXPORT_TRUNCATED_HEADER, String(truncated))
    .send(Readable.from(lines(), { objectMode: false }));
}
