// The content scripts' side of diagnostics: call `report(check, detail)` where a selector or a
// payload shape stopped matching. It never throws and never waits, and sends each check at most
// once a minute per page, so a broken selector inside a MutationObserver costs one message, not
// thousands. Only the site, a short check name and a metadata detail ever leave the page.
import type { Diagnostic } from '../messages';

export const REPORT_INTERVAL_MS = 60_000;

export type DiagnosticSender = (diagnostic: Diagnostic) => Promise<unknown>;

export interface DiagnosticReporter {
  /** "I failed to recognise `check`" (e.g. `compose-recipients`), with metadata such as a count. */
  report(check: string, detail?: string): void;
}

/**
 * A reporter for one site. `send` is the message to the background (`(d) =>
 * sendMessage('reportDiagnostic', d)` in a content script; a fake in tests); `now` is the clock.
 */
export function createDiagnosticReporter(
  site: Diagnostic['site'],
  send: DiagnosticSender,
  now: () => number = Date.now,
): DiagnosticReporter {
  const lastSent = new Map<string, number>();
  return {
    report(check, detail) {
      try {
        const at = now();
        const previous = lastSent.get(check);
        if (previous !== undefined && at - previous < REPORT_INTERVAL_MS) return;
        if (lastSent.size >= 100 && previous === undefined) return;
        lastSent.set(check, at);
        const diagnostic: Diagnostic = { site, check };
        if (detail !== undefined) diagnostic.detail = detail.slice(0, 200);
        void send(diagnostic).catch(() => undefined);
      } catch {
        // Diagnostics must never be the thing that breaks the page.
      }
    },
  };
}
