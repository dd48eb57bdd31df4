// The user's own addresses as Gmail shows them: the From of every send this page observed. Kept in
// extension storage so later page loads know them before the first send; used to leave the user
// out of a send's recipients and out of reply detection. Each is also told to the background once
// per page life (learnOwnAddresses), so the store's settings know it for every context.
import { browser } from 'wxt/browser';
import { normalizeEmail } from '../../lib/identity';
import { sendMessage } from '../../lib/messages';

const STORAGE_KEY = 'gmail:own-addresses';
const MAX = 20;

const known = new Set<string>();
/** Told to the background in this page's life (or on the way). */
const reported = new Set<string>();
let loaded = false;

function report(email: string): void {
  if (reported.has(email)) return;
  reported.add(email);
  sendMessage('learnOwnAddresses', { emails: [email] }).catch(() => {
    // The worker was away: the next send from this address tries again.
    reported.delete(email);
  });
}

export const ownAddresses = {
  current(): ReadonlySet<string> {
    return known;
  },
  async load(): Promise<void> {
    if (loaded) return;
    loaded = true;
    try {
      const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
      if (Array.isArray(stored)) {
        for (const entry of stored.slice(0, MAX)) {
          const email = typeof entry === 'string' ? normalizeEmail(entry) : null;
          if (email) known.add(email);
        }
      }
    } catch {
      // Storage unavailable (extension reloaded): the page's own sends will teach us again.
    }
  },
  learn(raw: string): void {
    const email = normalizeEmail(raw);
    if (!email) return;
    report(email);
    if (known.has(email)) return;
    known.add(email);
    while (known.size > MAX) known.delete(known.values().next().value!);
    void browser.storage.local.set({ [STORAGE_KEY]: [...known] }).catch(() => undefined);
  },
};
