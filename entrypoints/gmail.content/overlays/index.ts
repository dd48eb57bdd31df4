// The Gmail overlays, one module each, registered here. Each `mount` returns its cleanup; all are
// re-mounted when Gmail's single-page URL changes (WXT's wxt:locationchange).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { loadOverlaySettings } from '../../../components/overlay/settings';
import type { OverlaySettings } from '../../../lib/messages';
import type { SendDetection } from '../send-detection';
import { composeCoach } from './compose-coach';
import { dueCount } from './due-count';
import { listNudge } from './list-nudge';
import { threadBar } from './thread-bar';

export interface OverlayEnv {
  detection: SendDetection;
  /** The user's overlay settings (angles…), asked of the background once per Gmail view. */
  settings(): Promise<OverlaySettings>;
}

export type Overlay = (ctx: ContentScriptContext, env: OverlayEnv) => () => void;

const OVERLAYS: Overlay[] = [threadBar, listNudge, composeCoach, dueCount];

export function mountOverlays(ctx: ContentScriptContext, detection: SendDetection): void {
  let settings: Promise<OverlaySettings> | null = null;
  const env: OverlayEnv = { detection, settings: () => (settings ??= loadOverlaySettings()) };
  let cleanups: (() => void)[] = [];
  const mountAll = () => {
    // A new view asks again, so an edit in the options page shows without reloading Gmail.
    settings = null;
    for (const cleanup of cleanups) safeRun(cleanup);
    cleanups = OVERLAYS.map((mount) => {
      try {
        return mount(ctx, env);
      } catch (error) {
        console.debug('[Fifth Touch] overlay failed to mount:', error);
        return () => undefined;
      }
    });
  };
  mountAll();
  ctx.addEventListener(window, 'wxt:locationchange', mountAll);
  ctx.onInvalidated(() => cleanups.forEach(safeRun));
}

function safeRun(run: () => void): void {
  try {
    run();
  } catch {
    // A failing cleanup must not stop the others.
  }
}
