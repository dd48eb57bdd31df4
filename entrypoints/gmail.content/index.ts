// Gmail's isolated-world script: wires send detection (lib/sites/gmail/send-detection.ts), reply
// detection (lib/sites/gmail/reply-detection.ts, run by the thread bar) and the overlays to this
// tab. Runs at document_start so the private channel with the page world is agreed, and its
// listeners are first, before any of Gmail's scripts run; everything that needs the page's DOM
// waits for it.
import { showPausedLine } from '../../components/overlay/paused-line';
import { sendMessage } from '../../lib/messages';
import { sitePageOf } from '../../lib/sites/site-page';
import { startSendDetection } from '../../lib/sites/gmail/send-detection';
import { deliverSend, dropHeldSend, holdSend, withdrawSend } from './deliver';
import { startDraftInsert } from './draft-insert';
import { ownAddresses } from './own-addresses';
import { startOverlays } from './overlays';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_start',
  main(ctx) {
    // As the tab loaded it: no page script has run yet to push another URL.
    const loadedUrl = location.href;
    void ownAddresses.load();
    const detection = startSendDetection(sitePageOf(ctx, window), {
      deliver: deliverSend,
      hold: holdSend,
      drop: dropHeldSend,
      withdraw: withdrawSend,
      reportDiagnostic: (diagnostic) => sendMessage('reportDiagnostic', diagnostic),
      ownAddresses,
    });
    const start = () => {
      ownAddresses.learnSignedInAccount(ctx, loadedUrl);
      startOverlays(ctx, detection);
      showPausedLine(ctx, detection.health, { site: 'Gmail', name: 'fifth-touch-status' });
      startDraftInsert(ctx);
    };
    if (document.readyState === 'loading') {
      ctx.addEventListener(document, 'DOMContentLoaded', start, { once: true });
    } else start();
  },
});
