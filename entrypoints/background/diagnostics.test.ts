// The worker's diagnostics store on WXT's fake browser: reports arriving together are all counted.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DIAGNOSTICS_KEY, parseDiagnosticsLog } from '../../lib/diagnostics/diagnostics';
import { PAGE_READ_KEY, parsePageReadLog, unreadablePageOf } from '../../lib/page-read';
import { storeDiagnostic, storePageRead, tabOfPageRead } from './diagnostics';

describe('storing diagnostics', () => {
  it('merges concurrent reports without losing one', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        storeDiagnostic({ site: 'gmail', check: `c-${index % 4}` }, 1_000 + index),
      ),
    );
    const stored = await fakeBrowser.storage.local.get(DIAGNOSTICS_KEY);
    const log = parseDiagnosticsLog(stored[DIAGNOSTICS_KEY]);
    expect(log.entries.map((e) => [e.check, e.count]).sort()).toEqual([
      ['c-0', 10],
      ['c-1', 10],
      ['c-2', 10],
      ['c-3', 10],
    ]);
  });

  it('starts over from damaged storage instead of failing', async () => {
    await fakeBrowser.storage.local.set({ [DIAGNOSTICS_KEY]: 'not a log' });
    await storeDiagnostic({ site: 'linkedin', check: 'profile-name' }, 5);
    const stored = await fakeBrowser.storage.local.get(DIAGNOSTICS_KEY);
    expect(parseDiagnosticsLog(stored[DIAGNOSTICS_KEY]).entries).toEqual([
      { site: 'linkedin', check: 'profile-name', firstSeen: 5, lastSeen: 5, count: 1 },
    ]);
  });
});

describe('storing what a LinkedIn tab could not read', () => {
  const url = (n: number) => `https://www.linkedin.com/in/person-${n}/`;

  it('keeps each tab’s latest report, none lost when they arrive together', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, tab) =>
        storePageRead(tab, { page: 'profile', url: url(tab), readable: tab % 2 === 0 }, 100 + tab),
      ),
    );
    const stored = await fakeBrowser.storage.session.get(PAGE_READ_KEY);
    const log = parsePageReadLog(stored[PAGE_READ_KEY]);
    expect(Object.keys(log)).toHaveLength(20);
    expect(unreadablePageOf(log, 3, url(3))).toBe('profile');
    expect(unreadablePageOf(log, 4, url(4))).toBeUndefined();
  });

  it('only a LinkedIn tab’s content script speaks for its tab', () => {
    expect(tabOfPageRead({ tab: { id: 7 }, url: 'https://www.linkedin.com/in/x/' })).toBe(7);
    expect(tabOfPageRead({ tab: { id: 7, url: 'https://www.linkedin.com/feed/' } })).toBe(7);
    expect(
      tabOfPageRead({ tab: { id: 7 }, url: 'https://mail.google.com/mail/u/0/' }),
    ).toBeUndefined();
    expect(
      tabOfPageRead({ tab: { id: 7 }, url: 'https://www.linkedin.com.evil.example/' }),
    ).toBeUndefined();
    expect(tabOfPageRead({ url: 'https://www.linkedin.com/in/x/' })).toBeUndefined();
    expect(
      tabOfPageRead({ tab: { id: -1 }, url: 'https://www.linkedin.com/in/x/' }),
    ).toBeUndefined();
  });
});
