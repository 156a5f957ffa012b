import type { FastifyInstance } from 'fastify';
import type { Board } from '../core/board.ts';
import { esErrorResponses } from '../core/error-schema.ts';
import { FindQuery, FindResponse } from '../core/find-schema.ts';
import { planFind, shapeFind } from '../core/find.ts';
import type { PartialReason } from '../core/schema-pieces.ts';
import { rangeReader } from '../core/time-range.ts';
import { SHAPE_LABELS } from '../core/value-shapes.ts';
import { partialReasons } from '../es/search.ts';
import { markPartial } from './partial-results.ts';

/** A year of history at most, as the boards' own lists. */
const rangeOf = rangeReader({ from: 'now-24h', to: 'now' }, { maxRangeMs: 400 * 86_400_000 });

/**
 * `GET /api/find`: every board's finders that can hold the value's shape, as one `_msearch`
 * within the app's search limits, newest match first, each linking into its board filtered to it.
 */
export function registerFindRoute(app: FastifyInstance, boards: readonly Board[]): void {
  app.get(
    '/api/find',
    {
      schema: {
        summary: 'Where a pasted value occurs across the boards',
        description:
          'Recognises the value (IP or CIDR, ARN, vol-/i-/sg- id, trace id, container id, UUID) and asks ' +
          'only the finders that can hold it. Ids such as an eventID or a task ARN are found at any age.',
        tags: ['find'],
        querystring: FindQuery,
        response: { 200: FindResponse, ...esErrorResponses },
      },
    },
    async (request, reply) => {
      const query = request.query as FindQuery;
      const q = query.q.trim();
      const range = rangeOf(query);
      const { shapes, planned } = planFind(boards, app.config, q, range);
      const responses = await app.esSearch.multiSearch(planned.map(({ index, body }) => ({ index, body })));
      const reasons = new Set<PartialReason>();
      for (const response of responses) {
        if ('error' in response) {
          request.log.warn({ reason: response.error.reason }, 'a finder search failed');
          reasons.add('shard_failures');
        } else {
          for (const reason of partialReasons(response)) reasons.add(reason);
        }
      }
      const answer: FindResponse = {
        q,
        recognised: shapes
          .filter((shape) => shape !== 'text')
          .map((shape) => ({ shape, label: SHAPE_LABELS[shape] })),
        results: shapeFind(planned, responses, q, range),
        searched: {
          boards: [...new Set(planned.map((plan) => plan.board))],
          from: new Date(range.fromMs).toISOString(),
          to: new Date(range.toMs).toISOString(),
        },
      };
      return markPartial(answer, reasons, reply);
    },
  );
}
