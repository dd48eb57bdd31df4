// The background's side of the rep's own addresses: what content scripts learn (capped, never an
// address the rep removed: lib/own-addresses.ts) goes into the settings, where every check of
// "is this one of mine?" reads it, and into the record the options page lists with a Remove button.
// One read-merge-write at a time, so two tabs learning at once lose nothing.
import { browser } from 'wxt/browser';
import {
  forgetOwnAddress as forgetInSettings,
  learnOwnAddresses as learnIntoSettings,
} from '../../lib/db/writes';
import { emailDomain, normalizeEmail } from '../../lib/identity';
import type { LearnOwnAddresses } from '../../lib/messages';
import {
  admitToLearn,
  domainRoom,
  ACCOUNT_NAME_KEY,
  forgetLearned,
  LEARNED_OWN_KEY,
  parseLearnedOwnRecord,
  type LearnedOwnRecord,
} from '../../lib/own-addresses';
import { openDatabase } from './database';
import { serially } from './serial';

async function readRecord(): Promise<LearnedOwnRecord> {
  const stored = await browser.storage.local.get(LEARNED_OWN_KEY);
  return parseLearnedOwnRecord(stored[LEARNED_OWN_KEY]);
}

export function learnOwnAddresses(
  input: LearnOwnAddresses,
): Promise<{ addedAddresses: string[]; addedDomains: string[] }> {
  return serially(async () => {
    const db = await openDatabase();
    if (input.source === 'account' && input.name) {
      // Offered in the welcome as a suggestion for the rep's name; never used unconfirmed.
      await browser.storage.local.set({ [ACCOUNT_NAME_KEY]: input.name });
    }
    const record = await readRecord();
    // Which addresses the cap admits depends on those known already: decided in the write's own
    // transaction, with the settings as they are then.
    const result = await learnIntoSettings(
      db,
      { emails: input.emails },
      { now: Date.now() },
      {
        maxNewDomains: domainRoom(record),
        admit: (emails, known) => admitToLearn(record, emails, known),
      },
    );
    if (result.addedAddresses.length === 0) return result;
    const at = Date.now();
    const next: LearnedOwnRecord = {
      forgotten: record.forgotten,
      learned: [
        ...record.learned,
        ...result.addedAddresses.map((email) => {
          const domain = emailDomain(email);
          return {
            email,
            domains: domain && result.addedDomains.includes(domain) ? [domain] : [],
            source: input.source ?? 'send',
            at,
          };
        }),
      ],
    };
    await browser.storage.local.set({ [LEARNED_OWN_KEY]: next });
    return result;
  });
}

/** The rep removed a learnt address in the options page: gone from the settings, never learnt again. */
export function forgetOwnAddress(raw: string): Promise<{ removed: boolean }> {
  return serially(async () => {
    const email = normalizeEmail(raw);
    if (!email) return { removed: false };
    const db = await openDatabase();
    const { record, removed } = forgetLearned(await readRecord(), email);
    const { changed } = await forgetInSettings(
      db,
      { email, domains: removed?.domains ?? [] },
      { now: Date.now() },
    );
    await browser.storage.local.set({ [LEARNED_OWN_KEY]: record });
    return { removed: changed || removed !== undefined };
  });
}
