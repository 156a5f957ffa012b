import type { containers } from '@lookout/server/types';

type FailedContainer = containers.Failure['containers'][number];

/** SIGTERM: what ECS sends the other containers once an essential one has died. */
const STOPPED_BY_ECS = 143;

/**
 * The container that explains the failure: the first with a non-zero exit code other than 143
 * (a sidecar ECS stopped after the essential container died), else the first with an ECS reason
 * (it never ran), else the first non-zero exit, else the first container.
 */
export function culpritContainer(failure: Pick<containers.Failure, 'containers'>): FailedContainer | null {
  const { containers } = failure;
  const failed = (c: FailedContainer) => c.exitCode !== null && c.exitCode !== 0;
  return (
    containers.find((c) => failed(c) && c.exitCode !== STOPPED_BY_ECS) ??
    containers.find((c) => c.reason !== null) ??
    containers.find(failed) ??
    containers[0] ??
    null
  );
}

/** `137 — killed (SIGKILL): out of memory…`, `never ran` when ECS gave no exit code. */
export function describeExit(container: Pick<FailedContainer, 'exitCode' | 'exitMeaning'> | null): string {
  if (!container || container.exitCode === null) return 'no exit code (never ran)';
  return container.exitMeaning
    ? `${container.exitCode} — ${container.exitMeaning}`
    : String(container.exitCode);
}

/**
 * A link from the server (a path, or an absolute URL from an alert) as an in-app location,
 * carrying the zone the person chose when the link does not set one.
 */
export function inAppLink(link: string, tz: string | null): { pathname: string; search: string } {
  const url = new URL(link, 'http://lookout.invalid');
  if (tz && !url.searchParams.has('tz')) url.searchParams.set('tz', tz);
  const search = url.searchParams.toString();
  return { pathname: url.pathname, search: search ? `?${search}` : '' };
}

/** How far around a failure its service's traces are looked for: the start attempt and its callers. */
const TRACES_WINDOW_MS = 15 * 60_000;

/**
 * The traces board's search for the service around the failure (from 15 minutes before the task
 * started, or stopped when it never started, to 15 minutes after it stopped): a URL, so the two
 * boards share no code.
 */
export function tracesAroundFailure(
  failure: Pick<containers.Failure, 'service' | 'startedAt' | 'stoppedAt'>,
  tz: string | null,
): { pathname: string; search: string } {
  const stopped = Date.parse(failure.stoppedAt);
  const started = failure.startedAt ? Date.parse(failure.startedAt) : stopped;
  const params = new URLSearchParams({
    service: failure.service,
    from: new Date(Math.min(started, stopped) - TRACES_WINDOW_MS).toISOString(),
    to: new Date(stopped + TRACES_WINDOW_MS).toISOString(),
  });
  if (tz) params.set('tz', tz);
  return { pathname: '/traces', search: `?${params.toString()}` };
}
