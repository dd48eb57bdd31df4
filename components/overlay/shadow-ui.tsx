// The one way our UI enters Gmail's and LinkedIn's pages: a *closed* shadow root per overlay (a
// page script gets null from `host.shadowRoot`, so it can neither read a prospect's status, touches
// and notes, nor reach a button to click: events it dispatches on the host never enter the root,
// and only the rep's own, trusted clicks reach our buttons), CSS inlined (nothing fetched from the
// extension, so nothing web-accessible to probe), React rendered as text only, keystrokes stopped at
// the host so the site's shortcuts never see what is typed in our UI, and the React root unmounted
// when the UI is removed. Only a content script (ours, through chrome.dom.openOrClosedShadowRoot in
// tests) can see inside.
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptAppendMode } from 'wxt/utils/content-script-ui/types';

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

export interface ShadowUiOptions {
  /** The host element's tag name. */
  name: string;
  anchor: Element;
  append: ContentScriptAppendMode;
  css: string;
  /** Events stopped at the host (true: all of WXT's list), so the page never sees them. */
  isolateEvents: boolean | string[];
}

export async function mountShadowUi(
  ctx: ContentScriptContext,
  options: ShadowUiOptions,
): Promise<ShadowUi> {
  const ui = await createShadowRootUi<Root>(ctx, {
    name: options.name,
    position: 'inline',
    anchor: options.anchor,
    append: options.append,
    mode: 'closed',
    css: options.css,
    isolateEvents: options.isolateEvents,
    onMount(container) {
      return createRoot(container);
    },
    onRemove(root) {
      root?.unmount();
    },
  });
  ui.mount();
  let removed = false;
  return {
    anchor: options.anchor,
    isConnected: () => ui.shadowHost.isConnected,
    floatAbove(target) {
      const rect = target.getBoundingClientRect();
      const style = ui.shadowHost.style;
      style.position = 'fixed';
      style.zIndex = '2147483000';
      style.left = `${Math.max(0, Math.round(rect.left))}px`;
      style.bottom = `${Math.max(0, Math.round(window.innerHeight - rect.top + 4))}px`;
      style.width = `${Math.max(200, Math.round(rect.width))}px`;
      style.display = rect.width > 0 && rect.height > 0 ? '' : 'none';
    },
    render(node) {
      if (!removed) ui.mounted?.render(node);
    },
    remove() {
      if (removed) return;
      removed = true;
      ui.remove();
    },
  };
}
