import { defineEndpoint, type BuildContext } from '../../core/board.ts';
import { rangeReader } from '../../core/time-range.ts';
import { withoutPage } from '../../es/request-basics.ts';
import {
  buildFailuresSearch,
  buildKpisSearch,
  buildServicesSearch,
  buildStagesSearch,
  type BuildContext as QueryContext,
} from './query.ts';
import { shapeFailureRows, shapeFailures, shapeKpis, shapeServices, shapeStages } from './shape.ts';
import { timeToRestore } from './time-to-restore.ts';
import {
  FailuresQuery,
  FailuresResponse,
  FailureRow,
  KpisQuery,
  KpisResponse,
  ServicesQuery,
  ServicesResponse,
  StagesQuery,
  StagesResponse,
} from './schema.ts';

const rangeOf = rangeReader({ from: 'now-7d', to: 'now' }, { maxRangeMs: 400 * 86_400_000 });
const contextOf = (query: { from?: string; to?: string }, { config, now }: BuildContext): QueryContext => ({
  index: config.deployments.index,
  range: rangeOf(query, now),
});

/** Build → search → shape for each endpoint; errors go to the app's one error handler. */
export const deploymentsEndpoints = [
  defineEndpoint({
    url: '/kpis',
    summary:
      'Deploy/release counts, success and DORA change failure rate, causes, durations, time to restore',
    description:
      'Counts finished events (phase succeeded, failed or rolled_back) whose finishedAt is in [from, to). ' +
      'Change failure rate and time to restore follow the DORA four keys, over production deploys. ' +
      'Time to restore is exact for any range: a run of failed production deploys of a service that ' +
      "began in the range is restored by that service's next successful production deploy, looked up " +
      'even after `to` (up to now); runs with no success since are counted in `unrestored`, not in ' +
      'the median. Sends three searches or more: the counts, a scan of the failed production deploys ' +
      '(sort values only, 10,000 a page), and one lookup of the first success after each failure.',
    querystring: KpisQuery,
    response: KpisResponse,
    async answer({ query }, { config, search }) {
      const context = { index: config.deployments.index, range: rangeOf(query) };
      // The counts and the restore scan do not depend on each other: both at once.
      const [counts, timeToRestoreMs] = await Promise.all([
        search(buildKpisSearch(query, context)).then(shapeKpis),
        timeToRestore(search, query, context),
      ]);
      return { ...counts, timeToRestoreMs };
    },
  }),
  defineEndpoint({
    url: '/failures',
    summary: 'Failed and rolled-back deploys/releases, newest first, with cause and the deciding rule',
    description: 'Paged with `nextCursor` (search_after). `stage` and `cause` narrow this list only.',
    querystring: FailuresQuery,
    response: FailuresResponse,
    build({ query }, context) {
      const search = buildFailuresSearch(query, contextOf(query, context));
      return { search, size: search.size ?? 50 };
    },
    shape: (response, { size }) => shapeFailures(response, size),
    export: {
      name: 'failures',
      columns: Object.keys(FailureRow.properties),
      range: rangeOf,
      hits: {
        search: (query, { config }) =>
          withoutPage(
            buildFailuresSearch(
              { ...query, cursor: undefined },
              { index: config.deployments.index, range: rangeOf(query) },
            ),
          ),
        rows: shapeFailureRows,
      },
    },
  }),
  defineEndpoint({
    url: '/services',
    summary: 'Per service: deploys, failure rate, causes, last deploy, time since last success',
    querystring: ServicesQuery,
    response: ServicesResponse,
    build({ query }, context) {
      const built = contextOf(query, context);
      return { search: buildServicesSearch(query, built), toMs: built.range.toMs };
    },
    shape: (response, { toMs }) => shapeServices(response, toMs),
  }),
  defineEndpoint({
    url: '/stages',
    summary: 'Failing stages: per pipeline stage, failed or rolled-back deploys/releases by cause',
    description:
      'Groups the failures of [from, to) by `failure.stage`, most first; failures naming no stage are ' +
      'counted in `withoutStage`. Pass a stage to `/failures?stage=` to list its failures.',
    querystring: StagesQuery,
    response: StagesResponse,
    build: ({ query }, context) => ({ search: buildStagesSearch(query, contextOf(query, context)) }),
    shape: (response) => shapeStages(response),
  }),
];
