import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const browserOnly = ['window', 'document', 'navigator', 'indexedDB', 'chrome', 'browser', 'self', 'location'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-firefox/**',
      'dist-test/**',
      'public/vendor/**',
      'node_modules/**',
      '.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['warn', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    // The pure core: no DOM, no extension APIs, no storage. Enforced here and by tsconfig.core.json.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...browserOnly],
      'no-restricted-imports': [
        'error',
        { patterns: ['webextension-polyfill', 'idb', 'preact*', '@mediapipe/*', '**/extension/**'] },
      ],
    },
  },
  {
    // Node tooling; the bench and e2e also pass functions to page.evaluate, which run in the browser.
    files: ['scripts/**/*.mjs', 'test/**/*.ts', 'test/harness/**/*.mjs', '*.config.*'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, chrome: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/demo/**/*.js', 'test/fixtures/pages/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },
);
