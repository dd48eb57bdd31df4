// LinkedIn's overlays enter the page through the one shadow-root helper (closed roots, CSS inlined:
// components/overlay/shadow-ui.tsx), under a host name that says nothing of the product (LinkedIn
// looks for injected nodes), with every event stopped at the host. No attribute is ever set on
// LinkedIn's own elements.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import {
  mountShadowUi as mountClosedShadowUi,
  type ShadowUi,
} from '../../../components/overlay/shadow-ui';
import { OVERLAY_CSS } from '../../../components/overlay/styles';

export type { ShadowUi };

export function mountShadowUi(
  ctx: ContentScriptContext,
  anchor: Element,
  append: 'before' | 'after' | 'first' | 'last',
): Promise<ShadowUi> {
  return mountClosedShadowUi(ctx, {
    name: 'ft-overlay',
    anchor,
    append,
    css: OVERLAY_CSS,
    isolateEvents: true,
  });
}
