import { configDefaults, defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { PREACT_FOR_REACT } from './wxt.config';

// The content scripts' overlays: built with react aliased to preact/compat (wxt.config.ts), so
// tested that way too.
const OVERLAYS = [
  'components/overlay/**/*.test.tsx',
  'components/gmail/**/*.test.tsx',
  'components/linkedin/**/*.test.tsx',
  'entrypoints/gmail.content/**/*.test.tsx',
  'entrypoints/linkedin.content/**/*.test.tsx',
];

// Testing Library under the same aliases: its ES build (its CommonJS one would require the real
// react-dom natively), bundled so its imports meet the aliases, and `act` from Preact's test utils.
const TESTING_LIBRARY_UNDER_PREACT = [
  {
    find: /^@testing-library\/react$/,
    replacement: '@testing-library/react/dist/@testing-library/react.esm.js',
  },
  { find: /^react-dom\/test-utils$/, replacement: 'preact/compat/test-utils' },
];

// Four projects: pure logic in Node, React and DOM readers in happy-dom, the content scripts'
// overlays in happy-dom under Preact, and the built extension in real Chromium (tests/e2e, run
// after `wxt build`).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    globals: true,
    // Users of webextension-polyfill must be bundled so WXT's fake browser replaces it.
    server: { deps: { inline: ['@webext-core/messaging', 'webextension-polyfill'] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['lib/**/*.test.ts', 'entrypoints/**/*.test.ts'],
          exclude: ['lib/**/*.dom.test.ts'],
          setupFiles: ['tests/setup/unit.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          environment: 'happy-dom',
          include: [
            'components/**/*.test.tsx',
            'entrypoints/**/*.test.tsx',
            'lib/**/*.dom.test.ts',
          ],
          exclude: [...configDefaults.exclude, ...OVERLAYS],
          setupFiles: ['tests/setup/unit.ts', 'tests/setup/component.ts'],
        },
      },
      {
        extends: true,
        resolve: { alias: [...PREACT_FOR_REACT, ...TESTING_LIBRARY_UNDER_PREACT] },
        test: {
          name: 'overlay',
          environment: 'happy-dom',
          include: OVERLAYS,
          setupFiles: ['tests/setup/unit.ts', 'tests/setup/component.ts'],
          server: { deps: { inline: ['@testing-library/react'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
