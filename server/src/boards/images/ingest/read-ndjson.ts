import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** One non-blank line of an NDJSON file, numbered from 1 as an editor shows it. */
export interface NdjsonLine {
  line: number;
  text: string;
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Streams the lines of an NDJSON file (gzipped or not, by its magic bytes), so a file of
 * millions of images never sits in memory. `onBytes` reports the bytes read from disk so far.
 */
export async function* readNdjsonLines(
  file: string,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<NdjsonLine> {
  const gzipped = await isGzip(file);
  const raw = createReadStream(file);
  let bytes = 0;
  if (onBytes) {
    raw.on('data', (chunk) => {
      bytes += chunk.length;
      onBytes(bytes);
    });
  }
  const input = gzipped ? raw.pipe(createGunzip()) : raw;
  if (gzipped) raw.on('error', (error) => input.destroy(error));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line += 1;
      const trimmed = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (trimmed.trim() !== '') yield { line, text: trimmed };
    }
  } finally {
    lines.close();
    raw.destroy();
  }
}

/** Ids in request order: a JSON array of strings, or one id a line (blank lines ignored). */
export async function readIdList(file: string): Promise<string[]> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('[')) {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || parsed.some((id) => typeof id !== 'string' && typeof id !== 'number')) {
      throw new Error('a JSON id list must be an array of strings');
    }
    return parsed.map((id) => String(id).trim());
  }
  return text
    .split(/\r?\n/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
}
