// The outbox as content scripts use it: extension storage and the `recordSend` message. Nothing is
// touched at import time; `createExtensionOutbox()` is called from a content script's main().
import { browser } from 'wxt/browser';
import { sendMessage } from '../messages';
import { createOutbox, type Outbox, type OutboxOptions } from './outbox';

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
    ...overrides,
  });
}
