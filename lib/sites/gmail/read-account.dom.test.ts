import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSignedInAccount } from './read-account';

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
});
