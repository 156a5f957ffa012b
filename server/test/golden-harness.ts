import { readFileSync } from 'node:fs';
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
