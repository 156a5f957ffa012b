import type { Client } from '@elastic/elasticsearch';
import { refreshIndices, writeDocuments, type BulkDocument } from '../../../es/bulk-writer.ts';
import type { Progress } from '../../../core/progress.ts';
import { findLogFiles, readLogFiles, UnreadableRecord } from './read-log-files.ts';
import { toCloudTrailDocument } from './to-document.ts';

/** A file, or one record of a file, that was not stored, and why. */
export interface IngestRejection {
  file: string;
  /** Position in the file's `Records` array; absent when the whole file was rejected. */
  record?: number;
  eventID?: string;
  reason: string;
}

export interface IngestReport {
  /** Log files found (read or rejected). */
  files: number;
  /** Records found in the files that could be read. */
  records: number;
  indexed: number;
  alreadyPresent: number;
  rejected: IngestRejection[];
}

/**
 * Records per `writeDocuments` round. Bulk batches span files within a round; between rounds the
 * in-flight requests drain once, which costs little at this size.
 */
export const ROUND_RECORDS = 100_000;

/** Thousands of small files: redrawing the bar for each would cost more than reading them. */
const PROGRESS_EVERY_MS = 100;

export interface IngestOptions {
  indexPrefix: string;
  progress: Progress;
  /** Make the documents searchable before returning (the CLI, a seed, tests): the daily indices written to. */
  refresh?: boolean;
  /** Passed to the bulk writer (size of one `_bulk` body). */
  flushBytes?: number;
  /** Records per bulk-writer round (default ROUND_RECORDS). */
  roundRecords?: number;
}

/**
 * Reads CloudTrail log files (files or directories, walked recursively) and stores every record
 * under its `eventID`. Bulk batches span files, so many small files still make full batches.
 * Every record is accounted for: indexed, already present (stored by an earlier run or
 * an overlapping delivery) or rejected with its file, position and reason.
 */
export async function ingestCloudTrail(
  client: Client,
  paths: string[],
  options: IngestOptions,
): Promise<IngestReport> {
  const { indexPrefix, progress } = options;
  const roundRecords = options.roundRecords ?? ROUND_RECORDS;
  const rejected: IngestRejection[] = [];
  let files = 0;
  let records = 0;

  let totalFiles = 0;
  for await (const _found of findLogFiles(paths)) totalFiles += 1;
  progress.start('Ingesting CloudTrail log files', totalFiles, 'files');

  // Where each written record came from, to name the file and position of an Elasticsearch
  // rejection (the bulk writer reports index and id only). Tracked for one round of about
  // `roundRecords` records at a time, so memory stays flat however many files there are.
  const fileNames: string[] = [];
  const origins = new Map<string, { file: number; record: number }>();
  const logFiles = readLogFiles(paths);
  let exhausted = false;
  let lastUpdate = 0;
  let indexed = 0;
  let alreadyPresent = 0;
  const writtenTo = new Set<string>();

  async function* round(): AsyncGenerator<BulkDocument> {
    let yielded = 0;
    // Whole files only: a round ends at a file boundary once it has enough records.
    while (yielded < roundRecords) {
      const next = await logFiles.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      const logFile = next.value;
      files += 1;
      if ('reason' in logFile) {
        rejected.push({ file: logFile.file, reason: logFile.reason });
      } else {
        const fileNumber = fileNames.push(logFile.file) - 1;
        for (const [position, record] of logFile.records.entries()) {
          records += 1;
          const result =
            record instanceof UnreadableRecord
              ? { ok: false as const, reason: record.reason }
              : toCloudTrailDocument(record, indexPrefix);
          if (!result.ok) {
            const eventID = (record as { eventID?: unknown } | null)?.eventID;
            rejected.push({
              file: logFile.file,
              record: position,
              ...(typeof eventID === 'string' && eventID !== '' ? { eventID } : {}),
              reason: result.reason,
            });
            continue;
          }
          origins.set(result.doc.id, { file: fileNumber, record: position });
          writtenTo.add(result.doc.index);
          yielded += 1;
          yield result.doc;
        }
      }
      if (Date.now() - lastUpdate >= PROGRESS_EVERY_MS) {
        lastUpdate = Date.now();
        progress.update(files);
      }
    }
  }

  while (!exhausted) {
    fileNames.length = 0;
    origins.clear();
    const written = await writeDocuments(client, round(), { flushBytes: options.flushBytes });
    indexed += written.indexed;
    alreadyPresent += written.alreadyPresent;
    for (const failure of written.rejected) {
      const origin = origins.get(failure.id);
      rejected.push({
        file: origin ? (fileNames[origin.file] ?? 'unknown file') : 'unknown file',
        ...(origin ? { record: origin.record } : {}),
        eventID: failure.id,
        reason: failure.reason,
      });
    }
  }
  if (options.refresh) await refreshIndices(client, writtenTo);
  const report: IngestReport = {
    files,
    records,
    indexed,
    alreadyPresent,
    rejected,
  };
  progress.update(files);
  progress.done(summarizeIngest(report));
  return report;
}

const count = (value: number, one: string, many: string = `${one}s`): string =>
  `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;

/** `12 files, 4,210 records: 4,200 indexed, 5 already present, 5 rejected`. */
export function summarizeIngest(report: IngestReport): string {
  return (
    `${count(report.files, 'file')}, ${count(report.records, 'record')}: ` +
    `${report.indexed.toLocaleString('en-US')} indexed, ` +
    `${report.alreadyPresent.toLocaleString('en-US')} already present, ` +
    `${report.rejected.length.toLocaleString('en-US')} rejected`
  );
}

/** `file#record (eventID): reason`, or `file: reason` for a whole file. */
export function describeRejection(rejection: IngestRejection): string {
  const position = rejection.record === undefined ? '' : `#${rejection.record}`;
  const id = rejection.eventID === undefined ? '' : ` (${rejection.eventID})`;
  return `${rejection.file}${position}${id}: ${rejection.reason}`;
}

/** The summary line, then each rejection, at most `limit` of them and "… and N more". */
export function formatIngestReport(report: IngestReport, limit = 50): string[] {
  const lines = [summarizeIngest(report)];
  for (const rejection of report.rejected.slice(0, limit)) lines.push(`  ${describeRejection(rejection)}`);
  if (report.rejected.length > limit) {
    lines.push(`  … and ${(report.rejected.length - limit).toLocaleString('en-US')} more`);
  }
  return lines;
}
