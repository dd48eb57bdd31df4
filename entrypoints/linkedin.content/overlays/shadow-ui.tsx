// One overlay's shadow-root UI: a closed shadow root (page scripts cannot read the prospect data in
// it), CSS inlined (nothing fetched from the extension), React rendered as text only, unmounted on
// removal. Anchored beside LinkedIn's elements; no attribute is ever set on theirs.
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import {
  createShadowRootUi,
  type ShadowRootContentScriptUi,
} from 'wxt/utils/content-script-ui/shadow-root';
import { OVERLAY_CSS } from '../../../components/overlay/styles';

export interface ShadowUi {
  render(node: ReactNode): void;
  remove(): void;
  readonly anchor: Element;
  /** False once the page removed our host (LinkedIn re-rendered what it sat in). */
  isConnected(): boolean;
  /**
   * Floats our host over `target` (fixed, just above it) instead of leaving it in the flow: for
   * LinkedIn's 2026 bubble, which lives in LinkedIn's own shadow root, where ours must never go.
   */
  floatAbove(target: Element): void;
}

export async function mountShadowUi(
  ctx: ContentScriptContext,
  anchor: Element,
  append: 'before' | 'after' | 'first' | 'last',
): Promise<ShadowUi> {
  const ui: ShadowRootContentScriptUi<Root> = await createShadowRootUi(ctx, {
    name: 'ft-overlay',
    position: 'inline',
    anchor,
    append,
    mode: 'closed',
    css: OVERLAY_CSS,
    isolateEvents: true,
    onMount(container) {
      return createRoot(container);
    },
    onRemove(root) {
      root?.unmount();
    },
  });
  ui.mount();
  return {
    anchor,
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
      ui.mounted?.render(node);
    },
    remove() {
      ui.remove();
    },
  };
}
