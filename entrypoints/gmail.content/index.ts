// Gmail's isolated-world script: send detection (DOM layer + the page-world observer's records),
// reply detection and the overlays. Runs at document_start so the private channel with the page
// world is agreed, and its listeners are first, before any of Gmail's scripts run; everything that
// needs the page's DOM waits for it.
import { showPausedLine } from '../../components/overlay/paused-line';
import { startDraftInsert } from './draft-insert';
import { startSendDetection } from './send-detection';
import { ownAddresses } from './own-addresses';
import { mountOverlays } from './overlays';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_start',
  main(ctx) {
    // As the tab loaded it: no page script has run yet to push another URL.
    const loadedUrl = location.href;
    void ownAddresses.load();
    const detection = startSendDetection(ctx);
    const start = () => {
      ownAddresses.learnSignedInAccount(ctx, loadedUrl);
      mountOverlays(ctx, detection);
      showPausedLine(ctx, detection.health, { site: 'Gmail', name: 'fifth-touch-status' });
      startDraftInsert(ctx);
    };
    if (document.readyState === 'loading') {
      ctx.addEventListener(document, 'DOMContentLoaded', start, { once: true });
    } else start();
  },
});
