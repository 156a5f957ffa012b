import type { FastifyInstance } from 'fastify';
import { withSearchOutcome, type SearchOutcome } from '../es/search.ts';

/** Response header naming why an answer is incomplete: `timed_out`, `shard_failures`, or both. */
export const PARTIAL_HEADER = 'x-lookout-partial';

declare module 'fastify' {
  interface FastifyRequest {
    searchOutcome?: SearchOutcome;
  }
}

/**
 * Flags partial results on every endpoint at once: each request runs with its own search outcome
 * (see es/search.ts), and a search that timed out on the engine or lost shards adds a reason that
 * goes out as the `x-lookout-partial` header. Routes and response schemas stay as they are.
 */
export function registerPartialResults(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const outcome: SearchOutcome = { partial: new Set() };
    request.searchOutcome = outcome;
    withSearchOutcome(outcome, done);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const reasons = request.searchOutcome?.partial;
    if (reasons && reasons.size > 0) reply.header(PARTIAL_HEADER, [...reasons].sort().join(','));
    return payload;
  });
}
