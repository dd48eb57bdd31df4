// LinkedIn's isolated-world script: send detection (the page-world observer's events and the DOM
// layer), reply detection and the overlays. Runs at document_start so the private channel with the
// page world is agreed before LinkedIn's scripts run; everything that reads the page waits for it.
// CSS is never loaded from the extension (no web_accessible_resources): overlays inline theirs.
import { showPausedLine } from '../../components/overlay/paused-line';
import { startDraftInsert } from './draft-insert';
import { startSendDetection } from './send-detection';
import { startOverlays } from './overlays';

export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  runAt: 'document_start',
  cssInjectionMode: 'manual',
  main(ctx) {
    const detection = startSendDetection(ctx);
    const start = () => {
      startOverlays(ctx, detection);
      // Shown even with the overlays switched off: a tab that stopped tracking must say so.
      showPausedLine(ctx, detection.health, { site: 'LinkedIn', name: 'ft-overlay' });
      startDraftInsert(ctx);
    };
    if (document.readyState === 'loading') {
      ctx.addEventListener(document, 'DOMContentLoaded', start, { once: true });
    } else start();
  },
});
