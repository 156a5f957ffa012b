// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { existsSync, readdirSync } from 'node:fs';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.lookout/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The web never imports server runtime code: only `import type` through @lookout/server/types.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '!@lookout/server/types'],
              message: 'Import server types via `import type` from @lookout/server/types.',
            },
          ],
          paths: [{ name: '@lookout/server/types', allowTypeImports: true, message: 'Use `import type`.' }],
        },
      ],
    },
  },
  // One-way imports on the server: core ← es ← boards ← app (← cli, main). A layer imports only
  // the layers before it; boards are checked below together with the cross-board rule.
  ...[
    { layer: 'core', later: ['es', 'boards', 'app', 'cli'] },
    { layer: 'es', later: ['boards', 'app', 'cli'] },
  ].map(({ layer, later }) => ({
    files: [`server/src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: later.map((other) => ({
            regex: `^(\\.\\./)+${other}/`,
            message: `server/src/${layer} never imports ${other}/ (one-way: core ← es ← boards ← app).`,
          })),
        },
      ],
    },
  })),
  // Boards never import each other: for each board, any import path through another board's
  // folder is an error. Shared code lives in lib/ and components/ (web) or core/ and es/ (server).
  ...['server/src/boards', 'web/src/boards'].flatMap((root) => {
    const names = existsSync(root)
      ? readdirSync(root, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => d.name)
      : [];
    return names.map((board) => ({
      files: [`${root}/${board}/**/*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ...names
                .filter((other) => other !== board)
                .map((other) => ({
                  regex: `(^|/)${other}/`,
                  message: `Boards never import each other (${board} → ${other}).`,
                })),
              ...(root === 'server/src/boards'
                ? [
                    {
                      regex: '^(\\.\\./)+(app|cli)/',
                      message: 'Server boards never import app/ or cli/ (one-way: core ← es ← boards ← app).',
                    },
                  ]
                : []),
            ],
            paths: [{ name: '@lookout/server/types', allowTypeImports: true, message: 'Use `import type`.' }],
          },
        ],
      },
    }));
  }),
);
