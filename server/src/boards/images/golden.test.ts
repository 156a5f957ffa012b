import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES } from './__fixtures__/cases.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const load = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));

describe.each(GOLDEN_CASES)('golden case $name', (golden) => {
  it('builds exactly the recorded request', () => {
    expect(golden.request).toEqual(load(`${golden.name}.request.json`));
  });

  it('shapes the recorded Elasticsearch response into the reviewed answer', () => {
    expect(golden.shape(load(`${golden.name}.response.json`) as never)).toEqual(
      load(`${golden.name}.expected.json`),
    );
  });
});
