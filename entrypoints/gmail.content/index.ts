// Gmail's isolated-world script: send detection (DOM layer + the page-world observer's events),
// reply detection and the overlays. Runs at document_start so the bridge node exists before
// Gmail's first request; everything that needs the page's DOM waits for it.
import { startSendDetection } from './send-detection';
import { ownAddresses } from './own-addresses';
import { mountOverlays } from './overlays';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_start',
  main(ctx) {
    void ownAddresses.load();
    const detection = startSendDetection(ctx);
    const start = () => mountOverlays(ctx, detection);
    if (document.readyState === 'loading') {
      ctx.addEventListener(document, 'DOMContentLoaded', start, { once: true });
    } else start();
  },
});
