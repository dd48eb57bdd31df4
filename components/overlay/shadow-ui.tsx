// The one way our UI enters Gmail's and LinkedIn's pages: a *closed* shadow root per overlay (a
// page script gets null from `host.shadowRoot`, so it can neither read a prospect's status, touches
// and notes, nor reach a button to click: events it dispatches on the host never enter the root,
// and only the rep's own, trusted clicks reach our buttons), CSS inlined (nothing fetched from the
// extension, so nothing web-accessible to probe), React rendered as text only, keystrokes stopped at
// the host so the site's shortcuts never see what is typed in our UI, and the React root unmounted
// when the UI is removed. Only a content script (ours, through chrome.dom.openOrClosedShadowRoot in
// tests) can see inside.
//
// Built by hand rather than with WXT's createShadowRootUi, which does the same for an inline UI but
// brings its auto-mount machinery (an element waiter, a multi-key map, a deep merge) into every
// Gmail and LinkedIn tab: about 2.5 KB gzipped of a budget measured in bytes
// (tests/bench/injected.bench.test.ts). The host, reset, style, container, event isolation and
// removal on invalidation below are what createShadowRootUi did for us.
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export interface ShadowUi {
  readonly anchor: Element;
  render(node: ReactNode): void;
  remove(): void;
  /** False once the page removed our host (the site re-rendered what it sat in). */
  isConnected(): boolean;
  /**
   * Floats our host over `target` (fixed, just above it) instead of leaving it in the flow: for
   * LinkedIn's 2026 bubble, which lives in LinkedIn's own shadow root, where ours must never go.
   */
  floatAbove(target: Element): void;
}

/** Where the host goes, relative to the anchor: its first or last child, or its sibling. */
export type ShadowUiPlacement = 'first' | 'last' | 'before' | 'after';

export interface ShadowUiOptions {
  /** The host element's tag name: a custom element name (two words, kebab-case). */
  name: string;
  anchor: Element;
  append: ShadowUiPlacement;
  css: string;
  /** Events stopped at the shadow root (true: keydown, keyup, keypress), so the page never sees them. */
  isolateEvents: boolean | string[];
}

/** Inherited page styles stop at our host; only our own CSS applies inside. */
const RESET_CSS = ':host{all:initial !important;}';
const KEY_EVENTS = ['keydown', 'keyup', 'keypress'];

function place(host: Element, anchor: Element, placement: ShadowUiPlacement): void {
  if (placement === 'first') anchor.prepend(host);
  else if (placement === 'last') anchor.append(host);
  else
    anchor.parentElement?.insertBefore(
      host,
      placement === 'before' ? anchor : anchor.nextElementSibling,
    );
}

export async function mountShadowUi(
  ctx: ContentScriptContext,
  options: ShadowUiOptions,
): Promise<ShadowUi> {
  const host = document.createElement(options.name);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `${RESET_CSS}\n${options.css}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  const isolated = options.isolateEvents === true ? KEY_EVENTS : options.isolateEvents || [];
  for (const type of isolated) shadow.addEventListener(type, (event) => event.stopPropagation());
  place(host, options.anchor, options.append);
  const root = createRoot(container);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    root.unmount();
    host.remove();
  };
  ctx.onInvalidated(remove);
  return {
    anchor: options.anchor,
    isConnected: () => host.isConnected,
    floatAbove(target) {
      const rect = target.getBoundingClientRect();
      const style = host.style;
      style.position = 'fixed';
      style.zIndex = '2147483000';
      style.left = `${Math.max(0, Math.round(rect.left))}px`;
      style.bottom = `${Math.max(0, Math.round(window.innerHeight - rect.top + 4))}px`;
      style.width = `${Math.max(200, Math.round(rect.width))}px`;
      style.display = rect.width > 0 && rect.height > 0 ? '' : 'none';
    },
    render(node) {
      if (!removed) root.render(node);
    },
    remove,
  };
}
