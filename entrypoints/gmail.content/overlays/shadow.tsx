// React into Gmail only through a shadow root: styles inlined (nothing web-accessible), keystrokes
// stopped at the host so Gmail's shortcuts never see what is typed in our UI, and the React root
// unmounted when the UI is removed.
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptAppendMode } from 'wxt/utils/content-script-ui/types';
import { OVERLAY_CSS } from '../../../components/gmail/overlay.css';

export interface MountedOverlay {
  render(node: ReactNode): void;
  remove(): void;
}

export async function mountShadowUi(
  ctx: ContentScriptContext,
  options: { name: string; anchor: Element; append: ContentScriptAppendMode },
): Promise<MountedOverlay> {
  const ui = await createShadowRootUi<Root>(ctx, {
    name: options.name,
    position: 'inline',
    anchor: options.anchor,
    append: options.append,
    css: OVERLAY_CSS,
    isolateEvents: ['keydown', 'keyup', 'keypress', 'input', 'beforeinput'],
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

/** Calls `check` at most once per animation frame while `container`'s children change. */
export function watchChildren(
  ctx: ContentScriptContext,
  container: Node,
  check: () => void,
  options: { subtree?: boolean } = {},
): () => void {
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    ctx.requestAnimationFrame(() => {
      scheduled = false;
      try {
        check();
      } catch (error) {
        console.debug('[Fifth Touch] overlay check:', error);
      }
    });
  });
  observer.observe(container, { childList: true, subtree: options.subtree ?? false });
  const stop = () => observer.disconnect();
  ctx.onInvalidated(stop);
  return stop;
}
