import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../core/config.ts';
import { generatedLists, generatedPart } from './board-list.ts';
import { tableCells } from './config-table.ts';

const { readme, types } = generatedLists();
const stored = (list: typeof readme) =>
  generatedPart(readFileSync(path.join(repoRoot, list.file), 'utf8'), list.start, list.end);

describe('the generated lists of boards (run scripts/board-list.ts --write when this fails)', () => {
  it("the README's table names every board of app/boards.ts, in order, linked to its docs", () => {
    expect(tableCells(stored(readme))).toEqual(tableCells(readme.body));
  });

  it('the types-only export has one namespace per board with a schema module', () => {
    expect(stored(types)).toBe(types.body);
  });
});
