import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonFile } from '../../../core/json-file.ts';
import type { JsonItem } from '../../../core/json-values.ts';
import { readIdList } from './read-id-list.ts';
import { readVisionBatch } from './vision-batch.ts';

let dir: string;
const file = async (name: string, content: string | Buffer) => {
  const target = path.join(dir, name);
  await writeFile(target, content);
  return target;
};
const collect = async (source: AsyncIterable<JsonItem>) => {
  const lines = [];
  for await (const line of source) lines.push(line);
  return lines;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lookout-images-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reading image files', () => {
  it('numbers lines as an editor does and skips blank ones', async () => {
    const plain = await file('a.ndjson', '\uFEFF{"imageId":"1"}\r\n\n{"imageId":"2"}\n   \n{"imageId":"3"}');
    expect(await collect(readJsonFile(plain))).toEqual([
      { position: 0, line: 1, value: { imageId: '1' } },
      { position: 1, line: 3, value: { imageId: '2' } },
      { position: 2, line: 5, value: { imageId: '3' } },
    ]);
  });

  it('reads a pretty-printed array of images as its elements', async () => {
    const pretty = await file('c.json', JSON.stringify([{ imageId: '1' }, { imageId: '2' }], null, 2));
    const items = await collect(readJsonFile(pretty));
    expect(items.map((item) => ('value' in item ? item.value : item.problem))).toEqual([
      { imageId: '1' },
      { imageId: '2' },
    ]);
  });

  it('reads gzipped files by their magic bytes and reports bytes read', async () => {
    const gzipped = await file('b.ndjson.gz', gzipSync('{"imageId":"1"}\n{"imageId":"2"}\n'));
    let bytes = 0;
    const lines = await collect(readJsonFile(gzipped, (read) => (bytes = read)));
    expect(lines.map((line) => line.line)).toEqual([1, 2]);
    expect(bytes).toBeGreaterThan(0);
  });
});

describe('a Vision batch response with its id list', () => {
  it('pairs the n-th response with the n-th id, from a plain or a JSON id list', async () => {
    const batch = await file('batch.json', JSON.stringify({ responses: [{ a: 1 }, { b: 2 }] }));
    const plain = await readVisionBatch(batch, await file('ids.txt', 'img-2\n\nimg-1\n'));
    const json = await readVisionBatch(batch, await file('ids.json', '["img-2", "img-1"]'));
    for (const read of [plain, json]) {
      expect(read.ok && [...read.entries]).toEqual([
        ['img-2', { position: 0, response: { a: 1 } }],
        ['img-1', { position: 1, response: { b: 2 } }],
      ]);
    }
  });

  it('keeps the first response of an id listed twice and says so', async () => {
    const batch = await file('twice.json', JSON.stringify({ responses: [{ a: 1 }, { b: 2 }] }));
    const read = await readVisionBatch(batch, await file('twice.txt', 'img-1\nimg-1\n'));
    expect(read.ok && read.skipped).toEqual([
      { imageId: 'img-1', position: 1, reason: 'id listed twice; the response at #0 is used' },
    ]);
  });

  it('refuses the whole batch when it cannot pair responses and ids', async () => {
    const batch = await file('three.json', JSON.stringify({ responses: [{}, {}, {}] }));
    const ids = await file('two.txt', 'a\nb\n');
    expect(await readVisionBatch(batch, ids)).toEqual({
      ok: false,
      reason: `${batch} has 3 responses but ${ids} lists 2 ids; they are paired by position, so the counts must match`,
    });
    const notBatch = await readVisionBatch(await file('x.json', '{"labelAnnotations": []}'), ids);
    expect(!notBatch.ok && notBatch.reason).toContain('no "responses" array');
    const broken = await readVisionBatch(await file('y.json', '{"responses": ['), ids);
    expect(!broken.ok && broken.reason).toContain('cannot read the Vision batch response');
    const missing = await readVisionBatch(batch, path.join(dir, 'nope.txt'));
    expect(!missing.ok && missing.reason).toContain('no such file');
  });

  it('reads numbers in a JSON id list as ids', async () => {
    expect(await readIdList(await file('numbers.json', '[1, "b"]'))).toEqual(['1', 'b']);
  });
});
