// The rep's own addresses in this Gmail tab: what the settings hold (asked of the background at
// load) and what this page learnt, only from what another script cannot cheaply fake: the address
// Gmail's account menu names at load (read once, early), or the From of a send both confirmed by
// the network and started by the rep's own trusted gesture (send-detection.ts). Each learnt one is
// told to the background (learnOwnAddresses), which caps them, keeps a removed one removed and
// lists them in the options page. Used to leave the rep out of a send's recipients and out of
// reply detection.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { normalizeEmail } from '../../lib/identity';
import { sendMessage } from '../../lib/messages';
import type { LearnSource } from '../../lib/own-addresses';
import { readSignedInAccount, readSignedInName } from '../../lib/sites/gmail/read-account';

/** Learnt in one page life, at most (the background caps the total). */
const LEARN_PER_PAGE = 3;
/** Gmail fills its header within seconds of load; after this, the menu is no longer "at load". */
const ACCOUNT_READ_FOR_MS = 20_000;
const ACCOUNT_READ_EVERY_MS = 1_000;
/** Where earlier versions kept addresses learnt from any event: not to be trusted, so removed. */
const LEGACY_STORAGE_KEY = 'gmail:own-addresses';

const known = new Set<string>();
const learnt = new Set<string>();
let loading: Promise<void> | null = null;

export const ownAddresses = {
  current(): ReadonlySet<string> {
    return known;
  },
  /** Asks the settings once; every later call waits for that same answer. */
  load(): Promise<void> {
    loading ??= (async () => {
      void browser.storage.local.remove(LEGACY_STORAGE_KEY).catch(() => undefined);
      try {
        const { addresses } = await sendMessage('getOwnAddresses', undefined);
        for (const entry of addresses.slice(0, 100)) {
          const email = normalizeEmail(entry);
          if (email) known.add(email);
        }
      } catch {
        // The worker was away: the background still skips own addresses when it records.
      }
    })();
    return loading;
  },
  learn(raw: string, source: LearnSource, name?: string): void {
    const email = normalizeEmail(raw);
    if (!email || learnt.size >= LEARN_PER_PAGE) return;
    // Known already: only the account's name is news (once a page), for the welcome to suggest.
    if (known.has(email)) {
      if (name && !learnt.has(email)) {
        learnt.add(email);
        sendMessage('learnOwnAddresses', { emails: [email], source, name }).catch(() => undefined);
      }
      return;
    }
    learnt.add(email);
    known.add(email);
    sendMessage('learnOwnAddresses', { emails: [email], source, ...(name ? { name } : {}) }).catch(
      () => {
        // The worker was away: the next confirmed send from this address tries again.
        learnt.delete(email);
        known.delete(email);
      },
    );
  },
  /**
   * Reads the signed-in account from Gmail's header while the page loads, once. `loadedUrl` is the
   * tab's URL at document_start, before any page script could change it.
   */
  learnSignedInAccount(ctx: ContentScriptContext, loadedUrl: string): void {
    const started = Date.now();
    const read = () => {
      const email = readSignedInAccount(document, loadedUrl);
      if (email) {
        ownAddresses.learn(email, 'account', readSignedInName(document, loadedUrl) ?? undefined);
        return;
      }
      if (Date.now() - started < ACCOUNT_READ_FOR_MS) ctx.setTimeout(read, ACCOUNT_READ_EVERY_MS);
    };
    read();
  },
};
