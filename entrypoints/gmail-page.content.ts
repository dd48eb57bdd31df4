// Gmail's page world: observes the sync requests that save drafts and send mail, and hands the raw
// request and response of each possible send to the isolated content script
// (entrypoints/gmail.content) over the private channel of lib/page-world/channel.ts. It runs at
// document_start, before Gmail's scripts, so every request is seen, the functions it relies on are
// captured before any page script could replace them, and the channel is agreed before the page
// could watch; it adds nothing to `window` and nothing to the document.
import { openPageChannel } from '../lib/page-world/channel';
import { captureOriginals } from '../lib/page-world/originals';
import { observeSyncRequests } from '../lib/sites/gmail/sync-observer';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    try {
      const originals = captureOriginals(window);
      // The observer emits only after a request finished, long after the channel is open.
      const observer = observeSyncRequests(window, {
        emit: (record) => channel.emit(record),
        originals,
      });
      const channel = openPageChannel(window, {
        stats: () => observer.stats(),
        onCommand: (command) => observer.watch((command as { watch?: unknown } | null)?.watch),
      });
    } catch {
      // Never into the page.
    }
  },
});
