import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Three projects: pure logic in Node, React and DOM readers in happy-dom, and the built
// extension in real Chromium (tests/e2e, run after `wxt build`).
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
          setupFiles: ['tests/setup/unit.ts', 'tests/setup/component.ts'],
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
