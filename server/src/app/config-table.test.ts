import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../core/config.ts';
import { configRows, readmeRows } from './config-table.ts';

describe("the README's configuration table", () => {
  it('lists every variable the schemas declare, with their defaults and meanings (run scripts/config-table.ts --write when this fails)', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const escaped = configRows().map((cells) => cells.map((cell) => cell.replaceAll('|', '\\|')));
    expect(readmeRows(readme)).toEqual(escaped);
  });
});
