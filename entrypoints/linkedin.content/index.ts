// LinkedIn's isolated-world script: wires send detection (lib/sites/linkedin/send-detection.ts),
// reply detection (lib/sites/linkedin/reply-detection.ts, run by the overlays' page scan) and the
// overlays to this tab. Runs at document_start so the private channel with the page world is
// agreed before LinkedIn's scripts run; everything that reads the page waits for it. CSS is never
// loaded from the extension (no web_accessible_resources): overlays inline theirs.
import { showPausedLine } from '../../components/overlay/paused-line';
import { sendMessage } from '../../lib/messages';
import { createExtensionOutbox } from '../../lib/outbox/extension';
import { sitePageOf } from '../../lib/sites/site-page';
import { startSendDetection } from '../../lib/sites/linkedin/send-detection';
import { startDraftInsert } from './draft-insert';
import { startOverlays } from './overlays';

export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  runAt: 'document_start',
  cssInjectionMode: 'manual',
  main(ctx) {
    const outbox = createExtensionOutbox();
    const detection = startSendDetection(sitePageOf(ctx, window), {
      deliver: (send) => outbox.enqueue(send),
      reportDiagnostic: (diagnostic) => sendMessage('reportDiagnostic', diagnostic),
    });
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
