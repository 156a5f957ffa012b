// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { existsSync, readdirSync } from 'node:fs';

// The web never imports server runtime code: only `import type` through @lookout/server/types.
// (A later block's no-restricted-imports replaces an earlier one's, so web blocks repeat these.)
const WEB_NO_SERVER_CODE = {
  group: ['**/server/**', '!@lookout/server/types'],
  message: 'Import server types via `import type` from @lookout/server/types.',
};
const SERVER_TYPES_ONLY = {
  name: '@lookout/server/types',
  allowTypeImports: true,
  message: 'Use `import type`.',
};

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
      'no-restricted-imports': ['error', { patterns: [WEB_NO_SERVER_CODE], paths: [SERVER_TYPES_ONLY] }],
    },
  },
  // One-way imports on the web: lib/ and components/ ← boards/ ← app/. Shared code never reaches
  // up into a board or the app (boards are checked below together with the cross-board rule).
  {
    files: ['web/src/{lib,components}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            WEB_NO_SERVER_CODE,
            {
              regex: '^(\\.\\./)+(boards|app)/',
              message: 'web lib/ and components/ never import boards/ or app/ (one-way: lib ← boards ← app).',
            },
          ],
          paths: [SERVER_TYPES_ONLY],
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
    // A test may check a layer against real board code (templates against a board's mapping).
    ignores: ['**/*.test.ts'],
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
                : [
                    WEB_NO_SERVER_CODE,
                    {
                      regex: '^(\\.\\./)+app/',
                      message: 'Web boards never import app/ (one-way: lib ← boards ← app).',
                    },
                  ]),
            ],
            paths: [SERVER_TYPES_ONLY],
          },
        ],
      },
    }));
  }),
);
