// Rewrites the two generated lists of boards — the README's table (formatted by Prettier, as
// `npm test` checks) and the namespaces of server/src/types.ts — from server/src/app/boards.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import {
  README_END,
  README_START,
  readmeBoardTable,
  TYPES_END,
  TYPES_START,
  typesBoardLines,
  withGenerated,
} from '../server/src/app/board-list.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function rewrite(file: string, start: string, end: string, body: string): Promise<void> {
  const full = path.join(root, file);
  const next = withGenerated(readFileSync(full, 'utf8'), start, end, body);
  const options = (await prettier.resolveConfig(full)) ?? {};
  writeFileSync(full, await prettier.format(next, { ...options, filepath: full }));
  process.stdout.write(`${file}: list of boards written\n`);
}

if (process.argv.includes('--write')) {
  await rewrite('README.md', README_START, README_END, `\n${readmeBoardTable()}\n`);
  await rewrite('server/src/types.ts', TYPES_START, TYPES_END, typesBoardLines());
} else {
  process.stdout.write(`${readmeBoardTable()}\n\n${typesBoardLines()}\n`);
}
