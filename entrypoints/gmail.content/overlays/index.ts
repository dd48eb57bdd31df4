// The Gmail overlays, one module each, listed here. Each is mounted with the one overlay contract
// (components/overlay/types.ts); all are re-mounted when Gmail's single-page URL changes (WXT's
// wxt:locationchange).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountOverlays } from '../../../components/overlay/mount';
import { loadOverlaySettings } from '../../../components/overlay/settings';
import type { OverlaySettings } from '../../../lib/messages';
import type { SendDetection } from '../../../lib/sites/gmail/send-detection';
import { composeCoach } from './compose-coach';
import { dueCount } from './due-count';
import { listNudge } from './list-nudge';
import { threadBar } from './thread-bar';
import type { GmailOverlay, GmailOverlayEnv } from './types';

const OVERLAYS: GmailOverlay[] = [threadBar, listNudge, composeCoach, dueCount];

export function startOverlays(ctx: ContentScriptContext, detection: SendDetection): void {
  let settings: Promise<OverlaySettings> | null = null;
  const env: GmailOverlayEnv = { detection, settings: () => (settings ??= loadOverlaySettings()) };
  let mounted = mountOverlays(ctx, OVERLAYS, env);
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    // A new view asks again, so an edit in the options page shows without reloading Gmail.
    settings = null;
    mounted.cleanup();
    mounted = mountOverlays(ctx, OVERLAYS, env);
  });
  ctx.onInvalidated(() => mounted.cleanup());
}
