// The background's side of the content scripts' outbox: every entry left in extension storage
// (the tab closed, the worker stopped before it answered, the browser quit) is stored when the
// sends sweep runs (sends.ts). Recording directly (not by message) and deduping on the send key
// makes a repeat harmless.
import { browser } from 'wxt/browser';
import type { FifthTouchDb } from '../../lib/db/schema';
import { recordSend } from '../../lib/db/writes';
import type { RecordSendResult } from '../../lib/messages';
import { siteOf } from '../../lib/diagnostics/diagnostics';
import type { DetectedSend } from '../../lib/model';
import { drainOutbox, type DrainOptions, type DrainReport } from '../../lib/outbox/outbox';
import { readSettings } from './database';
import { storeDiagnostic } from './diagnostics';
import { draftAnglesFor } from './drafts';

const UNCONFIRMED_WORDS = {
  rate: 'more sends at once than a person makes, or none clicked in the tab',
  'page-cap': 'past the sends one page may make',
} as const;

/**
 * Stores a detected send, from whichever path brought it (the recordSend message, the sends port,
 * the drain). A send kept as unconfirmed, or refused because too many wait, is counted in the
 * diagnostics, so a send past a limit is never dropped without a word.
 */
export async function storeSend(
  db: FifthTouchDb,
  send: DetectedSend,
  now = Date.now(),
): Promise<RecordSendResult> {
  const [settings, drafts] = await Promise.all([readSettings(db), draftAnglesFor(send, now)]);
  const result = await recordSend(db, send, { now }, { settings, angleOf: drafts.angleOf });
  await drafts.settle(result).catch(() => undefined);
  const unconfirmed = result.unconfirmed;
  if (unconfirmed && unconfirmed.status !== 'known' && send.overLimit) {
    void storeDiagnostic(
      {
        site: siteOf(send.channel),
        check: unconfirmed.status === 'held' ? 'send-unconfirmed' : 'send-unconfirmed-refused',
        detail:
          unconfirmed.status === 'held'
            ? `kept for you to check: ${UNCONFIRMED_WORDS[send.overLimit]}`
            : 'too many unconfirmed sends wait already',
      },
      now,
    ).catch(() => undefined);
  }
  return result;
}

/** One pass over the outbox (the caller queues it). */
export function drainOutboxOnce(
  db: FifthTouchDb,
  options: Pick<DrainOptions, 'keepHeld' | 'only'> = {},
): Promise<DrainReport> {
  return drainOutbox({
    storage: browser.storage.local,
    record: (send) => storeSend(db, send),
    onError: (error) => console.warn('[Fifth Touch] outbox entry not stored', error),
    ...options,
  });
}
