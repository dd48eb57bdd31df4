// Test-only: a SitePage over a test window (happy-dom's, or the test environment's), on the
// window's own timers and the real clock, and the AbortController that stands for the content
// script going away.
import type { SitePage } from '../../lib/sites/site-page';

export function testSitePage(
  window: SitePage['window'],
  document: Document = window.document,
): { page: SitePage; controller: AbortController } {
  const controller = new AbortController();
  return {
    controller,
    page: {
      window,
      document,
      clock: {
        now: () => Date.now(),
        setTimeout: (work, ms) => window.setTimeout(work, ms),
        setInterval: (work, ms) => window.setInterval(work, ms),
      },
      signal: controller.signal,
    },
  };
}
