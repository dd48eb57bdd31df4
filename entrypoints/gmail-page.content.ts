// Gmail's page world: observes the sync requests that save drafts and send mail, and hands
// metadata-only events to the isolated content script (entrypoints/gmail.content) as CustomEvents
// on a node of its own. It runs before Gmail's scripts so every request is seen, and adds nothing
// to `window`: the wrappers live in closures (lib/sites/gmail/sync-observer.ts).
import { BRIDGE_EVENT, BRIDGE_NODE_TAG } from '../lib/sites/gmail/bridge';
import { observeSyncRequests } from '../lib/sites/gmail/sync-observer';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    try {
      observeSyncRequests(window, {
        emit(detail) {
          try {
            bridgeNode().dispatchEvent(new CustomEvent(BRIDGE_EVENT, { detail }));
          } catch {
            // Never into the page.
          }
        },
      });
    } catch {
      // Never into the page.
    }
  },
});

/** The node the isolated script listens on; whichever side runs first creates it. */
function bridgeNode(): Element {
  const found = document.querySelector(BRIDGE_NODE_TAG);
  if (found) return found;
  const node = document.createElement(BRIDGE_NODE_TAG);
  node.hidden = true;
  document.documentElement.append(node);
  return node;
}
