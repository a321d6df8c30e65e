import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'node_modules', 'test-results', 'playwright-report', 'src/core/providers/aws/catalogue/generated', 'src/core/providers/aws/managed-policies/generated'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Export data is untrusted: never inject HTML.' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The core is shared by the worker and the CLI: no DOM, React, Cytoscape or Node imports.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/core/test-support/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-*', 'cytoscape', 'cytoscape-*', 'zustand', '@tanstack/*', 'node:*', 'fs', 'path', '../ui/*', '../../ui/*', '../worker/*', '../cli/*'] }],
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'localStorage', 'fetch', 'XMLHttpRequest', { name: 'performance', message: 'The core reads no clock: take a Timer from the host (model/timer.ts).' }],
      // Results must not depend on when they are computed: every judgement of age uses the
      // workspace's analysis date (model/as-of.ts), never the clock.
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'The core reads no clock: use the analysis date (asOf) or a Timer from the host.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The core reads no clock: new Date() without a time is "now"; use the analysis date (asOf).' },
        { selector: "CallExpression[callee.name='Date']", message: 'The core reads no clock: Date() is "now" as text; use the analysis date (asOf).' },
      ],
    },
  },
);
