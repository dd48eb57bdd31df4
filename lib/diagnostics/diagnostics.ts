// What a content script failed to recognise on its site, and since when: a small log kept in
// extension storage (never sent anywhere) and shown on the options page. One entry per site and
// check, so a selector that stopped matching a thousand times is one line, and the whole log has a
// fixed maximum size whatever the pages do. Pure: time and storage are the caller's.
import * as v from 'valibot';
import { diagnosticSchema, type Diagnostic } from '../messages';
import type { Channel } from '../model';

/** The key in `browser.storage.local`. */
export const DIAGNOSTICS_KEY = 'diagnostics';
/** At most this many distinct checks are kept; the one seen longest ago makes room. */
export const DIAGNOSTICS_MAX_ENTRIES = 50;

/** Which site a channel's sends come from. */
export function siteOf(channel: Channel): Diagnostic['site'] {
  return channel === 'linkedin' ? 'linkedin' : 'gmail';
}

export interface DiagnosticEntry {
  site: Diagnostic['site'];
  check: string;
  /** The most recent detail reported (metadata only). */
  detail?: string;
  /** Epoch ms. */
  firstSeen: number;
  lastSeen: number;
  count: number;
}

export interface DiagnosticsLog {
  entries: DiagnosticEntry[];
}

const instant = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const entrySchema = v.object({
  ...diagnosticSchema.entries,
  firstSeen: instant,
  lastSeen: instant,
  count: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

export const emptyDiagnosticsLog = (): DiagnosticsLog => ({ entries: [] });

/**
 * The log as stored, or an empty one: storage written by another version, or damaged, is dropped
 * entry by entry rather than trusted or thrown on.
 */
export function parseDiagnosticsLog(stored: unknown): DiagnosticsLog {
  if (typeof stored !== 'object' || stored === null) return emptyDiagnosticsLog();
  const raw = (stored as { entries?: unknown }).entries;
  if (!Array.isArray(raw)) return emptyDiagnosticsLog();
  const entries: DiagnosticEntry[] = [];
  for (const item of raw.slice(0, DIAGNOSTICS_MAX_ENTRIES)) {
    const parsed = v.safeParse(entrySchema, item);
    if (parsed.success) entries.push(parsed.output);
  }
  return { entries };
}

/**
 * Adds one report: the same site and check count up and move their last-seen time, a new one is
 * added, and past the limit the entry seen longest ago goes. Throws nothing; an invalid report
 * leaves the log as it was.
 */
export function recordDiagnostic(
  log: DiagnosticsLog,
  report: unknown,
  now: number,
): DiagnosticsLog {
  const parsed = v.safeParse(diagnosticSchema, report);
  if (!parsed.success || !Number.isFinite(now)) return log;
  const { site, check, detail } = parsed.output;
  const at = Math.max(0, Math.floor(now));
  const existing = log.entries.find((entry) => entry.site === site && entry.check === check);
  const others = log.entries.filter((entry) => entry !== existing);
  const entry: DiagnosticEntry = existing
    ? {
        ...existing,
        lastSeen: Math.max(existing.lastSeen, at),
        count: Math.min(existing.count + 1, Number.MAX_SAFE_INTEGER),
      }
    : { site, check, firstSeen: at, lastSeen: at, count: 1 };
  if (detail !== undefined) entry.detail = detail;
  const entries = [entry, ...others]
    .sort((a, b) => b.lastSeen - a.lastSeen)
    .slice(0, DIAGNOSTICS_MAX_ENTRIES);
  return { entries };
}
