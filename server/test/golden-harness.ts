import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

export interface GoldenCase {
  name: string;
  request: unknown;
  shape(response: never): unknown;
}

/**
 * The golden-fixture check every board runs as a unit test: `<case>.request.json` is what the
 * builder must produce, and `<case>.response.json` (recorded from the real engine) must shape into
 * the reviewed `<case>.expected.json`.
 */
export function describeGoldenCases(fixturesDir: string, cases: GoldenCase[]): void {
  const load = (file: string): unknown => JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8'));
  describe.each(cases)('golden case $name', (golden) => {
    it('builds exactly the recorded request', () => {
      expect(golden.request).toEqual(load(`${golden.name}.request.json`));
    });

    it('shapes the recorded Elasticsearch response into the reviewed answer', () => {
      expect(golden.shape(load(`${golden.name}.response.json`) as never)).toEqual(
        load(`${golden.name}.expected.json`),
      );
    });
  });
}

/**
 * The live half of a golden case, run by each board's API integration test against the real
 * engine: the live response must shape into the reviewed `<case>.expected.json`. With
 * `RECORD_FIXTURES=1` it first writes the request, the response (test index names replaced by
 * the golden ones in `renames`, `took` zeroed) and the expected answer, for review in the diff.
 */
export async function checkLiveGolden(
  fixturesDir: string,
  golden: { name: string; request: unknown; shape(response: never): unknown },
  response: { took?: number },
  renames: Record<string, string> = {},
): Promise<void> {
  const file = (suffix: string) => path.join(fixturesDir, `${golden.name}.${suffix}.json`);
  if (process.env.RECORD_FIXTURES) {
    const write = (suffix: string, value: unknown) =>
      writeFile(file(suffix), `${JSON.stringify(value, null, 2)}\n`);
    await write('request', golden.request);
    let recorded = JSON.stringify({ ...response, took: 0 });
    for (const [from, to] of Object.entries(renames)) recorded = recorded.replaceAll(from, to);
    await write('response', JSON.parse(recorded));
    await write('expected', golden.shape(response as never));
  }
  const reviewed: unknown = JSON.parse(await readFile(file('expected'), 'utf8'));
  expect(JSON.parse(JSON.stringify(golden.shape(response as never)))).toEqual(reviewed);
}
