import {
  accountPathOf,
  isComposeWindowUrl,
  isGmailUrl,
  isThreadView,
  legacyHexOfThreadF,
  threadIdFromHash,
  threadLink,
} from './urls';
import { SYNC } from './selectors';

// Real URLs: a thread link quoted in FlowCrypt/flowcrypt-browser#4728 (2022), the base href of the
// 2025 thread capture, and that capture's legacy thread id in the forms Gmail builds around it.
const FLOWCRYPT_THREAD = 'https://mail.google.com/mail/u/6/#inbox/FMfcgzGqQmSFCwFcXCdnKnvlBBZktsGg';
const CAPTURE_BASE = 'https://mail.google.com/mail/u/0/';
const CAPTURE_THREAD = 'https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3';

describe('isGmailUrl', () => {
  it('accepts Gmail pages of any account', () => {
    expect(isGmailUrl(FLOWCRYPT_THREAD)).toBe(true);
    expect(isGmailUrl(CAPTURE_BASE)).toBe(true);
    expect(isGmailUrl('https://mail.google.com/mail/')).toBe(true);
  });

  it('rejects other hosts, other paths, plain http and garbage', () => {
    expect(isGmailUrl('https://www.linkedin.com/messaging/')).toBe(false);
    expect(isGmailUrl('https://mail.google.com.evil.example/mail/u/0/')).toBe(false);
    expect(isGmailUrl('https://mail.google.com/chat/u/0/')).toBe(false);
    expect(isGmailUrl('http://mail.google.com/mail/u/0/')).toBe(false);
    expect(isGmailUrl('not a url')).toBe(false);
  });
});

describe('accountPathOf', () => {
  it('reads the account index from /mail/u/N/', () => {
    expect(accountPathOf(FLOWCRYPT_THREAD)).toBe('u/6');
    expect(accountPathOf('https://mail.google.com/mail/u/1/#inbox')).toBe('u/1');
  });

  it('falls back to the default account u/0', () => {
    expect(accountPathOf('https://mail.google.com/mail/#inbox')).toBe('u/0');
    expect(accountPathOf(CAPTURE_BASE)).toBe('u/0');
    expect(accountPathOf('garbage')).toBe('u/0');
  });
});

describe('threadIdFromHash', () => {
  it('finds the id after a folder', () => {
    expect(threadIdFromHash('#inbox/FMfcgzGqQmSFCwFcXCdnKnvlBBZktsGg')).toBe(
      'FMfcgzGqQmSFCwFcXCdnKnvlBBZktsGg',
    );
    expect(threadIdFromHash('#sent/196195b51bdb9ff3')).toBe('196195b51bdb9ff3');
    expect(threadIdFromHash('#all/FMfcgzGqQmSFCwFcXCdnKnvlBBZktsGg')).toBe(
      'FMfcgzGqQmSFCwFcXCdnKnvlBBZktsGg',
    );
  });

  it('finds the id after a label or a search query', () => {
    expect(threadIdFromHash('#label/Clients%2FAcme/FMfcgzGqQmSFCwFcXCdnKnvlBBZktsGg')).toBe(
      'FMfcgzGqQmSFCwFcXCdnKnvlBBZktsGg',
    );
    expect(threadIdFromHash('#search/from%3Acora+renewal/196195b51bdb9ff3')).toBe(
      '196195b51bdb9ff3',
    );
    expect(threadIdFromHash('#category/promotions/196195b51bdb9ff3')).toBe('196195b51bdb9ff3');
  });

  it('ignores the compose parameter after the thread', () => {
    expect(threadIdFromHash('#inbox/196195b51bdb9ff3?compose=new')).toBe('196195b51bdb9ff3');
  });

  it('is null for lists, pages, settings and long search words', () => {
    expect(threadIdFromHash('#inbox')).toBeNull();
    expect(threadIdFromHash('#inbox/p2')).toBeNull();
    expect(threadIdFromHash('#inbox?compose=new')).toBeNull();
    expect(threadIdFromHash('#settings/general')).toBeNull();
    expect(threadIdFromHash('#search/averyveryveryverylongsearchword')).toBeNull();
    expect(threadIdFromHash('')).toBeNull();
  });
});

describe('isThreadView', () => {
  it('is true on an open thread and false on a list', () => {
    expect(isThreadView(FLOWCRYPT_THREAD)).toBe(true);
    expect(isThreadView(CAPTURE_THREAD)).toBe(true);
    expect(isThreadView(CAPTURE_BASE)).toBe(false);
    expect(isThreadView('https://example.com/#inbox/196195b51bdb9ff3')).toBe(false);
  });
});

describe('isComposeWindowUrl', () => {
  it('recognises the pop-out / mailto compose window', () => {
    expect(isComposeWindowUrl('https://mail.google.com/mail/u/0/?view=cm&fs=1&tf=1')).toBe(true);
    expect(isComposeWindowUrl('https://mail.google.com/mail/?view=cm&fs=1&to=a@b.com')).toBe(true);
    expect(isComposeWindowUrl(CAPTURE_THREAD)).toBe(false);
  });
});

describe('threadLink', () => {
  it('converts a thread-f id to the legacy hex the capture shows for the same thread', () => {
    // thread-view-2025.html: data-thread-perm-id="thread-f:1828907528778129395"
    // and data-legacy-thread-id="196195b51bdb9ff3" on the same h2.
    expect(legacyHexOfThreadF('thread-f:1828907528778129395')).toBe('196195b51bdb9ff3');
    expect(threadLink('u/0', 'thread-f:1828907528778129395')).toBe(
      'https://mail.google.com/mail/u/0/#all/196195b51bdb9ff3',
    );
  });

  it('links hex and opaque URL ids as they are, for the given account', () => {
    expect(threadLink('u/3', '183234ce86ffa010')).toBe(
      'https://mail.google.com/mail/u/3/#all/183234ce86ffa010',
    );
    expect(threadLink('u/6', 'FMfcgzGqQmSFCwFcXCdnKnvlBBZktsGg')).toBe(
      'https://mail.google.com/mail/u/6/#all/FMfcgzGqQmSFCwFcXCdnKnvlBBZktsGg',
    );
  });

  it('gives no link for a client-made thread-a id, a bad account or junk', () => {
    expect(threadLink('u/0', 'thread-a:r263523620390330024')).toBeUndefined();
    expect(threadLink('/mail/u/0', '183234ce86ffa010')).toBeUndefined();
    expect(threadLink('u/0', '../../evil')).toBeUndefined();
    expect(legacyHexOfThreadF('thread-f:99999999999999999999')).toBeNull();
  });
});

describe('SYNC.sendPath', () => {
  it('matches the sync request that saves and sends, for any account', () => {
    expect(SYNC.sendPath.test('https://mail.google.com/sync/u/0/i/s?hl=en&c=12')).toBe(true);
    expect(SYNC.sendPath.test('/sync/u/3/i/s')).toBe(true);
    expect(SYNC.sendPath.exec('https://mail.google.com/sync/u/3/i/s?c=1')?.[1]).toBe('3');
  });

  it('does not match the thread fetch or list requests', () => {
    expect(SYNC.sendPath.test('https://mail.google.com/sync/u/0/i/fd?hl=en')).toBe(false);
    expect(SYNC.sendPath.test('https://mail.google.com/sync/u/0/i/bv?hl=en')).toBe(false);
    expect(SYNC.sendPath.test('https://mail.google.com/sync/u/0/i/sx')).toBe(false);
  });
});
