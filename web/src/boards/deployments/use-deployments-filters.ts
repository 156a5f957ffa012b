import { useMemo } from 'react';
import type { deployments } from '@lookout/server/types';
import { list, useBoardFilters, type BoardFilters } from '../../lib/use-board-filters.ts';
import { useTimeRange } from '../../lib/use-time-range.ts';

// The board's filters live in the query string next to from/to/refresh/tz, so a link or a
// reload shows the same view. Environment, service and platform narrow every panel; stage only
// narrows the failures list (the other panels count deploys, which have no stage).

/** The platform filter takes every source of stored events, `codedeploy` included. */
export type Platform = deployments.EventSource;
export const PLATFORMS: readonly Platform[] = ['ruby', 'node', 'codedeploy'];

export const DEPLOYMENTS_FIELDS = {
  environment: list(),
  service: list(),
  // An unknown component in a hand-edited link is dropped rather than sent (the API refuses it).
  platform: list(PLATFORMS),
  /** Failure stages: narrows the failures list only. */
  stage: list(),
};

export const FILTER_FIELDS = ['environment', 'service', 'platform', 'stage'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export interface DeploymentsFiltersState extends Pick<
  BoardFilters<typeof DEPLOYMENTS_FIELDS>,
  'update' | 'toggle' | 'clear'
> {
  environment: string[];
  service: string[];
  platform: Platform[];
  stage: string[];
  /** What the panels that count deploys send: range, environment, service, platform. */
  params: deployments.KpisQuery;
  /** What the failures list sends: those and the stages. */
  failuresParams: deployments.FailuresQuery;
}

export function useDeploymentsFilters(): DeploymentsFiltersState {
  const { values, update, toggle, clear } = useBoardFilters(DEPLOYMENTS_FIELDS);
  const { environment, service, platform, stage } = values;
  const { range } = useTimeRange();
  const params = useMemo<deployments.KpisQuery>(
    // The raw text (`now-2d` or ISO): the BFF resolves date math itself.
    () => ({ from: range.from.text, to: range.to.text, environment, service, platform }),
    [range.from.text, range.to.text, environment, service, platform],
  );
  const failuresParams = useMemo<deployments.FailuresQuery>(() => ({ ...params, stage }), [params, stage]);
  return { environment, service, platform, stage, params, failuresParams, update, toggle, clear };
}
