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
    render(node) {
      ui.mounted?.render(node);
    },
    remove() {
      ui.remove();
    },
  };
}
