import { describe, expect, it } from 'vitest';
import {
  createJsonReader,
  HTTP_INGEST_LIMITS,
  JsonLimitError,
  NOT_JSON,
  readJsonItems,
} from './json-values.ts';

const read = (text: string | string[], limits = HTTP_INGEST_LIMITS) =>
  readJsonItems(typeof text === 'string' ? [text] : text, limits);
const values = async (text: string | string[]) =>
  (await read(text)).map((item) => ('value' in item ? item.value : item.problem));

describe('reading ingest bodies and files', () => {
  it('reads one pretty-printed document as one event', async () => {
    expect(await values(JSON.stringify({ a: 1, b: { c: [1, 2] } }, null, 2))).toEqual([
      { a: 1, b: { c: [1, 2] } },
    ]);
  });

  it('reads the elements of a JSON array, pretty-printed or not', async () => {
    expect(await values(JSON.stringify([{ a: 1 }, { a: 2 }], null, 2))).toEqual([{ a: 1 }, { a: 2 }]);
    expect(await values('[{"a":1},{"a":2},{"a":3}]')).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  it('reads NDJSON, and a broken line costs only itself', async () => {
    expect(await values('{"a":1}\n{"a":\n{"a":3}\n')).toEqual([{ a: 1 }, 'line is not JSON', { a: 3 }]);
  });

  it('reads events split across chunks anywhere, strings with brackets and escapes included', async () => {
    const text = '[{"s":"a]\\"}{"},{"n":-1.5e3}, 7 ,"x"]';
    const chunks = [...text].map((char) => char);
    expect(await values(chunks)).toEqual([{ s: 'a]"}{' }, { n: -1500 }, 7, 'x']);
  });

  it('numbers each event with the line it starts on', async () => {
    const items = await read('{"a":1}\n\n{"a":2}\n');
    expect(items.map((item) => item.line)).toEqual([1, 3]);
  });

  it('gives one rejection for input that is no JSON at all', async () => {
    expect(await read('hello\nworld\nthis is a log file\n')).toEqual([{ position: 0, problem: NOT_JSON }]);
    expect(await read('{"a": 1')).toEqual([{ position: 0, problem: NOT_JSON }]);
  });

  it('rejects an event nested too deep by position and keeps the others', async () => {
    const deep = `{"x":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
    expect(await values(`[{"a":1},${deep},{"a":2}]`)).toEqual([
      { a: 1 },
      'nested deeper than 32 levels (the limit per event)',
      { a: 2 },
    ]);
  });

  it('rejects an event with a too-long string, and one too large, alone', async () => {
    const long = 'x'.repeat(40_000);
    expect(await values(`{"a":"${long}"}\n{"a":1}`)).toEqual([
      'holds a string longer than 32768 characters (the limit per string)',
      { a: 1 },
    ]);
    const large = JSON.stringify({ a: Array(30_000).fill('0123456789') });
    expect((await values(`[${large},{"a":1}]`))[0]).toBe(
      'larger than 262144 characters (the limit per event)',
    );
  });

  it('refuses more events than the limit at the first one over it, without reading the rest', () => {
    const reader = createJsonReader({ ...HTTP_INGEST_LIMITS, maxValues: 3 });
    expect(() => reader.push('[{},{},{},{}' + ',{}'.repeat(1_000_000))).toThrow(JsonLimitError);
  });
});
