import type { Client } from '@elastic/elasticsearch';
import type { BulkDocument, BulkResult } from './bulk-writer.ts';
import { cleanRejectionReason } from './errors.ts';

/** What became of one document sent through the batcher. */
export type WriteOutcome =
  | { outcome: 'stored' }
  | { outcome: 'already_present' }
  | { outcome: 'rejected'; status: number; reason: string };

export interface IngestBatcherOptions {
  /** A batch is sent when it holds this many documents… */
  maxDocuments?: number;
  /** …or this long after its first document arrived. */
  lingerMs?: number;
  /** A document the engine answered 429 for is sent again this many times, after `retryWaitMs`. */
  retries?: number;
  retryWaitMs?: number;
  /** A document whose JSON is longer than this is rejected before it joins a batch. */
  maxDocumentChars?: number;
  /** The engine's own words for a rejected document, for the log (callers get a clean reason). */
  onEngineRejection?: (detail: { index: string; id: string; status: number; engineReason: string }) => void;
}

/** The engine refuses `_id`s longer than this (bytes), and would fail the whole item. */
export const MAX_ID_BYTES = 512;

/** An event serialised up front: action and source lines of the `_bulk` body. */
interface Prepared {
  action: string;
  source: string;
}

/**
 * Serialises and checks a document before it joins a batch, so that a document the engine (or
 * JSON.stringify) would choke on is rejected alone and never fails its batch-mates.
 */
export function prepareDocument(document: BulkDocument, maxChars: number): Prepared | { reason: string } {
  if (Buffer.byteLength(document.id) > MAX_ID_BYTES) {
    return { reason: `id longer than ${MAX_ID_BYTES} bytes (the engine's limit)` };
  }
  let source: string;
  try {
    source = JSON.stringify(document.document);
  } catch {
    return { reason: 'the event cannot be serialised (nested too deep)' };
  }
  if (source.length > maxChars)
    return { reason: `the event is larger than ${maxChars} characters (the limit per event)` };
  return { action: JSON.stringify({ create: { _index: document.index, _id: document.id } }), source };
}

interface Pending {
  document: BulkDocument;
  prepared: Prepared;
  attempts: number;
  settle: (outcome: WriteOutcome) => void;
  fail: (error: unknown) => void;
}

/**
 * Joins the documents of concurrent ingest requests (SNS notifications, EventBridge events: one
 * document per HTTP request) into shared `_bulk` creates. Twenty notifications arriving together
 * cost the engine one request instead of twenty; each caller still learns its own document's
 * fate (stored, already present, rejected with the reason), and a failed `_bulk` (engine down)
 * fails exactly the callers in it, so their HTTP requests answer 503 and the producer retries.
 */
export function createIngestBatcher(client: Client, options: IngestBatcherOptions = {}) {
  const maxDocuments = options.maxDocuments ?? 500;
  const lingerMs = options.lingerMs ?? 2;
  const retries = options.retries ?? 5;
  const retryWaitMs = options.retryWaitMs ?? 1_000;
  const maxDocumentChars = options.maxDocumentChars ?? 1024 * 1024;
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  async function send(batch: Pending[]): Promise<void> {
    let response;
    try {
      response = await client.bulk({
        // Strings go into the NDJSON body as they are: serialised once, in `prepareDocument`.
        operations: batch.flatMap(({ prepared }) => [prepared.action, prepared.source]),
      });
    } catch (error) {
      for (const entry of batch) entry.fail(error);
      return;
    }
    response.items.forEach((item, position) => {
      const entry = batch[position]!;
      const result = item.create ?? Object.values(item)[0]!;
      if (result.status === 201 || result.status === 200) entry.settle({ outcome: 'stored' });
      else if (result.status === 409) entry.settle({ outcome: 'already_present' });
      else if (result.status === 429 && entry.attempts < retries) {
        entry.attempts += 1;
        setTimeout(() => enqueue(entry), retryWaitMs).unref();
      } else {
        const error = result.error;
        options.onEngineRejection?.({
          index: entry.document.index,
          id: entry.document.id,
          status: result.status,
          engineReason: error ? `${error.type}: ${error.reason ?? ''}` : `status ${result.status}`,
        });
        entry.settle({
          outcome: 'rejected',
          status: result.status,
          reason: cleanRejectionReason(error, result.status),
        });
      }
    });
  }

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const sending = send(batch).finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }

  function enqueue(entry: Pending): void {
    pending.push(entry);
    if (pending.length >= maxDocuments) flush();
    else timer ??= setTimeout(flush, lingerMs);
  }

  return {
    write(document: BulkDocument): Promise<WriteOutcome> {
      const prepared = prepareDocument(document, maxDocumentChars);
      if ('reason' in prepared) {
        return Promise.resolve({ outcome: 'rejected', status: 400, reason: prepared.reason });
      }
      return new Promise<WriteOutcome>((settle, fail) =>
        enqueue({ document, prepared, attempts: 0, settle, fail }),
      );
    },
    /** Sends what is waiting and waits for every batch under way (app shutdown). */
    async drain(): Promise<void> {
      flush();
      await Promise.all([...inFlight]);
    },
  };
}

export type IngestBatcher = ReturnType<typeof createIngestBatcher>;

/** Writes a request's documents through the shared batcher and counts them as the bulk writer does. */
export async function writeThroughBatcher(
  batcher: IngestBatcher,
  documents: BulkDocument[],
): Promise<BulkResult> {
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
