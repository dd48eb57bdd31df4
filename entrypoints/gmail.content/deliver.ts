// The one place a detected Gmail send leaves the content script. Until the outbox (lib/outbox)
// lands, a direct recordSend with a few retries; then this becomes `outbox.enqueue(send)`.
import type { DetectedSend } from '../../lib/model';
import { sendMessage } from '../../lib/messages';

const RETRY_DELAYS_MS = [250, 1_000, 4_000, 15_000];

export function deliverSend(send: DetectedSend): void {
  void (async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        await sendMessage('recordSend', send);
        return;
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined || /^Invalid /.test(String((error as Error)?.message))) {
          console.debug('[Fifth Touch] a send was not stored:', error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  })();
}
