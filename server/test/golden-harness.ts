import type { estypes } from '@elastic/elasticsearch';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isSearchEndpoint, type Board, type SearchResponse } from '../src/core/board.ts';
import { readConfig } from '../src/core/config.ts';

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

/** Where a board keeps its golden fixtures: `server/src/boards/<board>/__fixtures__`. */
export function fixturesDirOf(board: Pick<Board, 'name'>): string {
  return path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../src/boards',
    board.name,
    '__fixtures__',
  );
}

/**
 * A golden case of an endpoint of the table, as one file `<case>.case.json`: the endpoint's url,
 * the request as validated (`query`, `params`), the request's `now` and the variables (`env`)
 * the board's configuration is read from.
 */
interface EndpointCaseFile {
  endpoint: string;
  query?: Record<string, unknown>;
  params?: Record<string, unknown>;
  now: string;
  env?: Record<string, string>;
}

export interface EndpointGoldenCase extends GoldenCase {
  request: estypes.SearchRequest;
  shape(response: SearchResponse): unknown;
}

/**
 * The golden cases a board's endpoint table declares through its `*.case.json` files: each is
 * built by the endpoint's own `build` and shaped by its own `shape`, so a new endpoint's golden
 * case is a fixture file, not a test.
 */
export function endpointGoldenCases(board: Board, fixturesDir = fixturesDirOf(board)): EndpointGoldenCase[] {
  let files: string[];
  try {
    files = readdirSync(fixturesDir)
      .filter((file) => file.endsWith('.case.json'))
      .sort();
  } catch {
    return [];
  }
  return files.map((file) => {
    const name = file.slice(0, -'.case.json'.length);
    const declared = JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8')) as EndpointCaseFile;
    const endpoint = board.endpoints?.find((candidate) => candidate.url === declared.endpoint);
    if (!endpoint || !isSearchEndpoint(endpoint)) {
      throw new Error(`${board.name}/${file}: no build/shape endpoint ${declared.endpoint} in the table`);
    }
    const config = readConfig({ ES_URL: 'http://127.0.0.1:9200', ...declared.env }, [board]);
    const built = endpoint.build(
      { query: declared.query ?? {}, params: declared.params ?? {} },
      { config, now: new Date(declared.now) },
    );
    return {
      name,
      request: built.search,
      shape: (response: SearchResponse) => endpoint.shape(response, built),
    };
  });
}
