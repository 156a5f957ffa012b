import type { Client } from '@elastic/elasticsearch';
import { writeDocuments, type BulkDocument } from '../../../es/bulk-writer.ts';
import { writeThroughBatcher, type IngestBatcher } from '../../../es/ingest-batcher.ts';
import type { JsonItem } from '../../../core/json-values.ts';
import type { EcsIngestResponse, EcsTaskStateChange } from '../schema.ts';
import { ecsEventId, ecsEventProblem, toStoredEcsEvent } from './to-document.ts';

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

/** Plain values (the demo, tests) as items of a body, numbered in order. */
export function* asJsonItems(values: Iterable<unknown>): Generator<JsonItem> {
  let position = 0;
  for (const value of values) yield { position: position++, value };
}

/**
 * Validates, derives and writes ECS events with `_id` = taskArn:version (`create`, so replays are
 * "already present"). Every event that is not stored is named by position with the reason; the
 * items come from core/json-values, so a part of the body that was not JSON, or over a limit,
 * is rejected at its position with what was wrong.
 */
export async function ingestEcsEvents(
  client: Client,
  index: string,
  events: Iterable<JsonItem>,
  options: IngestEcsOptions = {},
): Promise<EcsIngestResponse> {
  const now = options.now ?? new Date();
  const rejected: EcsIngestResponse['rejected'] = [];
  const positionOfId = new Map<string, number>();
  let received = 0;
  const documents = function* (): Generator<BulkDocument> {
    for (const item of events) {
      const { position } = item;
      received += 1;
      if ('problem' in item) {
        rejected.push({ position, id: null, reason: item.problem });
        continue;
      }
      const { value } = item;
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
  return {
    received,
    indexed: result.indexed,
    alreadyPresent: result.alreadyPresent,
    rejectedCount: rejected.length,
    rejected,
  };
}
