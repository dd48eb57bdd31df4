// What a site's send and reply detection is given of the tab it runs in, so that it can be run in
// a test on a document it is handed: the window (listeners, the private channel), its document, a
// clock (time and timers, which die with the content script in the extension) and the AbortSignal
// that ends everything it started: listeners, timers, the channel. The entrypoints build it from
// WXT's content-script ctx (sitePageOf).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export interface PageClock {
  now(): number;
  setTimeout(work: () => void, ms: number): number;
  setInterval(work: () => void, ms: number): number;
}

export interface SitePage {
  window: Window & typeof globalThis;
  document: Document;
  clock: PageClock;
  /** Aborted when the content script goes (the extension updated or reloaded). */
  signal: AbortSignal;
}

/** The page's URL as the detection reads it (the window's location). */
export function pageUrlOf(page: SitePage): string {
  try {
    return page.window.location.href;
  } catch {
    return '';
  }
}

/** The tab a content script runs in, its timers and listeners tied to WXT's ctx. */
export function sitePageOf(ctx: ContentScriptContext, win: Window & typeof globalThis): SitePage {
  return {
    window: win,
    document: win.document,
    clock: {
      now: () => Date.now(),
      setTimeout: (work, ms) => ctx.setTimeout(work, ms),
      setInterval: (work, ms) => ctx.setInterval(work, ms),
    },
    signal: ctx.signal,
  };
}
