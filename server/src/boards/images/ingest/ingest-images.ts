import { stat } from 'node:fs/promises';
import type { Client } from '@elastic/elasticsearch';
import { writeDocuments, type BulkDocument } from '../../../es/bulk-writer.ts';
import type { Progress } from '../../../core/progress.ts';
import { readJsonFile } from '../../../core/json-file.ts';
import type { JsonItem } from '../../../core/json-values.ts';
import { imageIdOf, toImageDocument } from './to-document.ts';
import { readVisionBatch, type BatchEntry } from './vision-batch.ts';

/** A line, a batch entry or a whole file that was not stored, and why. */
export interface ImagesIngestRejection {
  file: string;
  /** Line number in an NDJSON file (from 1). */
  line?: number;
  /** Position in a Vision batch's `responses` (from 0). */
  position?: number;
  imageId?: string;
  reason: string;
}

export interface ImagesIngestReport {
  files: number;
  /** Non-blank lines read. */
  lines: number;
  /** Written: new images and updated ones alike (`index` replaces an image with the same id). */
  indexed: number;
  /** Stored with Vision's per-image `error` (and so without tags). */
  visionErrors: number;
  rejected: ImagesIngestRejection[];
}

export interface ImagesIngestOptions {
  index: string;
  minScore: number;
  progress: Progress;
  /** A Vision batch response and its id list in request order. */
  visionBatch?: { batchFile: string; idsFile: string };
  /** `ingestedAt` of every image of this run (default: the time of the call). */
  now?: Date;
  /** Make the images searchable before returning (tests, end of a seed). */
  refresh?: boolean;
  flushBytes?: number;
  /** Images per bulk-writer round; rejections are traced back to their line within a round. */
  roundLines?: number;
}

export const ROUND_LINES = 50_000;
const PROGRESS_EVERY_MS = 100;

/**
 * Reads image files (NDJSON, a JSON array or one pretty-printed image; see core/json-values.ts) and stores each image under its id, replacing an
 * earlier version. A line that is not JSON, has no id or has a bad field is reported by file and
 * line with the reason, and the rest are stored. With a Vision batch, each response replaces the
 * `vision` of the line with the same id; a batch id without a line is reported, not dropped.
 */
