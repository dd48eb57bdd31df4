// Gmail's overlays enter the page through the one shadow-root helper (closed roots, CSS inlined:
// components/overlay/shadow-ui.tsx) with Gmail's own look, and keystrokes stopped at the host so
// Gmail's shortcuts never see what is typed in our UI. Their containers are watched here.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentScriptAppendMode } from 'wxt/utils/content-script-ui/types';
import { OVERLAY_CSS } from '../../../components/gmail/overlay.css';
import { throttledFrame, touchesForeignElements } from '../../../components/overlay/mutations';
import {
  mountShadowUi as mountClosedShadowUi,
  type ShadowUi,
} from '../../../components/overlay/shadow-ui';

export type MountedOverlay = ShadowUi;

export function mountShadowUi(
  ctx: ContentScriptContext,
  options: { name: string; anchor: Element; append: ContentScriptAppendMode },
): Promise<MountedOverlay> {
  return mountClosedShadowUi(ctx, {
    ...options,
    css: OVERLAY_CSS,
    isolateEvents: ['keydown', 'keyup', 'keypress', 'input', 'beforeinput'],
  });
}

// Under heavy churn a check runs at most this often (the last mutation of a burst always gets one).
const CHECK_EVERY_MS = 200;

/**
 * Calls `check` after `container`'s children change: only for batches `matters` accepts (by
 * default those that added or removed an element not ours: text-only changes and our own hosts are
 * ignored in O(records)), at most once per CHECK_EVERY_MS and in an animation frame.
 */
export function watchChildren(
  ctx: ContentScriptContext,
  container: Node,
  check: () => void,
  options: {
    subtree?: boolean;
    matters?: (records: readonly MutationRecord[]) => boolean;
  } = {},
): () => void {
  const matters = options.matters ?? touchesForeignElements;
  const schedule = throttledFrame(
    () => {
      try {
        check();
      } catch (error) {
        console.debug('[Fifth Touch] overlay check:', error);
      }
    },
    {
      minIntervalMs: CHECK_EVERY_MS,
      setTimeout: (callback, ms) => ctx.setTimeout(callback, ms),
      requestAnimationFrame: (callback) => ctx.requestAnimationFrame(callback),
      isInvalid: () => ctx.isInvalid,
    },
  );
  const observer = new MutationObserver((records) => {
    if (matters(records)) schedule();
  });
  observer.observe(container, { childList: true, subtree: options.subtree ?? false });
  const stop = () => observer.disconnect();
  ctx.onInvalidated(stop);
  return stop;
}
