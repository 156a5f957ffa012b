import type { estypes } from '@elastic/elasticsearch';

/** Reading startup logs from the fluentd documents: the search, and lines back from hits. */

/** What fluent-plugin-elasticsearch stores per line (Docker's fluentd driver record + tag key). */
export interface FluentdLogDocument {
  '@timestamp': string;
  container_id: string;
  container_name: string;
  source: 'stdout' | 'stderr';
  log: string;
  '@log_name'?: string;
  /** Docker splits lines over 16 KB; these are strings ("true", "3") as Docker sends them. */
  partial_message?: string;
  partial_id?: string;
  partial_ordinal?: string | number;
  partial_last?: string | boolean;
}

export interface StartupLogLine {
  timestamp: string;
  source: 'stdout' | 'stderr';
  container: string;
  line: string;
}

/** Logs start slightly before ECS says the task started and end slightly after it stopped. */
export const LOG_MARGIN_MS = 60_000;

export const LOG_SOURCE_FIELDS = [
  '@timestamp',
  'container_name',
  'source',
  'log',
  'partial_message',
  'partial_id',
  'partial_ordinal',
  'partial_last',
];

export function logsQuery(
  fields: { containerId: string; source: string },
  runtimeIds: string[],
  window: { fromMs: number; toMs: number },
  onlyStderr: boolean,
): estypes.QueryDslQueryContainer {
  return {
    bool: {
      filter: [
        { terms: { [fields.containerId]: runtimeIds } },
        { range: { '@timestamp': { gte: window.fromMs, lte: window.toMs, format: 'epoch_millis' } } },
        ...(onlyStderr ? [{ term: { [fields.source]: 'stderr' } }] : []),
      ],
    },
  };
}

function ordinal(value: string | number | undefined): number {
  const parsed = Number(value ?? 0);
  return Number.isFinite(parsed) ? parsed : 0;
}

/**
 * Hits (sorted by time) → lines, joining Docker's partial messages: parts share `partial_id` and
 * are ordered by `partial_ordinal`; the joined line takes the first part's time and position.
 */
export function linesFromHits(hits: readonly { _source?: Partial<FluentdLogDocument> }[]): StartupLogLine[] {
  const lines: (StartupLogLine & { parts?: { ordinal: number; text: string }[] })[] = [];
  const partialLines = new Map<string, StartupLogLine & { parts?: { ordinal: number; text: string }[] }>();
  for (const hit of hits) {
    const source = hit._source;
    if (!source?.log && source?.log !== '') continue;
    const base = {
      timestamp: new Date(Date.parse(source['@timestamp'] ?? '')).toISOString(),
      source: source.source === 'stderr' ? ('stderr' as const) : ('stdout' as const),
      container: (source.container_name ?? '').replace(/^\//, ''),
      line: source.log,
    };
    const partial = String(source.partial_message ?? '') === 'true' && source.partial_id;
    if (!partial) {
      lines.push(base);
      continue;
    }
    const part = { ordinal: ordinal(source.partial_ordinal), text: source.log };
    const existing = partialLines.get(source.partial_id!);
    if (existing) existing.parts!.push(part);
    else {
      const entry = { ...base, parts: [part] };
      partialLines.set(source.partial_id!, entry);
      lines.push(entry);
    }
  }
  return lines.map(({ parts, ...line }) =>
    parts
      ? {
          ...line,
          line: parts
            .sort((a, b) => a.ordinal - b.ordinal)
            .map((part) => part.text)
            .join(''),
        }
      : line,
  );
}
