import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { FILE_LIMITS, readJsonItems, type JsonItem } from '../../../core/json-values.ts';

/** A part of a log file that was not JSON (or over a limit): rejected at its position. */
export class UnreadableRecord {
  constructor(readonly reason: string) {}
}

/** One CloudTrail log file: its records, or why the whole file could not be read. */
export type LogFile = { file: string; records: unknown[] } | { file: string; reason: string };

/** A path found while walking: a file to read, or a path that could not be walked. */
export type FoundPath = { file: string } | { file: string; reason: string };

/** Digest files (`AWSLogs/<account>/CloudTrail-Digest/…`) prove integrity; they hold no events. */
export const DIGEST_FOLDER = 'CloudTrail-Digest';

/** Real log files are a few MB at most; this only stops a gzip bomb from exhausting memory. */
export const MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;

const gunzipAsync = promisify(gunzip);

export function isLogFileName(name: string): boolean {
  return name.endsWith('.json.gz') || name.endsWith('.json');
}

function messageOf(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT')
    return 'no such file or directory';
  return error instanceof Error ? error.message : String(error);
}

async function* walk(directory: string): AsyncGenerator<FoundPath> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    yield { file: directory, reason: `cannot read directory: ${messageOf(error)}` };
    return;
  }
  // Sorted, so runs and progress are reproducible and files arrive roughly in time order.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => undefined);
      isDirectory = false; // never follow directory links: no loops
      isFile = target?.isFile() ?? false;
    }
    if (isDirectory) {
      if (entry.name !== DIGEST_FOLDER) yield* walk(full);
    } else if (isFile && isLogFileName(entry.name)) {
      yield { file: full };
    }
  }
}

/**
 * The log files under the given paths, one at a time: a directory is walked recursively for
 * `*.json.gz` and `*.json` (skipping `CloudTrail-Digest`), a file is taken as named. Works for
 * both S3 layouts, `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/` and the organisation
 * trail's `AWSLogs/<org-id>/<account>/CloudTrail/…`, since it does not depend on the depth.
 */
export async function* findLogFiles(paths: string[]): AsyncGenerator<FoundPath> {
  const seen = new Set<string>();
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (error) {
      yield { file: given, reason: messageOf(error) };
      continue;
    }
    const found = info.isDirectory() ? walk(given) : single(given);
    for await (const item of found) {
      const key = path.resolve(item.file);
      if (seen.has(key)) continue;
      seen.add(key);
      yield item;
    }
  }
}

async function* single(file: string): AsyncGenerator<FoundPath> {
  yield { file };
}

function gzipFailure(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'Z_BUF_ERROR') return `truncated gzip: ${messageOf(error)}`;
  if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
    return `too large: more than ${MAX_UNCOMPRESSED_BYTES / 1_048_576} MB once uncompressed`;
  }
  return `corrupt gzip: ${messageOf(error)}`;
}

function startsLikeJson(bytes: Buffer): boolean {
  const text = bytes
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return text.startsWith('{') || text.startsWith('[');
}

/**
 * Reads one file as CloudTrail delivers it: gzip when the bytes say so (magic `1f 8b`), plain
 * JSON otherwise. A `.gz` name holding plain JSON is accepted: browsers and some S3 clients
 * decompress on download (`Content-Encoding: gzip`) and keep the name.
 */
export async function readLogFile(file: string): Promise<LogFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { file, reason: `cannot read: ${messageOf(error)}` };
  }
  const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!gzipped && file.endsWith('.gz') && !startsLikeJson(bytes)) {
    return { file, reason: 'not gzip: named .gz but does not start with the gzip magic bytes 1f 8b' };
  }
  let text: string;
  if (gzipped) {
    try {
      text = (await gunzipAsync(bytes, { maxOutputLength: MAX_UNCOMPRESSED_BYTES })).toString('utf8');
    } catch (error) {
      return { file, reason: gzipFailure(error) };
    }
  } else {
    text = bytes.toString('utf8');
  }
  const items = await readRecordsText(text.replace(/^\uFEFF/, ''));
  const only = items.length === 1 ? items[0] : undefined;
  if (only && 'problem' in only) return { file, reason: `not JSON: ${only.problem}` };
  if (only && !recordsOf(only.value) && !isRecordLike(only.value)) {
    return { file, reason: 'not a CloudTrail log file: no Records array' };
  }
  const records: unknown[] = [];
  for (const item of items) {
    if ('problem' in item) records.push(new UnreadableRecord(item.problem));
    else records.push(...(recordsOf(item.value) ?? [item.value]));
  }
  return { file, records };
}

/** S3's one document goes straight to the native parser; anything else through the reader. */
async function readRecordsText(text: string): Promise<JsonItem[]> {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value))
      return value.map((element: unknown, position) => ({ position, value: element }));
    return [{ position: 0, value }];
  } catch {
    return readJsonItems([text], FILE_LIMITS);
  }
}

/**
 * As S3 delivers it (`{"Records":[…]}`, pretty-printed or not), or as people save records: a
 * JSON array of records, NDJSON of records or of `{"Records":…}` documents (core/json-values).
 */
function recordsOf(value: unknown): unknown[] | undefined {
  const records =
    typeof value === 'object' && value !== null ? (value as { Records?: unknown }).Records : undefined;
  return Array.isArray(records) ? records : undefined;
}

function isRecordLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'eventID' in value;
}

/** Files read ahead while the current one is processed: reading and gunzip run on the thread pool. */
const READ_AHEAD = 4;

/**
 * Every log file under `paths`, read and parsed in order, a few at a time, so memory holds a
 * handful of files however many thousands there are. Paths that cannot be walked come out as
 * file-level rejections.
 */
export async function* readLogFiles(paths: string[]): AsyncGenerator<LogFile> {
  const found = findLogFiles(paths);
  const queue: Array<Promise<LogFile>> = [];
  let exhausted = false;
  const fill = async (): Promise<void> => {
    while (!exhausted && queue.length < READ_AHEAD) {
      const next = await found.next();
      if (next.done) {
        exhausted = true;
      } else {
        const item = next.value;
        const read = 'reason' in item ? Promise.resolve(item) : readLogFile(item.file);
        queue.push(read);
      }
    }
  };
  await fill();
  while (queue.length > 0) {
    const current = await (queue.shift() as Promise<LogFile>);
    await fill();
    yield current;
  }
}
