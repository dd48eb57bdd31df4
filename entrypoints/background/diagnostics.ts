// The background's side of diagnostics: each report a content script sends (what it failed to
// recognise) is merged into the bounded log in storage.local, one read-merge-write at a time.
// And whether a tab's LinkedIn page could be read at all, kept per tab in storage.session for the
// side panel. Nothing here leaves the machine; the options page and the panel read the same keys.
import { browser } from 'wxt/browser';
import {
  DIAGNOSTICS_KEY,
  parseDiagnosticsLog,
  recordDiagnostic,
} from '../../lib/diagnostics/diagnostics';
import type { Diagnostic } from '../../lib/messages';
import {
  PAGE_READ_KEY,
  parsePageReadLog,
  recordPageRead,
  type PageRead,
} from '../../lib/page-read';
import { handle } from './handle';

let queue: Promise<unknown> = Promise.resolve();

/** Stores one report; reports arriving together are merged one after another, none lost. */
export function storeDiagnostic(diagnostic: Diagnostic, now = Date.now()): Promise<void> {
  const run = queue.then(async () => {
    const stored = await browser.storage.local.get(DIAGNOSTICS_KEY);
    const log = recordDiagnostic(parseDiagnosticsLog(stored[DIAGNOSTICS_KEY]), diagnostic, now);
    await browser.storage.local.set({ [DIAGNOSTICS_KEY]: log });
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * The tab a page-read report speaks for: only a content script in a LinkedIn tab speaks for its own
 * tab (an extension page, another site or a frame-less sender speaks for none).
 */
export function tabOfPageRead(sender: {
  tab?: { id?: number; url?: string };
  url?: string;
}): number | undefined {
  const tabId = sender.tab?.id;
  const from = sender.url ?? sender.tab?.url ?? '';
  if (typeof tabId !== 'number' || tabId < 0) return undefined;
  return from.startsWith('https://www.linkedin.com/') ? tabId : undefined;
}

let pageReadQueue: Promise<unknown> = Promise.resolve();

/** Keeps a tab's latest page-read report (session storage where the browser has it). */
export function storePageRead(tabId: number, read: PageRead, now = Date.now()): Promise<void> {
  const area = browser.storage.session ?? browser.storage.local;
  const run = pageReadQueue.then(async () => {
    const stored = await area.get(PAGE_READ_KEY);
    const log = recordPageRead(parsePageReadLog(stored[PAGE_READ_KEY]), tabId, read, now);
    await area.set({ [PAGE_READ_KEY]: log });
  });
  pageReadQueue = run.catch(() => undefined);
  return run;
}

export function setUpDiagnostics(): void {
  handle('reportDiagnostic', async (diagnostic) => {
    await storeDiagnostic(diagnostic);
    return { recorded: true };
  });

  // Only LinkedIn's content script may send it (MESSAGE_SENDERS, authorizeSite); the tab is the
  // sender's own.
  handle('reportPageRead', async (read, { sender }) => {
    const tabId = tabOfPageRead(sender);
    if (tabId === undefined) return { stored: false };
    await storePageRead(tabId, read);
    return { stored: true };
  });
}
