// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.lookout/**', 'e2e/test-results/**', 'e2e/playwright-report/**'] },
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
            { group: ['**/server/**'], message: 'Import server types via `import type` from @lookout/server/types.' },
          ],
          paths: [{ name: '@lookout/server/types', allowTypeImports: true, message: 'Use `import type`.' }],
        },
      ],
    },
  },
  {
    // Boards never import each other; shared code lives in lib/ and components/.
    files: ['web/src/boards/*/**/*.{ts,tsx}', 'server/src/boards/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['../../boards/*', '../*/*'], message: 'Boards never import each other.' }],
          paths: [{ name: '@lookout/server/types', allowTypeImports: true, message: 'Use `import type`.' }],
        },
      ],
    },
  },
);
