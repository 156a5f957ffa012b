import type { FastifyReply } from 'fastify';
import type { Search } from '../core/board.ts';
import type { PartialReason } from '../core/schema-pieces.ts';
import { PARTIAL_HEADER, partialReasons } from '../es/search.ts';

export { PARTIAL_HEADER } from '../es/search.ts';

/**
 * One request's searches, noting whether any came back incomplete (engine-side timeout, failed
 * shards). A response shared by concurrent identical searches is checked by each caller, so it
 * flags every request that used it.
 */
export function notingPartial(search: Search): { search: Search; reasons: Set<PartialReason> } {
  const reasons = new Set<PartialReason>();
  const noting: Search = async (request) => {
    const response = await search(request);
    for (const reason of partialReasons(response)) reasons.add(reason);
    return response as never;
  };
  return { search: noting, reasons };
}

/**
 * Marks an answer computed from incomplete results: the typed `partial` field (a time-out says
 * more than a lost shard, so it wins when both happened) and the `x-lookout-partial` header with
 * every reason.
 */
export function markPartial<T extends object>(
  answer: T,
  reasons: ReadonlySet<PartialReason>,
  reply: FastifyReply,
): T & { partial?: PartialReason } {
  if (reasons.size === 0) return answer;
  reply.header(PARTIAL_HEADER, [...reasons].sort().join(','));
  return { ...answer, partial: reasons.has('timed_out') ? 'timed_out' : 'shard_failures' };
}
