import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    // Hand-made stand-ins for the sites' own page scripts are fixtures, like the HTML beside them.
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      '.bench/**',
      '.e2e/**',
      'tests/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Page data must render as text: no HTML from strings anywhere.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render page data as text (Trusted Types, XSS).' },
        { property: 'outerHTML', message: 'Render page data as text (Trusted Types, XSS).' },
        {
          property: 'insertAdjacentHTML',
          message: 'Render page data as text (Trusted Types, XSS).',
        },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/**/*.test.ts'],
    rules: {
      // lib/ is pure: no browser globals at import time; DOM readers take the nodes they read.
      'no-restricted-globals': ['error', 'browser', 'chrome'],
    },
  },
  {
    // Plain Node scripts that run before the dependencies exist.
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
