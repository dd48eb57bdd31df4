// The one contract of an in-page overlay, for Gmail and LinkedIn alike: a module is mounted with
// the content script's ctx and its site's environment, and returns its handle: `update` with the
// page's state where its site scans the page (LinkedIn), and `cleanup`, which removes everything it
// added. Each site lists its overlays in one place (entrypoints/<site>.content/overlays/index.ts)
// and mounts them with mountOverlays (./mount.ts).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export interface OverlayHandle<State = void> {
  /** The page's state changed (LinkedIn's scan); an overlay that watches the page itself has none. */
  update?(state: State): void;
  /** Removes what the overlay added; called when the view changes or the script goes. */
  cleanup(): void;
}

export type Overlay<Env, State = void> = (
  ctx: ContentScriptContext,
  env: Env,
) => OverlayHandle<State>;

/** What an overlay that has nothing to show on this view returns. */
export const NOTHING_MOUNTED: OverlayHandle<never> = { cleanup: () => undefined };
