import type { Client } from '@elastic/elasticsearch';
import { IMAGES_MAPPING_VERSION, MAPPING_VERSION_KEY, SCORE_THRESHOLDS } from './mapping.ts';

/** A concrete index behind IMAGES_INDEX and the mapping version its images were written with. */
export interface StoredImageIndex {
  index: string;
  /** From the index's `_meta`; 1 for indices made before versions were recorded. */
  version: number;
}

/** Every concrete index IMAGES_INDEX names (an index, an alias or a pattern); none before the first ingest. */
export async function storedImageIndices(client: Client, index: string): Promise<StoredImageIndex[]> {
  const mappings = await client.indices.getMapping({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
  });
  return Object.entries(mappings)
    .map(([name, { mappings: mapping }]) => {
      const version = Number(mapping?._meta?.[MAPPING_VERSION_KEY] ?? 1);
      return { index: name, version: Number.isFinite(version) ? version : 1 };
    })
    .sort((a, b) => a.index.localeCompare(b.index));
}

/** Indices whose images lack fields the queries use: `lookout images reindex` rewrites them. */
export function outdated(indices: StoredImageIndex[]): StoredImageIndex[] {
  return indices.filter((stored) => stored.version < IMAGES_MAPPING_VERSION);
}

const RECHECK_MS = 60_000;

/**
 * The `tags_min_*` thresholds every stored image carries, re-read at most once a minute: none
 * while an index still awaits reindex (the nested tags then answer every minScore, exactly), all
 * of them once it is done. A failed check answers none (slower, never a wrong count) and is
 * tried again by the next request.
 */
export function storedScoreThresholds(client: Client, index: string): () => Promise<readonly number[]> {
  let checked: { at: number; thresholds: readonly number[] } | undefined;
  return async () => {
    if (checked && Date.now() - checked.at < RECHECK_MS) return checked.thresholds;
    try {
      const indices = await storedImageIndices(client, index);
      checked = { at: Date.now(), thresholds: outdated(indices).length === 0 ? SCORE_THRESHOLDS : [] };
      return checked.thresholds;
    } catch {
      return [];
    }
  };
}

/** `lookout setup`: which image indices need `lookout images reindex`, and why. */
export async function imagesStoredDataNotes(
  client: Client,
  config: { images: { index: string } },
): Promise<string[]> {
  const behind = outdated(await storedImageIndices(client, config.images.index));
  return behind.map(
    (stored) =>
      `${stored.index}: images stored with image mapping ${stored.version}, current is ${IMAGES_MAPPING_VERSION}; ` +
      'searches stay exact but miss the faster fields until `npm run lookout -- images reindex` rewrites them.',
  );
}
