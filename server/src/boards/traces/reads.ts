import type { estypes } from '@elastic/elasticsearch';
import type { Search } from '../../core/board.ts';
import type { TimeRange } from '../../core/time-range.ts';
import { decodeCursor, encodeCursor } from '../../es/cursor.ts';
import {
  HEADS_PER_ROUND,
  TRACE_PAGE_SIZE,
  buildMatchingTracesSearch,
  buildTraceHeadsSearch,
  buildTraceSpansSearch,
  buildTraceSummariesSearch,
  spanFilterClauses,
} from './query.ts';
import type { TraceResponse, TraceSearchQuery, TraceSearchResponse } from './schema.ts';
import {
  pageOfSpans,
  shapeMatchingTraceIds,
  shapeTrace,
  shapeTraceHeads,
  shapeTraceSummaries,
  type StoredSpan,
  type TraceHead,
} from './shape.ts';

/** The reads that take more than one search: a trace in pages, the search in rounds. */

/** Every span of a trace, page after page (search_after), however many there are. */
export async function readTrace(
  search: Search,
  traceId: string,
  context: { index: string; range?: TimeRange },
): Promise<TraceResponse | null> {
  const spans: StoredSpan[] = [];
  let after: estypes.SortResults | undefined;
  for (;;) {
    const page = pageOfSpans(
      await search<StoredSpan>(buildTraceSpansSearch(traceId, { ...context, after })),
      TRACE_PAGE_SIZE,
    );
    spans.push(...page.spans);
    if (!page.after) break;
    after = page.after;
  }
  return shapeTrace(traceId, spans);
}

/**
 * Rounds of heads read while span filters reject candidates: at most this many heads are
 * examined per request; a page that is not full by then still hands out a cursor to go on.
 */
export const MAX_HEAD_ROUNDS = 8;

/** Trace search (see the comment in query.ts for why it takes these steps). */
export async function searchTraces(
  search: Search,
  query: TraceSearchQuery,
  context: { index: string; range: TimeRange },
): Promise<TraceSearchResponse> {
  const size = query.size ?? 20;
  const spanFilters = spanFilterClauses(query);
  // Without span filters every head is a result: read one more than a page to know if one follows.
  const perRound = spanFilters.length === 0 ? size + 1 : HEADS_PER_ROUND;
  const page: TraceHead[] = [];
  let after: estypes.SortResults | undefined = query.cursor ? decodeCursor(query.cursor) : undefined;
  let nextCursor: string | null = null;

  for (let round = 0; round < MAX_HEAD_ROUNDS; round += 1) {
    const heads = shapeTraceHeads(
      await search(buildTraceHeadsSearch(query, { ...context, size: perRound, after })),
    );
    const matching =
      spanFilters.length === 0 || heads.length === 0
        ? null
        : shapeMatchingTraceIds(
            await search(
              buildMatchingTracesSearch(
                spanFilters,
                heads.map((head) => head.traceId),
                context,
              ),
            ),
          );
    const exhausted = heads.length < perRound;
    let full = false;
    for (const head of heads) {
      if (matching && !matching.has(head.traceId)) continue;
      if (page.length === size) {
        full = true;
        break;
      }
      page.push(head);
    }
    if (full) {
      nextCursor = encodeCursor(page.at(-1)!.sort);
      break;
    }
    if (exhausted) break;
    after = heads.at(-1)!.sort;
    // Out of rounds with heads left: go on from the last head examined.
    if (round === MAX_HEAD_ROUNDS - 1) nextCursor = encodeCursor(after);
  }

  if (page.length === 0) return { traces: [], nextCursor };
  const summaries = await search(
    buildTraceSummariesSearch(
      page.map((head) => head.traceId),
      context,
    ),
  );
  return { traces: shapeTraceSummaries(page, summaries), nextCursor };
}
