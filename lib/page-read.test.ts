import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  PAGE_READ_MAX_TABS,
  pageReadSchema,
  parsePageReadLog,
  recordPageRead,
  unreadablePageOf,
} from './page-read';

const T0 = Date.UTC(2026, 10, 23, 9, 0);
const PROFILE = 'https://www.linkedin.com/in/nadia-farouk/';

describe('what a tab reported about its LinkedIn page', () => {
  it('an unreadable page is that tab’s until it moves on; a readable one clears it', () => {
    let log = recordPageRead({}, 7, { page: 'profile', url: PROFILE, readable: false }, T0);
    expect(unreadablePageOf(log, 7, PROFILE)).toBe('profile');
    expect(unreadablePageOf(log, 7, `${PROFILE}#experience`)).toBe('profile');
    expect(unreadablePageOf(log, 7, 'https://www.linkedin.com/in/someone-else/')).toBeUndefined();
    expect(unreadablePageOf(log, 8, PROFILE)).toBeUndefined();
    expect(unreadablePageOf(log, undefined, PROFILE)).toBeUndefined();
    log = recordPageRead(log, 7, { page: 'profile', url: PROFILE, readable: true }, T0 + 1);
    expect(unreadablePageOf(log, 7, PROFILE)).toBeUndefined();
  });

  it('keeps one entry per tab, at most PAGE_READ_MAX_TABS, the oldest making room', () => {
    let log = {};
    for (let tab = 0; tab < PAGE_READ_MAX_TABS + 5; tab++) {
      log = recordPageRead(log, tab, { page: 'profile', url: PROFILE, readable: false }, T0 + tab);
    }
    const tabs = Object.keys(log);
    expect(tabs).toHaveLength(PAGE_READ_MAX_TABS);
    expect(tabs).not.toContain('0');
    expect(tabs).toContain(String(PAGE_READ_MAX_TABS + 4));
  });

  it('a report must name a https://www.linkedin.com page and one of the two kinds', () => {
    const ok = { page: 'conversation', url: PROFILE, readable: false };
    expect(v.safeParse(pageReadSchema, ok).success).toBe(true);
    for (const bad of [
      { ...ok, url: 'https://evil.example/in/x/' },
      { ...ok, url: 'http://www.linkedin.com/in/x/' },
      { ...ok, url: 'javascript:alert(1)' },
      { ...ok, page: 'feed' },
      { ...ok, readable: 'no' },
      { ...ok, url: `${PROFILE}${'x'.repeat(3000)}` },
    ]) {
      expect(v.safeParse(pageReadSchema, bad).success).toBe(false);
    }
  });

  it('stored values are read entry by entry; anything malformed is dropped, nothing throws', () => {
    const good = { page: 'profile', url: PROFILE, readable: false, at: T0 };
    expect(parsePageReadLog({ 3: good, x: good, 4: { ...good, page: 'feed' }, 5: 'junk' })).toEqual(
      { 3: good },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (stored) => {
        const log = parsePageReadLog(stored);
        expect(Object.keys(log).length).toBeLessThanOrEqual(PAGE_READ_MAX_TABS);
      }),
    );
  });
});
