// Whether the LinkedIn profile or conversation open in a tab could be read, as the tab's content
// script last reported it: the background keeps one entry per tab in extension storage (session),
// and the side panel says "Fifth Touch can't read this …" for the active tab when the overlays are
// off. Pure: storage and time are the caller's.
import * as v from 'valibot';

export const PAGE_READ_KEY = 'linkedinPageRead';
/** Entries kept at most (one per tab; the oldest report makes room). */
export const PAGE_READ_MAX_TABS = 50;

const linkedInPageUrl = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.check((value) => {
    try {
      return new URL(value).origin === 'https://www.linkedin.com';
    } catch {
      return false;
    }
  }, 'a https://www.linkedin.com page'),
);

/** What a content script reports about its page. */
export const pageReadSchema = v.object({
  page: v.picklist(['profile', 'conversation']),
  url: linkedInPageUrl,
  readable: v.boolean(),
});
export type PageRead = v.InferOutput<typeof pageReadSchema>;

const entrySchema = v.object({
  ...pageReadSchema.entries,
  at: v.pipe(v.number(), v.finite()),
});
export type PageReadEntry = v.InferOutput<typeof entrySchema>;
export type PageReadLog = Record<string, PageReadEntry>;

/** The stored log, entry by entry: anything malformed is dropped, never trusted or thrown on. */
export function parsePageReadLog(stored: unknown): PageReadLog {
  const log: PageReadLog = {};
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return log;
  for (const [tabId, value] of Object.entries(stored).slice(0, PAGE_READ_MAX_TABS)) {
    if (!/^\d{1,10}$/.test(tabId)) continue;
    const parsed = v.safeParse(entrySchema, value);
    if (parsed.success) log[tabId] = parsed.output;
  }
  return log;
}

/** The log with `read` as the tab's latest report, bounded to PAGE_READ_MAX_TABS tabs. */
export function recordPageRead(
  log: PageReadLog,
  tabId: number,
  read: PageRead,
  now: number,
): PageReadLog {
  const next: PageReadLog = { ...log, [String(tabId)]: { ...read, at: now } };
  const tabs = Object.keys(next);
  if (tabs.length <= PAGE_READ_MAX_TABS) return next;
  const oldest = tabs
    .sort((a, b) => next[a]!.at - next[b]!.at)
    .slice(0, tabs.length - PAGE_READ_MAX_TABS);
  for (const tab of oldest) delete next[tab];
  return next;
}

/**
 * The page Fifth Touch could not read in this tab, when the tab still shows that page (same URL,
 * fragment aside); undefined when it was read, or the tab has moved on.
 */
export function unreadablePageOf(
  log: PageReadLog,
  tabId: number | undefined,
  url: string | undefined,
): PageRead['page'] | undefined {
  if (tabId === undefined || !url) return undefined;
  const entry = log[String(tabId)];
  if (!entry || entry.readable) return undefined;
  const strip = (value: string) => value.replace(/#.*$/, '');
  return strip(entry.url) === strip(url) ? entry.page : undefined;
}
