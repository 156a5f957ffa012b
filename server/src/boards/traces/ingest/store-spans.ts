import type { Client, estypes } from '@elastic/elasticsearch';
import { writeDocuments, type BulkDocument } from '../../../es/bulk-writer.ts';
import { writeThroughBatcher, type IngestBatcher } from '../../../es/ingest-batcher.ts';
import { spanIndexName } from '../mapping.ts';
import type { StoredSpan } from './span-document.ts';

/**
 * Writes spans (`create`, so a redelivered batch counts "already present") and resolves
 * `parent_service` without a batch job, both ways:
 * - a child takes its parent's service from the same batch, else from one realtime `mget` of the
 *   stored parents (in the child's day index and the days either side: traces cross midnight);
 * - a parent back-fills the stored children that wait for it (one search over every daily index,
 *   one bulk of partial updates);
 * - children still unresolved are looked up once more after the index refresh interval
 *   (`recheck`), which closes the window where child and parent arrive in two requests within
 *   one refresh: neither the search nor the mget saw the other.
 */

export interface StoreSpansOptions {
  indexPrefix: string;
  /** HTTP ingest: the app's shared batcher. Without it (CLI) the bulk helper streams. */
  batcher?: IngestBatcher;
  refresh?: boolean;
  /** Called with the spans whose parent was not found, to look again after a refresh. */
  recheck?: (spans: StoredSpan[]) => void;
}

export interface StoreSpansResult {
  indexed: number;
  alreadyPresent: number;
  rejected: Array<{ id: string; reason: string }>;
}

/** The template's refresh interval (mapping.ts) plus a margin: when a search sees every write. */
export const RECHECK_AFTER_MS = 6_000;
const DAY_MS = 86_400_000;
const MAX_BACKFILL_CHILDREN = 10_000;
/** From this many spans a request writes its own `_bulk` instead of joining the shared batcher. */
const OWN_BULK_SPANS = 200;

function indexOf(prefix: string, span: StoredSpan): string {
  return spanIndexName(prefix, new Date(span.document['@timestamp']));
}

/**
 * The `_id`s that may hold a span's parent, best first. The children of a Zipkin shared span
 * were made by its server half, so `…-server` comes first; the server half's own parent is the
 * client half.
 */
function parentCandidates(id: string, traceId: string, parentSpanId: string): string[] {
  const parent = `${traceId}-${parentSpanId}`;
  return id.endsWith('-server') ? [parent] : [`${parent}-server`, parent];
}

function candidatesOf(span: StoredSpan): string[] {
  const { parent_span_id: parentSpanId, trace_id: traceId } = span.document;
  return parentSpanId === undefined ? [] : parentCandidates(span.id, traceId, parentSpanId);
}

/** Looks the parents up in the engine (realtime mget) for the spans not resolved in the batch. */
async function storedParentServices(
  client: Client,
  prefix: string,
  spans: StoredSpan[],
): Promise<Map<string, string>> {
  const wanted = new Map<string, { _index: string; _id: string }>();
  for (const span of spans) {
    const start = new Date(span.document['@timestamp']).getTime();
    for (const id of candidatesOf(span)) {
      for (const offset of [-DAY_MS, 0, DAY_MS]) {
        const index = spanIndexName(prefix, new Date(start + offset));
        wanted.set(`${index}/${id}`, { _index: index, _id: id });
      }
    }
  }
  const found = new Map<string, string>();
  if (wanted.size === 0) return found;
  const response = await client.mget<{ service?: string }>({
    docs: [...wanted.values()],
    _source_includes: ['service'],
  });
  for (const doc of response.docs) {
    if ('found' in doc && doc.found && typeof doc._source?.service === 'string') {
      found.set(doc._id, doc._source.service);
    }
  }
  return found;
}

function pickParent(span: StoredSpan, services: Map<string, string>): string | undefined {
  for (const id of candidatesOf(span)) {
    const service = services.get(id);
    if (service !== undefined) return service;
  }
  return undefined;
}

