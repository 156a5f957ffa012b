import type { Client } from '@elastic/elasticsearch';

/** One document to write, with the id its producer gave it (never generated here). */
export interface BulkDocument {
  index: string;
  id: string;
  document: object;
}

export interface RejectedDocument {
  index: string;
  id: string;
  status: number;
  /** Elasticsearch's reason, e.g. `mapper_parsing_exception: failed to parse field [x]…`. */
  reason: string;
}

export interface BulkResult {
  indexed: number;
  /** `create` found a document with that id: written before, so not written again. */
  alreadyPresent: number;
  rejected: RejectedDocument[];
}

export interface BulkWriteOptions {
  /**
   * `create` (default) never overwrites: replays and overlapping deliveries count as already
   * present. `index` replaces (records whose producer sends updates, such as image metadata).
   */
  operation?: 'create' | 'index';
  /**
   * Make the documents searchable before returning (the CLI's ingest and seed, tests): refreshes
   * exactly the indices written to. HTTP ingest leaves it off and keeps the index's refresh interval.
   */
  refresh?: boolean;
  /** Called after each flushed batch with the number of documents handled so far. */
  onProgress?: (handled: number) => void;
  /** Size of one `_bulk` request body. */
  flushBytes?: number;
  concurrency?: number;
}

function reasonOf(
  error: {
    type?: string;
    reason?: string | null;
    caused_by?: { type?: string; reason?: string | null };
  } | null,
): string {
  if (!error) return 'unknown error';
  const cause = error.caused_by
    ? ` (caused by ${error.caused_by.type}: ${error.caused_by.reason ?? ''})`
    : '';
  return `${error.type ?? 'error'}: ${error.reason ?? ''}${cause}`;
}

/** Index names per refresh request: a long backfill's daily indices must not overflow the URL. */
const REFRESH_NAMES_PER_REQUEST = 50;

/**
 * Makes what was written to these indices searchable now rather than at their next scheduled
 * refresh; only these, never `_all` (a shared cluster has other people's indices).
 */
export async function refreshIndices(client: Client, indices: Iterable<string>): Promise<void> {
  const names = [...new Set(indices)].sort();
  for (let start = 0; start < names.length; start += REFRESH_NAMES_PER_REQUEST) {
    await client.indices.refresh({
      index: names.slice(start, start + REFRESH_NAMES_PER_REQUEST),
      ignore_unavailable: true,
      allow_no_indices: true,
    });
  }
}

/**
 * Writes documents with the client's bulk helper: producer ids, `create` so a second run counts
 * "already present" instead of doubling, 429s retried with a wait, and every other rejection
 * reported by id with Elasticsearch's reason while the rest are stored.
 */
export async function writeDocuments(
  client: Client,
  documents: Iterable<BulkDocument> | AsyncIterable<BulkDocument>,
  options: BulkWriteOptions = {},
): Promise<BulkResult> {
  const operation = options.operation ?? 'create';
  const result: BulkResult = { indexed: 0, alreadyPresent: 0, rejected: [] };
  const writtenTo = new Set<string>();
  const iterator =
    Symbol.asyncIterator in documents
      ? documents[Symbol.asyncIterator]()
      : (async function* () {
          yield* documents;
        })();

  const stats = await client.helpers.bulk<BulkDocument>({
    datasource: iterator,
    onDocument: (item) => {
      writtenTo.add(item.index);
      return operation === 'create'
        ? [{ create: { _index: item.index, _id: item.id } }, item.document]
        : [{ index: { _index: item.index, _id: item.id } }, item.document];
    },
    flushBytes: options.flushBytes ?? 5_000_000,
    concurrency: options.concurrency ?? 3,
    // 429 means "too busy", never "bad document": wait and send again.
    retries: 5,
    wait: 1_000,
    // The helper's own refresh would refresh `_all`; see refreshIndices below.
    refreshOnCompletion: false,
    onDrop: (dropped) => {
      if (dropped.status === 409 && operation === 'create') {
        result.alreadyPresent += 1;
        return;
      }
      // The helper hands back the document body; the action line still names index and id.
      const action =
        'create' in dropped.operation
          ? dropped.operation.create
          : 'index' in dropped.operation
            ? dropped.operation.index
            : {};
      result.rejected.push({
        index: String(action._index ?? ''),
        id: String(action._id ?? ''),
        status: dropped.status,
        reason: reasonOf(dropped.error),
      });
    },
    onFlush: (progress) => options.onProgress?.(progress.total),
  });
  result.indexed = stats.successful;
  if (options.refresh) await refreshIndices(client, writtenTo);
  return result;
}
