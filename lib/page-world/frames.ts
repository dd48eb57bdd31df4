// Both sites run part of their client in same-origin frames whose own fetch and XMLHttpRequest
// may carry a send: Gmail's hidden frames (the classic `js_frame`), LinkedIn's 2026 `/preload/`
// frame (iframe[data-testid=interop-iframe]), which renders the message bubble and the invitation
// modal and may send them. Content scripts are not injected there (only the top frame matches, and
// a second observer would need a second channel and could report a request twice), so the top's
// page-world observer wraps each same-origin frame's realm itself: when a frame loads (a navigation
// brings a new realm; `load` is seen in the capture phase on the top document) and when the page
// reaches a frame's window through `contentWindow` / `contentDocument`. Each realm is wrapped once
// (the caller's `hook` keeps track); cross-origin frames are skipped by the browser's own access
// check. A frame's requests are read with the top's captured originals (lib/page-world/originals.ts),
// never the frame's own, which the page may have prepared before we reach it.
//
// Nothing is added to the page that it could find by name: the getters are Proxies of the native
// ones, so their name, length and toString stay the browser's own.
import type { PageOriginals } from './originals';

type PageWindow = Window & typeof globalThis;
type Getter = (this: unknown) => unknown;

/** Calls `hook` with the window of every same-origin frame of `win`, now and later. Never throws. */
export function watchSameOriginFrames(
  win: PageWindow,
  originals: PageOriginals,
  hook: (frameWindow: PageWindow) => void,
): void {
  // Captured now, at document_start: a page script cannot later route us through its own.
  const getOwn = Object.getOwnPropertyDescriptor;
  const define = Object.defineProperty;
  const ProxyClass = Proxy;
  const windowGetters: Getter[] = [];

  const hookWindow = (target: unknown) => {
    try {
      if (target && target !== win) hook(target as PageWindow);
    } catch {
      // A cross-origin frame, or one gone already.
    }
  };
  /** A frame element's window through the browser's own getter, not one the page put in its place. */
  const hookFrame = (frame: unknown) => {
    for (let index = 0; index < windowGetters.length; index++) {
      try {
        const value = originals.call<unknown>(windowGetters[index]!, frame, []);
        if (value) {
          hookWindow(value);
          return;
        }
      } catch {
        // Not this getter's kind of element (an <iframe> getter on a <frame>): the next one.
      }
    }
  };

  for (const ctor of [win.HTMLIFrameElement, win.HTMLFrameElement]) {
    const proto = ctor?.prototype;
    if (!proto) continue;
    for (const name of ['contentWindow', 'contentDocument'] as const) {
      let descriptor: PropertyDescriptor | undefined;
      try {
        descriptor = getOwn(proto, name);
      } catch {
        continue;
      }
      const get = descriptor?.get as Getter | undefined;
      if (!descriptor || !get) continue;
      if (name === 'contentWindow') windowGetters.push(get);
      if (!descriptor.configurable) continue;
      try {
        const wrapped = new ProxyClass(get, {
          apply(target, self: unknown, args: unknown[]) {
            const value = originals.call<unknown>(target, self, args);
            if (value) {
              try {
                hookWindow(name === 'contentWindow' ? value : (value as Document).defaultView);
              } catch {
                // Never into the page.
              }
            }
            return value;
          },
        });
        define(proto, name, { ...descriptor, get: wrapped });
      } catch {
        // A locked prototype stays as it is; the load listener still sees frames.
      }
    }
  }

  try {
    // `load` does not bubble and never reaches the window, but is captured on the document:
    // frames that load after we start, and their new realms. Ours is the document's first
    // capture listener (added at document_start), so no page listener can stop it first.
    if (win.document) {
      originals.listen(
        win.document,
        'load',
        (event) => {
          const target = event.target as { nodeName?: unknown } | null;
          const name = target?.nodeName;
          if (name === 'IFRAME' || name === 'FRAME') hookFrame(target);
        },
        { capture: true },
      );
    }
  } catch {
    // Never into the page.
  }
  // Frames already in the document (the script normally runs before any exists).
  try {
    const frames = win.document?.querySelectorAll('iframe, frame');
    for (let index = 0; frames && index < frames.length; index++) hookFrame(frames[index]);
  } catch {
    // Never into the page.
  }
}
