// The background's side of the content scripts' outbox: every entry left in extension storage
// (the tab closed, the worker stopped before it answered, the browser quit) is stored on the next
// wake. Recording directly (not by message) and deduping on the send key makes a repeat harmless.
import { browser } from 'wxt/browser';
import { recordSend } from '../../lib/db/writes';
import { drainOutbox, type DrainReport } from '../../lib/outbox/outbox';
import { openDatabase } from './database';
import { serially } from './serial';

export function drainOutboxNow(): Promise<DrainReport | undefined> {
  return serially(async () => {
    try {
      const db = await openDatabase();
      return await drainOutbox({
        storage: browser.storage.local,
        record: (send) => recordSend(db, send, { now: Date.now() }),
        onError: (error) => console.warn('[Fifth Touch] outbox entry not stored', error),
      });
    } catch (error) {
      console.warn('[Fifth Touch] outbox not drained', error);
      return undefined;
    }
  });
}
