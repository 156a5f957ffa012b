import { readFile } from 'node:fs/promises';
import { readIdList } from './read-id-list.ts';

/** A Vision response from a batch file, found by the image id at the same position in the id list. */
export interface BatchEntry {
  position: number;
  response: unknown;
}

export type VisionBatch =
  | {
      ok: true;
      entries: Map<string, BatchEntry>;
      skipped: Array<{ imageId: string; position: number; reason: string }>;
    }
  | { ok: false; reason: string };

function messageOf(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return 'no such file';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Pairs a Vision batch response (`{"responses": [...]}`, as `images:annotate` or an async batch
 * output file returns it) with the image ids in request order: Vision's responses carry no ids,
 * so the n-th response belongs to the n-th id. Counts that differ make every pairing doubtful,
 * so the whole batch is refused; an id listed twice keeps its first response (the other is reported).
 */
export async function readVisionBatch(batchFile: string, idsFile: string): Promise<VisionBatch> {
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readFile(batchFile, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, reason: `${batchFile}: cannot read the Vision batch response: ${messageOf(error)}` };
  }
  const responses =
    typeof parsed === 'object' && parsed !== null ? (parsed as { responses?: unknown }).responses : undefined;
  if (!Array.isArray(responses)) {
    return { ok: false, reason: `${batchFile}: not a Vision batch response: no "responses" array` };
  }
  let ids: string[];
  try {
    ids = await readIdList(idsFile);
  } catch (error) {
    return { ok: false, reason: `${idsFile}: cannot read the id list: ${messageOf(error)}` };
  }
  if (ids.length !== responses.length) {
    return {
      ok: false,
      reason:
        `${batchFile} has ${responses.length} responses but ${idsFile} lists ${ids.length} ids; ` +
        'they are paired by position, so the counts must match',
    };
  }
  const entries = new Map<string, BatchEntry>();
  const skipped: Array<{ imageId: string; position: number; reason: string }> = [];
  ids.forEach((imageId, position) => {
    const first = entries.get(imageId);
    if (imageId === '') skipped.push({ imageId, position, reason: 'empty id in the id list' });
    else if (first) {
      skipped.push({
        imageId,
        position,
        reason: `id listed twice; the response at #${first.position} is used`,
      });
    } else entries.set(imageId, { position, response: responses[position] });
  });
  return { ok: true, entries, skipped };
}
