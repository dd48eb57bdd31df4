// The background's side of diagnostics: each report a content script sends (what it failed to
// recognise) is merged into the bounded log in storage.local, one read-merge-write at a time.
// Nothing here leaves the machine; the options page reads the same key.
import { browser } from 'wxt/browser';
import {
  DIAGNOSTICS_KEY,
  parseDiagnosticsLog,
  recordDiagnostic,
} from '../../lib/diagnostics/diagnostics';
import type { Diagnostic } from '../../lib/messages';
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

export function setUpDiagnostics(): void {
  handle('reportDiagnostic', async (diagnostic) => {
    await storeDiagnostic(diagnostic);
    return { recorded: true };
  });
}
