// The content scripts' `browser`: the browser's own promise-based extension API. Chrome (MV3,
// 114+ for the side panel) and Firefox both return promises from every call the content scripts
// make (runtime.sendMessage and connect, storage.local), so webextension-polyfill's callback
// wrappers and its API table (about 2.5 KB gzipped in every Gmail and LinkedIn tab) do nothing
// there. wxt.config.ts aliases `webextension-polyfill` to this for content scripts only; the
// background and the extension pages keep the polyfill.
type Api = typeof import('wxt/browser').browser;

const scope = globalThis as unknown as { browser?: Api; chrome?: Api };

const api = (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as Api;

export default api;
