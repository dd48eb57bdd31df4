// The one place a detected Gmail send leaves the content script: the outbox (lib/outbox) writes
// it to extension storage first, then sends recordSend with retries, so a send survives the worker
// stopping and the tab closing right after (the background drains what is left).
import { createExtensionOutbox } from '../../lib/outbox/extension';
import type { Outbox } from '../../lib/outbox/outbox';
import type { DetectedSend } from '../../lib/model';
import { sendMessage } from '../../lib/messages';

let outbox: Outbox | undefined;

export function deliverSend(send: DetectedSend): void {
  outbox ??= createExtensionOutbox();
  void outbox.enqueue(send);
}

/** Keeps a held send (undo window open) in storage as pending; see Outbox.hold. */
export function holdSend(send: DetectedSend, notBefore: number): void {
  outbox ??= createExtensionOutbox();
  void outbox.hold(send, notBefore);
}

/** Removes a held send that was undone or failed. */
export function dropHeldSend(send: DetectedSend): void {
  outbox ??= createExtensionOutbox();
  void outbox.drop(send);
}

/**
 * A send Gmail put back to a draft after it was recorded (a scheduled send cancelled): what the
 * outbox still holds of it goes, then the background removes its touches. Never throws.
 */
export function withdrawSend(sendKey: string): void {
  outbox ??= createExtensionOutbox();
  void outbox
    .drop({ channel: 'email', sendKey })
    .then(() => sendMessage('withdrawSend', { channel: 'email', sendKey }))
    .catch((error: unknown) => console.debug('[Fifth Touch] withdraw send:', error));
}
