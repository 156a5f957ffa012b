import type { containers } from '@lookout/server/types';

// Pure helpers of the startup log view: where the first error line is, what a search matches,
// and the text the copy button puts on the clipboard.

export type LogLine = containers.FailureDetailResponse['logs'][number];

/**
 * Position of the failure's first error line in the log: the first stderr line with exactly that
 * text (the server picked it from stderr), else the first line of any source; null when absent.
 */
export function firstErrorIndex(logs: readonly LogLine[], firstErrorLine: string | null): number | null {
  if (firstErrorLine === null) return null;
  const stderr = logs.findIndex((entry) => entry.source === 'stderr' && entry.line === firstErrorLine);
  if (stderr >= 0) return stderr;
  const any = logs.findIndex((entry) => entry.line === firstErrorLine);
  return any >= 0 ? any : null;
}

/** Case-insensitive substring search; a blank query matches every line. */
export function lineMatches(line: string, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return needle === '' || line.toLowerCase().includes(needle);
}

export interface Segment {
  text: string;
  match: boolean;
}

/** The line cut into plain and matching pieces (case-insensitive), for `<mark>`. */
export function highlightSegments(line: string, query: string): Segment[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [{ text: line, match: false }];
  const haystack = line.toLowerCase();
  const segments: Segment[] = [];
  let position = 0;
  for (let found = haystack.indexOf(needle); found >= 0; found = haystack.indexOf(needle, position)) {
    if (found > position) segments.push({ text: line.slice(position, found), match: false });
    segments.push({ text: line.slice(found, found + needle.length), match: true });
    position = found + needle.length;
  }
  if (position < line.length) segments.push({ text: line.slice(position), match: false });
  return segments;
}

/**
 * The log as plain text for a ticket or a chat: one line each, ISO time (UTC, unambiguous
 * wherever it is pasted), source, and the container when the task had several.
 */
export function logAsText(logs: readonly LogLine[]): string {
  const several = new Set(logs.map((entry) => entry.container)).size > 1;
  return logs
    .map((entry) =>
      [entry.timestamp, entry.source, ...(several ? [entry.container] : []), entry.line].join(' '),
    )
    .join('\n');
}

/**
 * The ECS container name inside Docker's name for it (`ecs-<family>-<revision>-<name>-<hash>`),
 * so a log line says `envoy` instead of 60 characters; Docker's name when none fits.
 */
export function shortContainerName(dockerName: string, ecsNames: readonly string[]): string {
  // The name sits right before the hash; the family before it may contain the name too.
  const fitting = ecsNames.filter(
    (name) => dockerName === name || (dockerName.startsWith('ecs-') && endsWithNameAndHash(dockerName, name)),
  );
  return fitting.sort((a, b) => b.length - a.length)[0] ?? dockerName;
}

function endsWithNameAndHash(dockerName: string, name: string): boolean {
  const hash = dockerName.slice(dockerName.lastIndexOf('-') + 1);
  return /^[0-9a-f]+$/.test(hash) && dockerName.slice(0, -hash.length - 1).endsWith(`-${name}`);
}
