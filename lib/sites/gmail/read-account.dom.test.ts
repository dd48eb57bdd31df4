import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSignedInAccount } from './read-account';

function page(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

const HEADER = readFileSync(
  path.resolve(process.cwd(), 'tests/fixtures/gmail/account-header.html'),
  'utf8',
);
const THREAD = readFileSync(
  path.resolve(process.cwd(), '../shared/fixtures/gmail/dom/thread-view-2025.html'),
  'utf8',
);

describe('readSignedInAccount', () => {
  it('reads the address the account menu names, checked against the title', () => {
    expect(readSignedInAccount(page(HEADER))).toBe('person1@example.com');
  });

  it('a menu and a title naming two different addresses teach nothing', () => {
    const forged = HEADER.replace(
      'Inbox (14) - person1@example.com',
      'Inbox - ceo@competitor.example',
    );
    expect(readSignedInAccount(page(forged))).toBeNull();
  });

  it('a title alone is not enough (the real capture has no header left)', () => {
    expect(page(THREAD).title).toContain('person1@example.com');
    expect(readSignedInAccount(page(THREAD))).toBeNull();
  });

  it('a label without an address in parentheses gives nothing', () => {
    expect(
      readSignedInAccount(page(HEADER.replace('(person1@example.com)', 'person1'))),
    ).toBeNull();
  });
});
