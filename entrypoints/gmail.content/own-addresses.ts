// The user's own addresses as Gmail shows them: the From of every send this page observed. Kept in
// extension storage so later page loads know them before the first send; used to leave the user
// out of a send's recipients and out of reply detection. (The store's settings.ownAddresses is the
// user's list; adding learned addresses there needs a protocol verb, see the Gmail report.)
import { browser } from 'wxt/browser';
import { normalizeEmail } from '../../lib/identity';

const STORAGE_KEY = 'gmail:own-addresses';
const MAX = 20;

const known = new Set<string>();
let loaded = false;

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
    if (!email || known.has(email)) return;
    known.add(email);
    while (known.size > MAX) known.delete(known.values().next().value!);
    void browser.storage.local.set({ [STORAGE_KEY]: [...known] }).catch(() => undefined);
  },
};
