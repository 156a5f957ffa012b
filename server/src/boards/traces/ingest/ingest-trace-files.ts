import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { readJsonFile } from '../../../core/json-file.ts';
import type { Progress } from '../../../core/progress.ts';
import { spansFromOtlp } from './otlp.ts';
import { looksLikeZipkin, spansFromZipkin } from './zipkin.ts';
import { looksLikeJaeger, spansFromJaeger } from './jaeger.ts';
import type { SpanOutcome, StoredSpan } from './span-document.ts';
import { storeSpans } from './store-spans.ts';

/**
 * `lookout ingest traces <file|dir>…`: OTLP JSON (one ExportTraceServiceRequest per file, or one
 * per line as the Collector's file exporter writes), Zipkin v2 arrays and Jaeger JSON (UI download,
 * `/api/traces`), told apart per document; gzip by magic bytes. Spans go through the same
 * storeSpans as the HTTP ingest, so parent_service is resolved the same way.
 */

export interface TraceFileRejection {
  file: string;
  line?: number;
  reason: string;
}

export interface TraceIngestReport {
  files: number;
  spans: number;
  indexed: number;
  alreadyPresent: number;
  rejected: TraceFileRejection[];
}

/** Spans per write: one mget, one bulk and one back-fill search each. */
const BATCH_SPANS = 5_000;
const TRACE_FILE = /\.(json|jsonl|ndjson)(\.gz)?$/i;

async function* findFiles(paths: string[]): AsyncGenerator<string> {
  for (const given of paths) {
    const info = await stat(given);
    if (!info.isDirectory()) {
      yield given;
      continue;
    }
    const entries = await readdir(given, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile() && TRACE_FILE.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    yield* files;
  }
}

/** The spans of one parsed document, whichever producer wrote it; undefined when none did. */
export function spansOfDocument(value: unknown): SpanOutcome[] | undefined {
  if (looksLikeZipkin(value)) return spansFromZipkin(value);
  if (looksLikeJaeger(value)) return spansFromJaeger(value);
  if (typeof value === 'object' && value !== null && 'resourceSpans' in value) return spansFromOtlp(value);
  return undefined;
}

export async function ingestTraceFiles(
  client: Client,
  paths: string[],
  options: { indexPrefix: string; progress: Progress },
): Promise<TraceIngestReport> {
  const files: string[] = [];
  for await (const file of findFiles(paths)) files.push(file);
  const report: TraceIngestReport = {
    files: files.length,
    spans: 0,
    indexed: 0,
    alreadyPresent: 0,
    rejected: [],
  };
  options.progress.start('Ingesting trace files', files.length, 'files');
  let batch: StoredSpan[] = [];
  const origins = new Map<string, { file: string; line?: number }>();

  async function flush(): Promise<void> {
    if (batch.length === 0) return;
    const result = await storeSpans(client, batch, { indexPrefix: options.indexPrefix, refresh: true });
    report.indexed += result.indexed;
    report.alreadyPresent += result.alreadyPresent;
    for (const failed of result.rejected) {
      report.rejected.push({
        ...(origins.get(failed.id) ?? { file: 'unknown file' }),
        reason: failed.reason,
      });
    }
    batch = [];
    origins.clear();
  }

  for (const [done, file] of files.entries()) {
    for await (const item of readJsonFile(file)) {
      const where = { file, ...(item.line !== undefined ? { line: item.line } : {}) };
      if ('problem' in item) {
        report.rejected.push({ ...where, reason: item.problem });
        continue;
      }
      const outcomes = spansOfDocument(item.value);
      if (!outcomes) {
        report.rejected.push({
          ...where,
          reason: 'neither OTLP JSON (resourceSpans), a Zipkin v2 span array nor Jaeger JSON (data[].spans)',
        });
        continue;
      }
      for (const outcome of outcomes) {
        report.spans += 1;
        if ('problem' in outcome) {
          report.rejected.push({ ...where, reason: outcome.problem });
          continue;
        }
        batch.push(outcome);
        origins.set(outcome.id, where);
        if (batch.length >= BATCH_SPANS) await flush();
      }
    }
    options.progress.update(done + 1);
  }
  await flush();
  options.progress.done(summarizeTraceIngest(report));
  return report;
}

/** `3 files, 1,204 spans: 1,200 indexed, 2 already present, 2 rejected`. */
export function summarizeTraceIngest(report: TraceIngestReport): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return (
    `${n(report.files)} file${report.files === 1 ? '' : 's'}, ${n(report.spans)} spans: ` +
    `${n(report.indexed)} indexed, ${n(report.alreadyPresent)} already present, ${n(report.rejected.length)} rejected`
  );
}

/** The summary, then each rejection as `file:line: reason`, at most `limit` of them. */
export function formatTraceIngestReport(report: TraceIngestReport, limit = 50): string[] {
  const lines = [summarizeTraceIngest(report)];
  for (const rejection of report.rejected.slice(0, limit)) {
    lines.push(
      `  ${rejection.file}${rejection.line !== undefined ? `:${rejection.line}` : ''}: ${rejection.reason}`,
    );
  }
  if (report.rejected.length > limit) lines.push(`  … and ${n(report.rejected.length - limit)} more`);
  return lines;
}

const n = (value: number) => value.toLocaleString('en-US');
