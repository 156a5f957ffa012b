import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { readList, writeList } from '../../lib/url-params.ts';
import { useTimeRange } from '../../lib/use-time-range.ts';
import type { DeploymentsParams, FailuresParams, PlatformComponent } from './queries.ts';

// The board's filters live in the query string next to from/to/refresh/tz, so a link or a
// reload shows the same view. Environment, service and platform narrow every panel; stage only
// narrows the failures list (the other panels count deploys, which have no stage).

export const PLATFORMS: readonly PlatformComponent[] = ['ruby', 'node', 'codedeploy'];

export const FILTER_FIELDS = ['environment', 'service', 'platform', 'stage'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export interface DeploymentsView {
  environment: string[];
  service: string[];
  platform: PlatformComponent[];
  /** Failure stages: narrows the failures list only. */
  stage: string[];
}

/** A change to the URL: a list replaces all values of its parameter (empty removes it). */
export type ViewChange = Partial<Record<FilterField, readonly string[]>>;

const isPlatform = (value: string): value is PlatformComponent =>
  (PLATFORMS as readonly string[]).includes(value);

export function parseDeploymentsView(params: URLSearchParams): DeploymentsView {
  return {
    environment: readList(params, 'environment'),
    service: readList(params, 'service'),
    // An unknown component in a hand-edited link is dropped rather than sent (the API refuses it).
    platform: readList(params, 'platform').filter(isPlatform),
    stage: readList(params, 'stage'),
  };
}

/** A new URLSearchParams with `change` applied; parameters it does not name are kept. */
export function applyViewChange(params: URLSearchParams, change: ViewChange): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FILTER_FIELDS) {
    const list = change[name];
    if (list !== undefined) writeList(next, name, list);
  }
  return next;
}

/** Adds `value` to the field's list, or takes it out when it is already there. */
export function toggleValue(view: DeploymentsView, field: FilterField, value: string): ViewChange {
  const current: readonly string[] = view[field];
  return {
    [field]: current.includes(value) ? current.filter((v) => v !== value) : [...current, value],
  };
}

export const CLEAR_FILTERS: ViewChange = { environment: [], service: [], platform: [], stage: [] };

export interface DeploymentsFiltersState extends DeploymentsView {
  /** What the panels that count deploys send: range, environment, service, platform. */
  params: DeploymentsParams;
  /** What the failures list sends: those and the stages. */
  failuresParams: FailuresParams;
  /** Filter changes are navigations: Back undoes them. */
  update(change: ViewChange): void;
}

export function useDeploymentsFilters(): DeploymentsFiltersState {
  const [searchParams, setSearchParams] = useSearchParams();
  const { range } = useTimeRange();
  const view = useMemo(() => parseDeploymentsView(searchParams), [searchParams]);
  const params = useMemo<DeploymentsParams>(
    // The raw text (`now-2d` or ISO): the BFF resolves date math itself.
    () => ({
      from: range.from.text,
      to: range.to.text,
      environment: view.environment,
      service: view.service,
      platform: view.platform,
    }),
    [range.from.text, range.to.text, view],
  );
  const failuresParams = useMemo<FailuresParams>(() => ({ ...params, stage: view.stage }), [params, view]);
  const update = useCallback(
    (change: ViewChange) => setSearchParams((previous) => applyViewChange(previous, change)),
    [setSearchParams],
  );
  return { ...view, params, failuresParams, update };
}
