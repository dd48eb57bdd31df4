import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeWatchRoots } from './read-compose';
import { findNudgedRows, findNudgeElement, hasGmailNudge, hasThreadNudge } from './read-nudge';

import { Window } from 'happy-dom';

/** A saved page in its own document (happy-dom's window, so nothing is fetched). */
function page(file: string): Document {
  const window = new Window({ url: 'https://mail.google.com/mail/u/0/' });
  return new window.DOMParser().parseFromString(
    readFileSync(path.resolve(process.cwd(), file), 'utf8'),
    'text/html',
  ) as unknown as Document;
}
const LIST = 'tests/fixtures/gmail/inbox-list-rows.html';
const THREAD = '../shared/fixtures/gmail/dom/thread-view-2025.html';
const COMPOSE = '../shared/fixtures/gmail/dom/compose-new-2020.html';

describe("Gmail's nudge in thread-list rows", () => {
  it('finds the nudged rows, the element showing the nudge, and the people each names', () => {
    const rows = findNudgedRows(page(LIST));
    expect(rows.map((r) => r.row.id)).toEqual([':1a', ':1b', ':1d']);
    expect(rows.map((r) => r.nudge.textContent)).toEqual([
      'Sent 3 days ago. Follow up?',
      'Received 5 days ago. Reply?',
      'Sent 6 days ago. Follow up?',
    ]);
    // The smallest element: the nudge's own span, not the subject area around it.
    for (const r of rows) expect(r.nudge.children).toHaveLength(0);
    expect(rows.map((r) => r.emails)).toEqual([
      ['me@myco.example', 'jane.doe@acme.example'],
      ['sam.lee@beta.example'],
      ['me@myco.example', 'kim@delta.example'],
    ]);
  });

  it('the real list in the thread capture shows no nudge, and neither does a compose', () => {
    const thread = page(THREAD);
    expect(findNudgedRows(thread)).toEqual([]);
    expect(findNudgedRows(page(COMPOSE))).toEqual([]);
  });

  it('a nudge only inside a long text (a row summary) gives no element to sit beside', () => {
    const doc = page(LIST);
    const row = doc.getElementById(':1c')!;
    const summary = doc.createElement('div');
    summary.textContent =
      'unread, me, Ola, Sent 3 days ago. Follow up? Intro: Gamma x MyCo, Nov 23, Great to meet you yesterday';
    row.querySelector('td.yX')!.prepend(summary);
    expect(hasGmailNudge(row)).toBe(true);
    expect(findNudgeElement(row)).toBeNull();
    expect(findNudgedRows(doc).map((r) => r.row.id)).toEqual([':1a', ':1b', ':1d']);
  });

  it('finds the nudge in other words Gmail uses, and not in a subject that only quotes part of it', () => {
    const doc = page(LIST);
    const nudge = doc.getElementById(':1a')!.querySelector('.y6 > span')!;
    nudge.textContent = 'Vor 4 Tagen gesendet. Nachfassen?';
    expect(findNudgedRows(doc).map((r) => r.row.id)).toContain(':1a');
    nudge.textContent = 'Follow up? Notes from the call';
    expect(findNudgedRows(doc).map((r) => r.row.id)).not.toContain(':1a');
  });
});

describe("Gmail's nudge on an open thread", () => {
  it("the list's nudged rows (kept hidden in main while a thread is open) are not the thread's nudge", () => {
    const doc = page(LIST);
    const main = doc.querySelector('[role="main"]')!;
    expect(hasGmailNudge(main)).toBe(true);
    expect(hasThreadNudge(main)).toBe(false);
    const threadNudge = doc.createElement('div');
    threadNudge.textContent = 'Sent 4 days ago. Follow up?';
    main.append(threadNudge);
    expect(hasThreadNudge(main)).toBe(true);
  });

  it('the real thread capture shows none', () => {
    expect(hasThreadNudge(page(THREAD).querySelector('[role="main"]'))).toBe(false);
  });
});

describe('composeWatchRoots', () => {
  it("once Gmail's compose dock exists: its compose parent, the full-screen container, main", () => {
    const doc = page(LIST);
    const roots = composeWatchRoots(doc);
    expect(roots.map((r) => r.className)).toEqual(['no', 'aSt', 'nH']);
    expect(roots[2]!.getAttribute('role')).toBe('main');
    // Every compose on the page is inside a watched root.
    const dialog = doc.querySelector('[role="dialog"]')!;
    expect(roots.some((r) => r.contains(dialog))).toBe(true);
  });

  it('the real 2025 page has the dock: its compose parent and the main region', () => {
    const roots = composeWatchRoots(page(THREAD));
    expect(roots).toHaveLength(2);
    expect(roots[0]!.className).toBe('no');
    expect(roots[1]!.getAttribute('role')).toBe('main');
    // The thread's inline reply areas sit in the main region, so an inline reply is watched.
    expect(roots[1]!.querySelectorAll('.ip').length).toBeGreaterThan(0);
  });

  it('before the dock exists: nothing narrower than the page is safe to watch', () => {
    expect(composeWatchRoots(page(COMPOSE))).toEqual([]);
  });
});
