// Watches an overlay's container in a host page: its check runs after the container's children
// change, only for mutations that matter, throttled and in an animation frame, and stops with the
// content script.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { throttledFrame, touchesForeignElements } from './mutations';

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
