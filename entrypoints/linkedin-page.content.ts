// LinkedIn's page world: observes the requests that send a message or an invitation and hands
// metadata-only events to the isolated content script (entrypoints/linkedin.content) through the
// private channel of lib/page-world/channel.ts. Runs at document_start, before LinkedIn's own
// scripts, so every request is seen, the functions it relies on are captured before any page
// script could replace them, and the channel is agreed before the page could watch; it adds
// nothing to `window` and nothing to the document.
import { openPageChannel } from '../lib/page-world/channel';
import { captureOriginals } from '../lib/page-world/originals';
import { observeSendRequests } from '../lib/sites/linkedin/network-observer';

export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    try {
      const originals = captureOriginals(window);
      // The observer emits only after a request finished, long after the channel is open.
      const observer = observeSendRequests(window, {
        emit: (detail) => channel.emit(detail),
        originals,
      });
      const channel = openPageChannel(window, {
        stats: () => observer.stats(),
      });
    } catch {
      // Never into the page.
    }
  },
});
