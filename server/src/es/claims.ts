import { errors, type Client } from '@elastic/elasticsearch';
import type { IndexTemplate } from './templates.ts';

/**
 * The claim pattern that lets any number of BFF instances agree on who does a thing once, with
 * nothing on their disks: the claim is a `create` of a deterministic id (only one instance
 * succeeds), and every later change is conditional on the sequence number the changer read (only
 * one instance wins a takeover or a retry).
 */

export interface Stored<T> {
  id: string;
  document: T;
  seqNo: number;
  primaryTerm: number;
}

/** Writes answer with the document's sequence number: the precondition of the next change. */
function version(response: { _seq_no?: number; _primary_term?: number }) {
  if (response._seq_no === undefined || response._primary_term === undefined) {
    throw new Error('the engine answered a write without _seq_no/_primary_term');
  }
  return { seqNo: response._seq_no, primaryTerm: response._primary_term };
}

export function isConflict(error: unknown): boolean {
  return error instanceof errors.ResponseError && error.statusCode === 409;
}

/** Creates the document; null when it already exists (another instance, or an earlier run, claimed it). */
export async function claimOnce<T>(
  client: Client,
  index: string,
  id: string,
  document: T,
): Promise<Stored<T> | null> {
  try {
    const response = await client.create({ index, id, document, refresh: true });
    return { id, document, ...version(response) };
  } catch (error) {
    if (isConflict(error)) return null;
    throw error;
  }
}

/** Replaces the document only if nobody changed it since `stored` was read; null when someone did. */
export async function replaceIfUnchanged<T>(
  client: Client,
  index: string,
  stored: Stored<T>,
  document: T,
): Promise<Stored<T> | null> {
  try {
    const response = await client.index({
      index,
      id: stored.id,
      document,
      if_seq_no: stored.seqNo,
      if_primary_term: stored.primaryTerm,
      refresh: true,
    });
    return { id: stored.id, document, ...version(response) };
  } catch (error) {
    if (isConflict(error)) return null;
    throw error;
  }
}

/** The document with its sequence number, or null when there is none. */
export async function readStored<T>(client: Client, index: string, id: string): Promise<Stored<T> | null> {
  const response = await client.get<T>({ index, id }, { ignore: [404] });
  if (
    !response.found ||
    !response._source ||
    response._seq_no === undefined ||
    response._primary_term === undefined
  ) {
    return null;
  }
  return { id, document: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
}

/**
 * Creates the index with its template's settings and mappings (whether or not `setup` installed
 * the template) and waits until it answers searches, so that nobody searches a shard that is still
 * starting. Instances may race: the loser's "already exists" is fine, and it waits the same way.
 */
export async function ensureIndex(
  client: Client,
  index: string,
  template: IndexTemplate,
  timeoutMs = 30_000,
): Promise<void> {
  if (!(await client.indices.exists({ index }))) {
    const { settings, mappings } = template.body.template ?? {};
    try {
      await client.indices.create({ index, settings, mappings, wait_for_active_shards: 1 });
    } catch (error) {
      const type = (error as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type;
      if (type !== 'resource_already_exists_exception') throw error;
    }
  }
  for (const deadline = Date.now() + timeoutMs; ;) {
    try {
      await client.search({ index, size: 0 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
