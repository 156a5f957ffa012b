import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The tests of `npm test`'s own scripts (scripts/*.test.ts); no engine, no browser.
export default defineConfig({
  test: {
    root: path.dirname(fileURLToPath(import.meta.url)),
    include: ['*.test.ts'],
  },
});
