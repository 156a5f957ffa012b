import type { Random } from '../../../core/random.ts';
import type { FluentdLogDocument } from '../logs.ts';
import type { AppLine } from './app-logs.ts';

/**
 * Container log lines as they land in Elasticsearch on the way Docker's `fluentd` log driver →
 * Fluentd → fluent-plugin-elasticsearch (`logstash_format true`, `include_tag_key true`,
 * `tag_key @log_name`) writes them: one document per line in `<prefix>YYYY.MM.DD` (UTC day of
 * the line), `@timestamp` with nanoseconds and an offset, the driver's record fields as strings,
 * and Docker's split of lines over 16 KB into partial messages.
 */

/** Docker's log copier reads 16 KB at a time; a longer line goes out in parts of this size. */
export const DOCKER_PARTIAL_BYTES = 16 * 1024;

export interface DemoLogDocument {
  index: string;
  /** fluentd sets no id; the demo does, so a second seed run does not double the lines. */
  id: string;
  document: FluentdLogDocument & { '@log_name': string };
}

export interface FluentdContainer {
  /** Docker's 64-hex container id (ECS `runtimeId`). */
  runtimeId: string;
  /** Docker's container name, with its leading slash. */
  dockerName: string;
  /** The fluentd tag, here `{{.ImageName}}`. */
  image: string;
}

/**
 * Where the demo writes logs for a configured pattern: `logstash-*` → daily `logstash-YYYY.MM.DD`
 * (logstash_prefix + "-" + date); a name without `*` → that one index. Only the first of a
 * comma-separated list is written to.
 */
export function logIndexNamer(pattern: string): (dayMs: number) => string {
  const first = pattern.split(',')[0]!.trim();
  if (!first.includes('*')) return () => first;
  const prefix = first.slice(0, -1);
  if (!first.endsWith('*') || prefix.includes('*') || prefix === '') {
    throw new Error(
      `CONTAINER_LOGS_INDEX "${pattern}": the demo writes fluentd's daily indices and needs a pattern ` +
        'with one trailing *, such as logstash-*',
    );
  }
  return (dayMs) => {
    const day = new Date(dayMs).toISOString();
    return `${prefix}${day.slice(0, 4)}.${day.slice(5, 7)}.${day.slice(8, 10)}`;
  };
}

/** fluent-plugin-elasticsearch's `@timestamp`: `time.iso8601(9)`, e.g. 2026-11-26T13:42:05.123456789+00:00. */
export function fluentdTimestamp(ms: number, nanosInMs: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}${String(nanosInMs).padStart(6, '0')}+00:00`;
}

/** Docker's parts of one line: 16 KB each, the last one shorter. */
export function dockerParts(line: string): string[] {
  // A UTF-16 unit is at most 3 UTF-8 bytes: most lines need no encoding to know they fit.
  if (line.length * 3 <= DOCKER_PARTIAL_BYTES) return [line];
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= DOCKER_PARTIAL_BYTES) return [line];
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += DOCKER_PARTIAL_BYTES) {
    parts.push(bytes.subarray(start, start + DOCKER_PARTIAL_BYTES).toString('utf8'));
  }
  return parts;
}

/**
 * The documents of one container's lines, in order. Lines printed in the same millisecond keep
 * their order through the nanoseconds (as Docker's clock does); the parts of a split line share
 * the timestamp of the first part, as Docker's copier gives them.
 */
export function* fluentdDocuments(
  container: FluentdContainer,
  lines: Iterable<AppLine>,
  indexOf: (dayMs: number) => string,
  random: Random,
): Generator<DemoLogDocument> {
  let lastMs = -Infinity;
  let lastNanos = 0;
  let sequence = 0;
  const idPrefix = container.runtimeId.slice(0, 20);
  for (const line of lines) {
    let ms = line.atMs;
    let nanos = random.int(0, 999_999);
    if (ms < lastMs || (ms === lastMs && nanos <= lastNanos)) {
      ms = lastMs;
      nanos = lastNanos + random.int(1_000, 60_000);
      if (nanos > 999_999) {
        ms += 1;
        nanos -= 1_000_000;
      }
    }
    lastMs = ms;
    lastNanos = nanos;
    const timestamp = fluentdTimestamp(ms, nanos);
    const record = {
      container_id: container.runtimeId,
      container_name: container.dockerName,
      source: line.source,
    };
    const parts = dockerParts(line.text);
    const partialId = parts.length > 1 ? random.hex(64) : undefined;
    for (const [position, part] of parts.entries()) {
      sequence += 1;
      yield {
        index: indexOf(ms),
        id: `${idPrefix}-${sequence}`,
        document: {
          ...record,
          log: part,
          ...(partialId
            ? {
                partial_message: 'true',
                partial_id: partialId,
                partial_ordinal: String(position + 1),
                partial_last: String(position === parts.length - 1),
              }
            : {}),
          '@timestamp': timestamp,
          '@log_name': container.image,
        },
      };
    }
  }
}
