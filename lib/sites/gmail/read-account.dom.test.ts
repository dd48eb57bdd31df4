import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountAddressOfUrl, readSignedInAccount, readSignedInName } from './read-account';

function page(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

// The real capture: "Inbox (14) - person1@example.com - …" and Google's account button in the header.
const THREAD = readFileSync(
  path.resolve(process.cwd(), '../shared/fixtures/gmail/dom/thread-view-2025.html'),
  'utf8',
);

describe('readSignedInAccount', () => {
  it('reads the address the account menu names, checked against the title', () => {
    expect(readSignedInAccount(page(THREAD))).toBe('person1@example.com');
  });

  it('a menu and a title naming two different addresses teach nothing', () => {
    const forged = THREAD.replace(
      'Inbox (14) - person1@example.com',
      'Inbox - ceo@competitor.example',
    );
    expect(readSignedInAccount(page(forged))).toBeNull();
  });

  it('a title alone is not enough', () => {
    const doc = page(THREAD);
    for (const menu of doc.querySelectorAll('header [aria-label*="@"]')) menu.remove();
    expect(doc.title).toContain('person1@example.com');
    expect(readSignedInAccount(doc)).toBeNull();
  });

  it('a label without an address in parentheses gives nothing', () => {
    expect(
      readSignedInAccount(page(THREAD.replace('(person1@example.com)', 'person1'))),
    ).toBeNull();
  });

  it('the URL the tab loaded, when it names the account by address, must agree too', () => {
    const doc = page(THREAD);
    expect(readSignedInAccount(doc, 'https://mail.google.com/mail/u/0/#inbox')).toBe(
      'person1@example.com',
    );
    expect(readSignedInAccount(doc, 'https://mail.google.com/mail/u/person1@example.com/')).toBe(
      'person1@example.com',
    );
    expect(
      readSignedInAccount(doc, 'https://mail.google.com/mail/?authuser=ceo@competitor.example'),
    ).toBeNull();
  });
});

describe('accountAddressOfUrl', () => {
  it.each([
    ['https://mail.google.com/mail/u/0/#inbox', null],
    ['https://mail.google.com/mail/u/Dana@Acme.example/#inbox', 'dana@acme.example'],
    ['https://mail.google.com/mail/u/dana%40acme.example/', 'dana@acme.example'],
    ['https://mail.google.com/mail/?authuser=dana@acme.example', 'dana@acme.example'],
    ['not a url', null],
  ])('%s names %s', (url, address) => {
    expect(accountAddressOfUrl(url)).toBe(address);
  });
});

describe('readSignedInName', () => {
  it('reads the name the account menu shows beside the address', () => {
    expect(readSignedInName(page(THREAD))).toBe('Dana Reyes');
  });

  it('names no one when the address check fails, or the label has no name', () => {
    const forged = THREAD.replace(
      'Inbox (14) - person1@example.com',
      'Inbox - ceo@competitor.example',
    );
    expect(readSignedInName(page(forged))).toBeNull();
    expect(readSignedInName(page(THREAD.replace('Dana Reyes', '')))).toBeNull();
  });
});
