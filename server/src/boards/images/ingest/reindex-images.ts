import type { Client, estypes } from '@elastic/elasticsearch';
import { writeDocuments, type BulkDocument } from '../../../es/bulk-writer.ts';
import type { Progress } from '../../../core/progress.ts';
import { imagesMappings, MAPPING_VERSION_KEY, type StoredImage } from '../mapping.ts';
import { outdated, storedImageIndices } from '../stored-mapping.ts';
import { toImageDocument } from './to-document.ts';

export interface ImagesReindexReport {
  /** Each index that was below the current mapping version, and how many images it rewrote. */
  indices: Array<{ index: string; fromVersion: number; images: number }>;
  rejected: Array<{ index: string; imageId: string; reason: string }>;
}

export interface ImagesReindexOptions {
  /** IMAGES_INDEX: an index, an alias or a pattern. */
  index: string;
  /** IMAGES_MIN_SCORE: `tags_counted` is rebuilt with it. */
  minScore: number;
  progress: Progress;
  pageSize?: number;
}

const PAGE_SIZE = 1_000;

/** The producer's line, as far as the stored image keeps it: what toImageDocument reads. */
function lineOf(stored: Partial<StoredImage>): Record<string, unknown> {
  const { imageId, hotelId, hotelName, url, width, height, location, labels, vision } = stored;
  return { imageId, hotelId, hotelName, url, width, height, location, labels, vision };
}

/** Every stored image of one index, in imageId order, rebuilt by the ingest's document builder. */
async function* rebuilt(
  client: Client,
  index: string,
  options: ImagesReindexOptions,
  report: ImagesReindexReport,
  onImage: () => void,
): AsyncGenerator<BulkDocument> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  let after: estypes.SortResults | undefined;
  for (;;) {
    // search_after on imageId, unique and the _id: a rewritten image keeps its place behind the
    // cursor, so none is read twice or skipped (and no point in time is needed, whose API
    // differs between Elasticsearch and OpenSearch).
    const page = await client.search<Partial<StoredImage>>({
      index,
      size: pageSize,
      sort: [{ imageId: 'asc' }],
      ...(after ? { search_after: after } : {}),
    });
    for (const hit of page.hits.hits) {
      const source = hit._source ?? {};
      const ingestedAt = source.ingestedAt ? new Date(source.ingestedAt) : new Date();
      const result = toImageDocument(lineOf(source), { index, minScore: options.minScore, now: ingestedAt });
      onImage();
      if (result.ok) yield result.doc;
      else report.rejected.push({ index, imageId: hit._id ?? '', reason: result.reason });
    }
    after = page.hits.hits.at(-1)?.sort;
    if (page.hits.hits.length < pageSize || !after) return;
  }
}

/**
 * Lifts every image index below the current mapping version: adds the new fields to its mapping,
 * rewrites each image in place through the ingest's own document builder (reading pages by
 * imageId; `_reindex` and ingest pipelines are not on every supported engine), then records the
 * version. Until that last step the board answers the index's searches the old way, so a
 * half-done reindex never shows wrong counts; running it again resumes from the start.
 */
export async function reindexImages(
  client: Client,
  options: ImagesReindexOptions,
): Promise<ImagesReindexReport> {
  const report: ImagesReindexReport = { indices: [], rejected: [] };
  const { properties, _meta: meta } = imagesMappings();
  for (const stored of outdated(await storedImageIndices(client, options.index))) {
    const { index } = stored;
    await client.indices.putMapping({ index, properties });
    const { count } = await client.count({ index });
    options.progress.start(`Re-indexing ${index}`, count, 'images');
    const rejectedBefore = report.rejected.length;
    let read = 0;
    const written = await writeDocuments(
      client,
      rebuilt(client, index, options, report, () => {
        read += 1;
        if (read % 1_000 === 0) options.progress.update(read);
      }),
      { operation: 'index', refresh: true },
    );
    for (const failure of written.rejected) {
      report.rejected.push({ index, imageId: failure.id, reason: failure.reason });
    }
    const rejected = report.rejected.length - rejectedBefore;
    if (rejected === 0) {
      const current = await client.indices.getMapping({ index });
      const previousMeta = current[index]?.mappings?._meta ?? {};
      await client.indices.putMapping({
        index,
        _meta: { ...previousMeta, [MAPPING_VERSION_KEY]: meta?.[MAPPING_VERSION_KEY] },
      });
    }
    options.progress.done(
      `${index}: ${written.indexed.toLocaleString('en-US')} images rewritten` +
        (rejected > 0 ? `, ${rejected} rejected (version not recorded; run again after fixing them)` : ''),
    );
    report.indices.push({ index, fromVersion: stored.version, images: written.indexed });
  }
  return report;
}