/** Sets `parent_service` on every span whose parent is in the batch or stored; answers the rest. */
export async function resolveParentServices(
  client: Client,
  prefix: string,
  spans: StoredSpan[],
): Promise<StoredSpan[]> {
  const inBatch = new Map(spans.map((span) => [span.id, span.document.service]));
  const open: StoredSpan[] = [];
  for (const span of spans) {
    if (span.document.parent_span_id === undefined) continue;
    const service = pickParent(span, inBatch);
    if (service === undefined) open.push(span);
    else span.document.parent_service = service;
  }
  if (open.length === 0) return [];
  const stored = await storedParentServices(client, prefix, open);
  const unresolved: StoredSpan[] = [];
  for (const span of open) {
    const service = pickParent(span, stored);
    if (service === undefined) unresolved.push(span);
    else span.document.parent_service = service;
  }
  return unresolved;
}

async function updateParentServices(
  client: Client,
  updates: Array<{ index: string; id: string; service: string }>,
): Promise<void> {
  if (updates.length === 0) return;
  const response = await client.bulk({
    operations: updates.flatMap((update) => [
      { update: { _index: update.index, _id: update.id, retry_on_conflict: 3 } },
      { doc: { parent_service: update.service } },
    ]),
  });
  const failed = response.items.find((item) => {
    const status = item.update?.status ?? 0;
    return status >= 500 || status === 429;
  });
  if (failed)
    throw new Error(`parent_service back-fill failed: ${failed.update?.error?.reason ?? 'engine busy'}`);
}

/** Gives the stored children waiting for a parent of this batch their parent's service. */
export async function backfillChildren(
  client: Client,
  prefix: string,
  parents: StoredSpan[],
): Promise<number> {
  if (parents.length === 0) return 0;
  const services = new Map(parents.map((span) => [span.id, span.document.service]));
  const traceIds = [...new Set(parents.map((span) => span.document.trace_id))];
  const spanIds = [...new Set(parents.map((span) => span.document.span_id))];
  const response = await client.search<{ trace_id: string; parent_span_id: string }>({
    index: `${prefix}-*`,
    size: MAX_BACKFILL_CHILDREN,
    ignore_unavailable: true,
    allow_no_indices: true,
    _source: ['trace_id', 'parent_span_id'],
    query: {
      bool: {
        filter: [{ terms: { trace_id: traceIds } }, { terms: { parent_span_id: spanIds } }],
        must_not: [{ exists: { field: 'parent_service' } }],
      },
    } satisfies estypes.QueryDslQueryContainer,
  });
  const updates: Array<{ index: string; id: string; service: string }> = [];
  for (const hit of response.hits.hits) {
    const source = hit._source;
    if (!source || hit._id === undefined) continue;
    for (const id of parentCandidates(hit._id, source.trace_id, source.parent_span_id)) {
      const service = services.get(id);
      if (service !== undefined && id !== hit._id) {
        updates.push({ index: hit._index, id: hit._id, service });
        break;
      }
    }
  }
  await updateParentServices(client, updates);
  return updates.length;
}

/** The second look for children whose parent was missing (see RECHECK_AFTER_MS). */
export async function recheckParents(client: Client, prefix: string, spans: StoredSpan[]): Promise<number> {
  const stored = await storedParentServices(client, prefix, spans);
  const updates: Array<{ index: string; id: string; service: string }> = [];
  for (const span of spans) {
    const service = pickParent(span, stored);
    if (service !== undefined) updates.push({ index: indexOf(prefix, span), id: span.id, service });
  }
  await updateParentServices(client, updates);
  return updates.length;
}

/** Resolves parents, writes the batch, back-fills the children it completes. */
export async function storeSpans(
  client: Client,
  spans: StoredSpan[],
  options: StoreSpansOptions,
): Promise<StoreSpansResult> {
  const prefix = options.indexPrefix;
  const unresolved = await resolveParentServices(client, prefix, spans);
  const documents: BulkDocument[] = spans.map((span) => ({
    index: indexOf(prefix, span),
    id: span.id,
    document: span.document,
  }));
  // Small requests (one SDK's few spans) join other requests' in the shared batcher; an exporter's
  // full batch is already big enough for its own `_bulk` bodies (measured by bench:traces).
  const written =
    options.batcher && documents.length < OWN_BULK_SPANS
      ? await writeThroughBatcher(options.batcher, documents)
      : await writeDocuments(client, documents, { refresh: options.refresh ?? false });
  await backfillChildren(client, prefix, spans);
  if (unresolved.length > 0) options.recheck?.(unresolved);
  return {
    indexed: written.indexed,
    alreadyPresent: written.alreadyPresent,
    rejected: written.rejected.map(({ id, reason }) => ({ id, reason })),
  };
}
