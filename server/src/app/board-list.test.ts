import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../core/config.ts';
import {
  generatedPart,
  README_END,
  README_START,
  readmeBoardTable,
  TYPES_END,
  TYPES_START,
  typesBoardLines,
} from './board-list.ts';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const cellsOf = (table: string) =>
  table
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );

describe('the generated lists of boards (run scripts/board-list.ts --write when this fails)', () => {
  it("the README's table names every board of app/boards.ts, in order, linked to its docs", () => {
    const readme = generatedPart(read('README.md'), README_START, README_END);
    expect(cellsOf(readme)).toEqual(cellsOf(readmeBoardTable()));
  });

  it('the types-only export has one namespace per board with a schema module', () => {
    expect(generatedPart(read('server/src/types.ts'), TYPES_START, TYPES_END)).toBe(typesBoardLines());
  });
});
