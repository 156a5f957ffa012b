import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { createJsonReader, FILE_LIMITS, NOT_JSON, type JsonItem, type JsonLimits } from './json-values.ts';

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

/** Rejections kept back while nothing has parsed yet: past this, the file is not JSON at all. */
const PROBE_REJECTIONS = 1_000;

/**
 * The events of a file as people save them — one JSON document (pretty-printed or not), a JSON
 * array, or NDJSON; gzipped or not, by its magic bytes — streamed, so a file of millions of
 * events never sits in memory. A file none of whose content is JSON gives one rejection saying
 * so. `onBytes` reports the bytes read from disk so far.
 */
export async function* readJsonFile(
  file: string,
  onBytes?: (bytes: number) => void,
  limits: JsonLimits = FILE_LIMITS,
): AsyncGenerator<JsonItem> {
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
  const reader = createJsonReader(limits);
  const decoder = new StringDecoder('utf8');
  let held: JsonItem[] | undefined = [];
  let first = true;
  let gaveUp = false;
  function* release(items: JsonItem[]): Generator<JsonItem> {
    if (held === undefined) {
      yield* items;
      return;
    }
    held.push(...items);
    if (items.some((item) => 'value' in item)) {
      yield* held;
      held = undefined;
    } else if (held.length > PROBE_REJECTIONS) {
      gaveUp = true;
    }
  }
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let text = decoder.write(chunk);
      if (first && text !== '') {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      yield* release(reader.push(text));
      if (gaveUp) break;
    }
    if (!gaveUp) yield* release([...reader.push(decoder.end()), ...reader.end()]);
    if (held !== undefined && held.length > 0) yield { position: 0, line: 1, problem: NOT_JSON };
  } finally {
    raw.destroy();
  }
}
