import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { readList } from '../../lib/url-params.ts';
import { useTimeRange } from '../../lib/use-time-range.ts';
import type { DeploymentsParams, PlatformComponent } from './queries.ts';

// The board's filters live in the query string next to from/to/refresh/tz, so a link or a
// reload shows the same view. Every filter narrows every panel.

export const PLATFORMS: readonly PlatformComponent[] = ['ruby', 'node', 'codedeploy'];

export type FilterField = 'environment' | 'service' | 'platform';

export interface DeploymentsView {
  environment: string[];
  service: string[];
  platform: PlatformComponent[];
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
  };
}

/** A new URLSearchParams with `change` applied; parameters it does not name are kept. */
export function applyViewChange(params: URLSearchParams, change: ViewChange): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of ['environment', 'service', 'platform'] as const) {
    const list = change[name];
    if (list === undefined) continue;
    next.delete(name);
    for (const value of new Set(list)) if (value.trim()) next.append(name, value.trim());
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

export const CLEAR_FILTERS: ViewChange = { environment: [], service: [], platform: [] };

export interface DeploymentsFiltersState extends DeploymentsView {
  params: DeploymentsParams;
  /** Filter changes are navigations: Back undoes them. */
  update(change: ViewChange): void;
}

export function useDeploymentsFilters(): DeploymentsFiltersState {
  const [searchParams, setSearchParams] = useSearchParams();
  const { range } = useTimeRange();
  const view = useMemo(() => parseDeploymentsView(searchParams), [searchParams]);
  const params = useMemo<DeploymentsParams>(
    // The raw text (`now-2d` or ISO): the BFF resolves date math itself.
    () => ({ from: range.from.text, to: range.to.text, ...view }),
    [range.from.text, range.to.text, view],
  );
  const update = useCallback(
    (change: ViewChange) => setSearchParams((previous) => applyViewChange(previous, change)),
    [setSearchParams],
  );
  return { ...view, params, update };
}
