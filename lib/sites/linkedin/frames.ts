// LinkedIn's 2026 UI runs part of itself in a hidden same-origin frame
// (iframe[data-testid=interop-iframe][src="/preload/"]) that renders the message overlay and the
// invitation modal into #interop-outlet's shadow root, and that frame's own fetch and
// XMLHttpRequest may send the message or the invitation. Content scripts are not injected into it
// (only the top frame matches), and a second observer there would need a second channel, so the
// top's page-world observer wraps each same-origin frame's realm itself: when a frame loads (a
// navigation brings a new realm; `load` is seen in the capture phase on the top document), and
// when the page reaches a frame's window through `contentWindow` / `contentDocument`. Each realm
// is wrapped once (the caller's `hook` keeps track); cross-origin frames are skipped by the
// browser's own access check. Nothing is added to the page that it could find by name.

type PageWindow = Window & typeof globalThis;

/** Calls `hook` with the window of every same-origin frame of `win`, now and later. Never throws. */
export function watchSameOriginFrames(
  win: PageWindow,
  hook: (frameWindow: PageWindow) => void,
): void {
  const hookWindow = (target: unknown) => {
    try {
      if (target && target !== win) hook(target as PageWindow);
    } catch {
      // A cross-origin frame, or one gone already.
    }
  };
  const hookFrame = (frame: unknown) => {
    try {
      hookWindow((frame as HTMLIFrameElement).contentWindow);
    } catch {
      // Never into the page.
    }
  };

  for (const ctor of [win.HTMLIFrameElement, win.HTMLFrameElement]) {
    const proto = ctor?.prototype;
    if (!proto) continue;
    for (const name of ['contentWindow', 'contentDocument'] as const) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      const get = descriptor?.get;
      if (!descriptor || !get || !descriptor.configurable) continue;
      try {
        // A Proxy of the native getter: its name, length and toString stay the browser's own.
        const wrapped = new Proxy(get, {
          apply(target, self: unknown, args: unknown[]) {
            const value = Reflect.apply(target, self, args) as unknown;
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
        Object.defineProperty(proto, name, { ...descriptor, get: wrapped });
      } catch {
        // A locked prototype stays as it is; the load listener still sees frames.
      }
    }
  }

  try {
    // `load` does not bubble but is captured: frames that load after we start, and their new realms.
    win.document?.addEventListener(
      'load',
      (event) => {
        const target = event.target as { nodeName?: unknown } | null;
        const name = target?.nodeName;
        if (name === 'IFRAME' || name === 'FRAME') hookFrame(target);
      },
      true,
    );
  } catch {
    // Never into the page.
  }
  // Frames already in the document (the script normally runs before any exists).
  try {
    for (const frame of Array.from(win.document?.querySelectorAll('iframe, frame') ?? [])) {
      hookFrame(frame);
    }
  } catch {
    // Never into the page.
  }
}
