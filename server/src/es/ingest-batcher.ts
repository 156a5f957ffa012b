import type { Client } from '@elastic/elasticsearch';
import type { BulkDocument } from './bulk-writer.ts';

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
}

interface Pending {
  document: BulkDocument;
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
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  async function send(batch: Pending[]): Promise<void> {
    let response;
    try {
      response = await client.bulk({
        operations: batch.flatMap(({ document }) => [
          { create: { _index: document.index, _id: document.id } },
          document.document,
        ]),
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
        entry.settle({
          outcome: 'rejected',
          status: result.status,
          reason: error ? `${error.type}: ${error.reason ?? ''}` : `status ${result.status}`,
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
      return new Promise<WriteOutcome>((settle, fail) => enqueue({ document, attempts: 0, settle, fail }));
    },
    /** Sends what is waiting and waits for every batch under way (app shutdown). */
    async drain(): Promise<void> {
      flush();
      await Promise.all([...inFlight]);
    },
  };
}

export type IngestBatcher = ReturnType<typeof createIngestBatcher>;
