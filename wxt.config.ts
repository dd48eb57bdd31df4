import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import type { Alias, AliasOptions, Plugin } from 'vite';
import { defineConfig } from 'wxt';

// Content scripts ride in every Gmail and LinkedIn tab, so their overlays render with Preact's
// React-compatible layer (a few KB) instead of react-dom (~200 KB). The build below gives the
// content scripts these aliases and vitest.config.ts tests the overlays with the same ones, so
// what is tested is what ships. Exact names only: the side panel and options keep React.
export const PREACT_FOR_REACT: Alias[] = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
];

// The content scripts take the browser's own promise-based API (build/native-browser.ts) instead of
// webextension-polyfill, which only wraps it there.
const NATIVE_BROWSER: Alias[] = [
  {
    find: /^webextension-polyfill$/,
    replacement: fileURLToPath(new URL('./build/native-browser.ts', import.meta.url)),
  },
];

const UNUSED_WHEN_UNREFERENCED = [
  { test: /[\\/]node_modules[\\/]@wxt-dev[\\/]storage[\\/]/, sideEffects: false },
];

// What is injected into Gmail is weighed against the lightest peer in gzipped bytes
// (tests/bench/injected.bench.test.ts). After the default minifier (which also drops the unused
// code it proves pure), terser with two passes takes about 1 KB gzipped more off the Gmail
// injection. Names of variables only: no property mangling, our properties meet the page's and
// the browser's.
function terserAfterMinify(): Plugin {
  return {
    name: 'fifth-touch:terser-content-scripts',
    apply: 'build',
    async generateBundle(outputOptions, bundle) {
      if (outputOptions.sourcemap) return;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const minified = await minify(chunk.code, { compress: { passes: 2 }, mangle: true });
        if (minified.code === undefined)
          throw new Error(`terser returned nothing for ${chunk.fileName}`);
        chunk.code = minified.code;
      }
    },
  };
}

function withAliases(existing: AliasOptions | undefined, added: Alias[]): Alias[] {
  const current = Array.isArray(existing)
    ? (existing as Alias[])
    : Object.entries(existing ?? {}).map(([find, replacement]) => ({ find, replacement }));
  // First match wins, so ours go before any broader alias.
  return [...added, ...current];
}

// The manifest is generated from this file and the entrypoints; nothing is hand-written.
export default defineConfig({
  // Firefox too gets Manifest V3: page-world content scripts (world: 'MAIN') need Firefox 128+ MV3.
  manifestVersion: 3,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  hooks: {
    'vite:build:extendConfig'(entrypoints, viteConfig) {
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) return;
      viteConfig.resolve ??= {};
      viteConfig.resolve.alias = withAliases(viteConfig.resolve.alias, [
        ...PREACT_FOR_REACT,
        ...NATIVE_BROWSER,
      ]);
      viteConfig.build ??= {};
      const bundler = (viteConfig.build.rolldownOptions ??= {});
      // Nothing injected uses @wxt-dev/storage; its bare top-level `createStorage()` alone kept it in.
      bundler.treeshake = { moduleSideEffects: UNUSED_WHEN_UNREFERENCED };
      viteConfig.plugins = [...(viteConfig.plugins ?? []), terserAfterMinify()];
      // That terser pass is knowingly most of a content script's build time (a few seconds).
      bundler.checks = { ...bundler.checks, bundlerTimings: false };
    },
  },
  manifest: ({ browser }) => ({
    name: 'Fifth Touch',
    description:
      'Remembers every follow-up you send in Gmail and LinkedIn and nudges you at the right moment with something worth saying.',
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'notifications',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // Content scripts declare their own matches; these are the only hosts the extension ever touches.
    host_permissions: ['https://mail.google.com/*', 'https://www.linkedin.com/*'],
    action: { default_title: 'Fifth Touch' },
    // The shortcut opens the side panel: a named command in Chrome (the background opens the
    // panel), Firefox's built-in one for its sidebar.
    commands:
      browser === 'firefox'
        ? {
            _execute_sidebar_action: {
              suggested_key: { default: 'Alt+Shift+F' },
              description: 'Open the Fifth Touch sidebar',
            },
          }
        : {
            'open-side-panel': {
              suggested_key: { default: 'Alt+Shift+F' },
              description: 'Open the Fifth Touch side panel',
            },
          },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'",
    },
    browser_specific_settings:
      browser === 'firefox'
        ? {
            gecko: {
              id: 'fifth-touch@fifth-touch.app',
              strict_min_version: '128.0',
              // Nothing is collected or sent anywhere (see SECURITY.md).
              data_collection_permissions: { required: ['none'] },
            },
          }
        : undefined,
  }),
});
