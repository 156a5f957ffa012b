import type { Client } from '@elastic/elasticsearch';
import { writeDocuments, type BulkDocument, type BulkResult } from '../../../es/bulk-writer.ts';
import type { IngestBatcher } from '../../../es/ingest-batcher.ts';
import type { EcsIngestResponse, EcsTaskStateChange } from '../schema.ts';
import { ecsEventId, ecsEventProblem, toStoredEcsEvent } from './to-document.ts';

/**
 * A request body as EventBridge API destinations, scripts and people send it: one event, an array
 * of events, or NDJSON (one event per line). A line that is not JSON stays in its position as
 * `undefined` and is rejected there, so one bad line loses nothing else.
 */
export function parseEcsEventsBody(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body !== 'string') return body === undefined || body === null ? [] : [body];
  const trimmed = body.trim();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown[];
    } catch {
      return [undefined];
    }
  }
  return trimmed
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return undefined;
      }
    });
}

export interface IngestEcsOptions {
  refresh?: boolean;
  now?: Date;
  onProgress?: (handled: number) => void;
  /**
   * The app's shared batcher (HTTP ingest): this request's events join other requests' in one
   * `_bulk`. Without it (CLI, demo) the bulk helper streams them.
   */
  batcher?: IngestBatcher;
}

async function writeThroughBatcher(batcher: IngestBatcher, documents: BulkDocument[]): Promise<BulkResult> {
  const outcomes = await Promise.all(documents.map((document) => batcher.write(document)));
  const result: BulkResult = { indexed: 0, alreadyPresent: 0, rejected: [] };
  outcomes.forEach((written, position) => {
    const { index, id } = documents[position]!;
    if (written.outcome === 'stored') result.indexed += 1;
    else if (written.outcome === 'already_present') result.alreadyPresent += 1;
    else result.rejected.push({ index, id, status: written.status, reason: written.reason });
  });
  return result;
}

/**
 * Validates, derives and writes ECS events with `_id` = taskArn:version (`create`, so replays are
 * "already present"). Every event that is not stored is named by position with the reason.
 */
export async function ingestEcsEvents(
  client: Client,
  index: string,
  events: Iterable<unknown>,
  options: IngestEcsOptions = {},
): Promise<EcsIngestResponse> {
  const now = options.now ?? new Date();
  const rejected: EcsIngestResponse['rejected'] = [];
  const positionOfId = new Map<string, number>();
  let received = 0;
  const documents = function* (): Generator<BulkDocument> {
    for (const value of events) {
      const position = received;
      received += 1;
      if (value === undefined) {
        rejected.push({ position, id: null, reason: 'line is not JSON' });
        continue;
      }
      const problem = ecsEventProblem(value);
      if (problem) {
        rejected.push({ position, id: null, reason: `not an ECS Task State Change: ${problem}` });
        continue;
      }
      const event = value as EcsTaskStateChange;
      const id = ecsEventId(event);
      positionOfId.set(id, position);
      yield { index, id, document: toStoredEcsEvent(event, now) };
    }
  };
  const result = options.batcher
    ? await writeThroughBatcher(options.batcher, [...documents()])
    : await writeDocuments(client, documents(), {
        refresh: options.refresh ?? false,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
  for (const failed of result.rejected) {
    rejected.push({ position: positionOfId.get(failed.id) ?? -1, id: failed.id, reason: failed.reason });
  }
  rejected.sort((a, b) => a.position - b.position);
  return { received, indexed: result.indexed, alreadyPresent: result.alreadyPresent, rejected };
}
