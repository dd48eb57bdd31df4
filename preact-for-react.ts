import type { Alias } from 'vite';

// Content scripts ride in every Gmail and LinkedIn tab, so their overlays render with Preact's
// React-compatible layer (a few KB) instead of react-dom (~200 KB). wxt.config.ts builds the
// content scripts with these aliases and vitest.config.ts tests the overlays with the same ones, so
// what is tested is what ships. Exact names only: the side panel and options keep React.
export const PREACT_FOR_REACT: Alias[] = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
];
