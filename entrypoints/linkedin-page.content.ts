// LinkedIn's page world: observes the requests that send a message or an invitation and hands
// metadata-only events to the isolated content script (entrypoints/linkedin.content) through the
// private channel of lib/sites/linkedin/channel.ts. Runs at document_start, before LinkedIn's own
// scripts, so every request is seen and the channel is agreed before the page could watch; it
// adds nothing to `window` and nothing to the document.
import { openPageChannel } from '../lib/sites/linkedin/channel';
import { observeSendRequests } from '../lib/sites/linkedin/network-observer';

export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    try {
      const channel = openPageChannel(window);
      observeSendRequests(window, { emit: (detail) => channel.emit(detail) });
    } catch {
      // Never into the page.
    }
  },
});
