// The Gmail overlays, one module each, registered here. Each `mount` returns its cleanup; all are
// re-mounted when Gmail's single-page URL changes (WXT's wxt:locationchange).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SendDetection } from '../send-detection';
import { composeCoach } from './compose-coach';
import { dueCount } from './due-count';
import { threadBar } from './thread-bar';

export interface OverlayEnv {
  detection: SendDetection;
}

export type Overlay = (ctx: ContentScriptContext, env: OverlayEnv) => () => void;

const OVERLAYS: Overlay[] = [threadBar, composeCoach, dueCount];

export function mountOverlays(ctx: ContentScriptContext, detection: SendDetection): void {
  const env: OverlayEnv = { detection };
  let cleanups: (() => void)[] = [];
  const mountAll = () => {
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
