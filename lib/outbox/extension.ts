// The outbox as content scripts use it: extension storage, the `recordSend` message, and the sends
// port that tells the background what this page has in flight. Nothing is touched at import time;
// `createExtensionOutbox()` is called from a content script's main().
import { browser } from 'wxt/browser';
import { SENDS_PORT, sendMessage } from '../messages';
import { SendsLink, type LinkPort } from './link';
import { createOutbox, type Outbox, type OutboxOptions } from './outbox';

/** One link per page: both of a page's outboxes (if it made two) share the one port. */
let pageLink: SendsLink | undefined;

export function createPageLink(): SendsLink {
  pageLink ??= new SendsLink({
    connect: () => browser.runtime.connect({ name: SENDS_PORT }) as unknown as LinkPort,
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  });
  return pageLink;
}

/**
 * `createExtensionOutbox().enqueue(send)` after every detected send: returns at once, never throws,
 * and keeps retrying (then leaves the send for the background) until the background stored it.
 */
export function createExtensionOutbox(overrides: Partial<OutboxOptions> = {}): Outbox {
  return createOutbox({
    storage: browser.storage.local,
    record: (send) => sendMessage('recordSend', send),
    onError: (error) => {
      // Expected while the worker restarts; the host page's console is the only place to say it.
      console.debug('[Fifth Touch] send not stored yet, will retry:', error);
    },
    link: createPageLink(),
    ...overrides,
  });
}
