// Rewrites the two generated lists of boards — the README's table (formatted by Prettier, as
// `npm test` checks) and the namespaces of server/src/types.ts — from server/src/app/boards.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { generatedLists, withGenerated } from '../server/src/app/board-list.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lists = Object.values(generatedLists());

if (process.argv.includes('--write')) {
  for (const { file, start, end, body } of lists) {
    const full = path.join(root, file);
    // A blank line around the README's table keeps it a Markdown table under its marker.
    const between = file.endsWith('.md') ? `\n${body}\n` : body;
    const next = withGenerated(readFileSync(full, 'utf8'), start, end, between);
    const options = (await prettier.resolveConfig(full)) ?? {};
    writeFileSync(full, await prettier.format(next, { ...options, filepath: full }));
    process.stdout.write(`${file}: list of boards written\n`);
  }
} else {
  for (const { body } of lists) process.stdout.write(`${body}\n\n`);
}
