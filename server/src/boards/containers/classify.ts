import type { ReasonClass } from './schema.ts';

/**
 * What a stopped ECS task means for startup triage. Pure functions: used at ingest (stored as
 * `lookout.*` fields), by the endpoints and by the alert watcher.
 */

/** Exit codes and the usual reason behind them (shell conventions; 128+n = killed by signal n). */
const EXIT_MEANINGS: Record<number, string> = {
  0: 'exited normally',
  1: 'application error (general failure)',
  2: 'bad arguments or shell misuse (a Go program: unrecovered panic)',
  126: 'command cannot execute (permission or not executable)',
  127: 'command not found (wrong entrypoint or missing binary)',
  128: 'invalid exit argument',
  130: 'interrupted (SIGINT)',
  134: 'aborted (SIGABRT), often a failed assertion',
  137: 'killed (SIGKILL): out of memory or did not stop in time',
  139: 'segmentation fault (SIGSEGV)',
  143: 'terminated (SIGTERM), e.g. stopped by ECS',
  255: 'exit status out of range',
};

export function exitMeaning(exitCode: number | null | undefined): string | null {
  if (exitCode === null || exitCode === undefined) return null;
  const known = EXIT_MEANINGS[exitCode];
  if (known) return known;
  if (exitCode > 128 && exitCode < 160) return `killed by signal ${exitCode - 128}`;
  return `exited with code ${exitCode} (application-defined)`;
}

export interface StoppedTask {
  lastStatus: string;
  stopCode?: string | undefined;
  stoppedReason?: string | undefined;
  startedAt?: string | undefined;
  stoppedAt?: string | undefined;
  containers: { exitCode?: number | undefined; reason?: string | undefined }[];
}

/** Reasons ECS gives when a task or container could not be started at all. */
const START_ERRORS: [RegExp, ReasonClass][] = [
  [/CannotPullContainerError|pull image manifest|image.*not found/i, 'image-pull'],
  [/ResourceInitializationError/i, 'resource-init'],
  [/CannotStartContainerError|CannotCreateContainerError/i, 'cannot-start'],
  [/OutOfMemory/i, 'out-of-memory'],
  [/health ?checks?/i, 'health-check'],
];

function reasonTexts(task: StoppedTask): string[] {
  return [task.stoppedReason ?? '', ...task.containers.map((container) => container.reason ?? '')];
}

/** Stops that are not failures: scale-in, deployments replacing tasks, a person stopping it. */
function stoppedOnPurpose(task: StoppedTask): boolean {
  return task.stopCode === 'UserInitiated' || task.stopCode === 'ServiceSchedulerInitiated';
}

/**
 * Why a STOPPED task failed, or null when it did not fail (every container exited 0, or it was
 * stopped on purpose without an error). How long it ran is judged separately (`ranMs`), so the
 * startup window can change without re-ingesting.
 */
export function failureReason(task: StoppedTask): ReasonClass | null {
  if (task.lastStatus !== 'STOPPED') return null;
  for (const text of reasonTexts(task)) {
    for (const [pattern, reasonClass] of START_ERRORS) {
      if (pattern.test(text)) return reasonClass;
    }
  }
  const failedExit = task.containers.find((container) => (container.exitCode ?? 0) !== 0)?.exitCode;
  // A task stopped on purpose exits 143 (SIGTERM) or 137 (SIGKILL after the stop timeout):
  // not a failure. Out-of-memory kills say so in the reason, matched above.
  const signalledStop = stoppedOnPurpose(task) && (failedExit === 143 || failedExit === 137);
  if (failedExit !== undefined && !signalledStop) {
    if (failedExit === 137) return 'out-of-memory';
    if (failedExit === 126 || failedExit === 127) return 'command';
    if (failedExit === 139 || failedExit === 134) return 'crash';
    return 'app-error';
  }
  if (task.stopCode === 'TaskFailedToStart') return 'other';
  return null;
}

/** How long the task ran before it stopped; null when it never reached RUNNING. */
export function ranMs(task: Pick<StoppedTask, 'startedAt' | 'stoppedAt'>): number | null {
  if (!task.startedAt || !task.stoppedAt) return null;
  const ran = Date.parse(task.stoppedAt) - Date.parse(task.startedAt);
  return Number.isNaN(ran) ? null : Math.max(0, ran);
}

export function isStartupFailure(task: StoppedTask, startupWindowMs: number): boolean {
  if (failureReason(task) === null) return false;
  const ran = ranMs(task);
  return ran === null || ran < startupWindowMs;
}

/** Lines that look like the cause: exceptions, Error:, FATAL, panics, tracebacks, refused connections. */
const ERROR_LINE =
  /\b(?:exception|error|fatal|panic|traceback|ECONNREFUSED|ENOTFOUND|EADDRINUSE|ETIMEDOUT|segmentation fault|killed|cannot|could not|unable to|failed|denied|refused|OOM)\b|^\s*at\s+\S+\s*\(|Error:|FATAL|panic:/i;

/**
 * The first stderr line that looks like an error, else the last stderr line; null without
 * stderr. Lines are in log order.
 */
export function firstErrorLine(lines: readonly { source: string; line: string }[]): string | null {
  const stderr = lines.filter((entry) => entry.source === 'stderr' && entry.line.trim() !== '');
  const position = stderr.findIndex((entry) => ERROR_LINE.test(entry.line) && !/^\s*at\s/.test(entry.line));
  if (position === -1) return stderr.at(-1)?.line ?? null;
  const found = stderr[position]!.line;
  // A Python traceback says what went wrong in its last, unindented line (`KeyError: 'X'`).
  if (/^Traceback \(most recent call last\):/.test(found)) {
    const exception = stderr.slice(position + 1).find((entry) => /^\S/.test(entry.line));
    if (exception) return exception.line;
  }
  return found;
}

/** `service:checkout-api` → checkout-api; `family:batch-job` → batch-job (standalone tasks). */
export function serviceOfGroup(group: string | undefined, fallback: string): string {
  if (!group) return fallback;
  const colon = group.indexOf(':');
  return colon >= 0 ? group.slice(colon + 1) : group;
}

/** The last segment of an ARN: `arn:aws:ecs:…:task/prod/0123abcd` → 0123abcd; `cluster/prod` → prod. */
export function arnName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/**
 * Crash loops: a failure is part of one when its service failed `count` times (itself included)
 * within `windowMs` up to it. `failures` may be in any order; answers are keyed by index.
 */
export function crashLoopFlags(
  failures: readonly { service: string; stoppedAtMs: number }[],
  count: number,
  windowMs: number,
): boolean[] {
  const byService = new Map<string, number[]>();
  failures.forEach((failure, position) => {
    const positions = byService.get(failure.service) ?? [];
    positions.push(position);
    byService.set(failure.service, positions);
  });
  const flags = failures.map(() => false);
  for (const positions of byService.values()) {
    positions.sort((a, b) => failures[a]!.stoppedAtMs - failures[b]!.stoppedAtMs);
    let windowStart = 0;
    for (let end = 0; end < positions.length; end += 1) {
      const endTime = failures[positions[end]!]!.stoppedAtMs;
      while (endTime - failures[positions[windowStart]!]!.stoppedAtMs > windowMs) windowStart += 1;
      if (end - windowStart + 1 >= count) {
        for (let member = windowStart; member <= end; member += 1) flags[positions[member]!] = true;
      }
    }
  }
  return flags;
}
