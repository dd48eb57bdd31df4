// Mounts a site's overlays as one: each behind its own try, so one overlay's failure (to mount, to
// update, to clean up) is never the others' and never reaches the page.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Overlay, OverlayHandle } from './types';

export function mountOverlays<Env, State>(
  ctx: ContentScriptContext,
  overlays: readonly Overlay<Env, State>[],
  env: Env,
): Required<OverlayHandle<State>> {
  const handles = overlays.map((mount): OverlayHandle<State> => {
    try {
      return mount(ctx, env);
    } catch (error) {
      console.debug('[Fifth Touch] overlay failed to mount:', error);
      return { cleanup: () => undefined };
    }
  });
  return {
    update(state) {
      for (const handle of handles) {
        try {
          handle.update?.(state);
        } catch {
          // One overlay's failure is not the others'.
        }
      }
    },
    cleanup() {
      for (const handle of handles) {
        try {
          handle.cleanup();
        } catch {
          // A failing cleanup must not stop the others.
        }
      }
    },
  };
}
