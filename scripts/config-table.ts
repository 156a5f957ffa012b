// Prints the README's configuration table generated from the variables' schemas; with --write,
// replaces the table between the README's markers (formatted by Prettier, as `npm test` checks).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { configTable, TABLE_END, TABLE_START } from '../server/src/app/config-table.ts';

const readmePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');

if (process.argv.includes('--write')) {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no configuration table markers');
  const next = `${readme.slice(0, start + TABLE_START.length)}\n\n${configTable()}\n\n${readme.slice(end)}`;
  const options = (await prettier.resolveConfig(readmePath)) ?? {};
  writeFileSync(readmePath, await prettier.format(next, { ...options, filepath: readmePath }));
  process.stdout.write('README.md: configuration table written\n');
} else {
  process.stdout.write(`${configTable()}\n`);
}