export async function ingestImages(
  client: Client,
  files: string[],
  options: ImagesIngestOptions,
): Promise<ImagesIngestReport> {
  const { index, minScore, progress } = options;
  const now = options.now ?? new Date();
  const report: ImagesIngestReport = { files: 0, lines: 0, indexed: 0, visionErrors: 0, rejected: [] };

  let batch = new Map<string, BatchEntry>();
  if (options.visionBatch) {
    const { batchFile, idsFile } = options.visionBatch;
    const read = await readVisionBatch(batchFile, idsFile);
    if (!read.ok) {
      // Unpaired responses could attach tags to the wrong images: store nothing.
      report.rejected.push({ file: batchFile, reason: read.reason });
      progress.log(`Nothing ingested: ${read.reason}`);
      return report;
    }
    batch = read.entries;
    for (const skipped of read.skipped) {
      report.rejected.push({
        file: idsFile,
        position: skipped.position,
        imageId: skipped.imageId,
        reason: skipped.reason,
      });
    }
  }
  const usedFromBatch = new Set<string>();

  const sizes = await Promise.all(
    files.map((file) =>
      stat(file)
        .then((info) => info.size)
        .catch(() => 0),
    ),
  );
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  progress.start('Ingesting images', totalBytes, 'bytes');
  let bytesBefore = 0;
  let lastUpdate = 0;
  const onBytes = (bytes: number) => {
    if (Date.now() - lastUpdate < PROGRESS_EVERY_MS) return;
    lastUpdate = Date.now();
    progress.update(bytesBefore + bytes);
  };

  // Where each written image came from, to name the line of an Elasticsearch rejection.
  const origins = new Map<string, { file: string; line: number }>();
  const roundLines = options.roundLines ?? ROUND_LINES;
  let fileIndex = 0;
  let lines: AsyncGenerator<JsonItem> | undefined;
  let exhausted = false;

  async function nextLine(): Promise<(JsonItem & { file: string }) | undefined> {
    for (;;) {
      if (!lines) {
        const file = files[fileIndex];
        if (file === undefined) return undefined;
        report.files += 1;
        lines = readJsonFile(file, onBytes);
      }
      const file = files[fileIndex] as string;
      try {
        const next = await lines.next();
        if (!next.done) return { file, ...next.value };
      } catch (error) {
        report.rejected.push({
          file,
          reason: `cannot read: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      bytesBefore += sizes[fileIndex] ?? 0;
      lines = undefined;
      fileIndex += 1;
    }
  }

  async function* round(): AsyncGenerator<BulkDocument> {
    for (let yielded = 0; yielded < roundLines;) {
      const next = await nextLine();
      if (next === undefined) {
        exhausted = true;
        return;
      }
      report.lines += 1;
      if ('problem' in next) {
        report.rejected.push({ file: next.file, line: next.line ?? next.position + 1, reason: next.problem });
        continue;
      }
      const parsed = next.value;
      const line = next.line ?? next.position + 1;
      const imageId = imageIdOf(parsed);
      const fromBatch = imageId === undefined ? undefined : batch.get(imageId);
      const result = toImageDocument(parsed, {
        index,
        minScore,
        now,
        ...(fromBatch ? { vision: fromBatch.response } : {}),
      });
      if (!result.ok) {
        report.rejected.push({
          file: next.file,
          line,
          ...(result.imageId === undefined ? {} : { imageId: result.imageId }),
          reason: result.reason,
        });
        continue;
      }
      if (fromBatch) usedFromBatch.add(result.doc.id);
      if (result.doc.document.visionError) report.visionErrors += 1;
      origins.set(result.doc.id, { file: next.file, line });
      yielded += 1;
      yield result.doc;
    }
  }

  while (!exhausted) {
    origins.clear();
    const written = await writeDocuments(client, round(), {
      operation: 'index',
      flushBytes: options.flushBytes,
    });
    report.indexed += written.indexed;
    for (const failure of written.rejected) {
      const origin = origins.get(failure.id);
      report.rejected.push({
        file: origin?.file ?? 'unknown file',
        ...(origin ? { line: origin.line } : {}),
        imageId: failure.id,
        reason: failure.reason,
      });
    }
  }
  if (options.visionBatch) {
    for (const [imageId, entry] of batch) {
      if (usedFromBatch.has(imageId)) continue;
      report.rejected.push({
        file: options.visionBatch.batchFile,
        position: entry.position,
        imageId,
        reason: 'no line with this image id in the NDJSON files, so no hotel, URL or size to store it with',
      });
    }
  }
  if (options.refresh)
    await client.indices.refresh({ index, allow_no_indices: true, ignore_unavailable: true });
  progress.update(totalBytes);
  progress.done(summarizeImagesIngest(report));
  return report;
}

const count = (value: number, one: string, many: string = `${one}s`): string =>
  `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;

/** `2 files, 1,204 lines: 1,200 images indexed (new or updated), 3 with a Vision error, 4 rejected`. */
export function summarizeImagesIngest(report: ImagesIngestReport): string {
  return (
    `${count(report.files, 'file')}, ${count(report.lines, 'line')}: ` +
    `${count(report.indexed, 'image')} indexed (new or updated), ` +
    `${report.visionErrors.toLocaleString('en-US')} with a Vision error, ` +
    `${report.rejected.length.toLocaleString('en-US')} rejected`
  );
}

/** `file:line (imageId): reason`, `file#position (imageId): reason` or `file: reason`. */
export function describeImagesRejection(rejection: ImagesIngestRejection): string {
  const where =
    rejection.line !== undefined
      ? `:${rejection.line}`
      : rejection.position !== undefined
        ? `#${rejection.position}`
        : '';
  const id = rejection.imageId === undefined ? '' : ` (${rejection.imageId})`;
  return `${rejection.file}${where}${id}: ${rejection.reason}`;
}

/** The summary line, then each rejection, at most `limit` of them and "… and N more". */
export function formatImagesIngestReport(report: ImagesIngestReport, limit = 50): string[] {
  const lines = [summarizeImagesIngest(report)];
  for (const rejection of report.rejected.slice(0, limit))
    lines.push(`  ${describeImagesRejection(rejection)}`);
  if (report.rejected.length > limit) {
    lines.push(`  … and ${(report.rejected.length - limit).toLocaleString('en-US')} more`);
  }
  return lines;
}
