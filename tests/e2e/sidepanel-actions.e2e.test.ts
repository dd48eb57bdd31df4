// The side panel's one-click actions in the built extension in Chromium, as the rep sees them: a
// "no", a reply, a snooze and a manual call each move the prospect between the lists and change
// the toolbar badge (read in the service worker). Then the panel's import/export UI: a 5,000-row
// CSV with its progress bar and refused rows, and a JSON backup that restores an identical store.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addDaysToDay, localDayOf } from '../../lib/cadence/days';
import {
  launchExtension,
  readDatabase,
  seedDatabase,
  type DatabaseRows,
  type ExtensionSession,
  until,
} from './harness';
import { badgeText, seedDesk } from './sidepanel-desk';

let session: ExtensionSession;

beforeEach(async () => {
  session = await launchExtension();
});

afterEach(async () => {
  await session?.close();
});

async function openPanel(): Promise<{ page: Page; errors: string[] }> {
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(session.extensionUrl('sidepanel.html'));
  return { page, errors };
}

/**
 * The five tabs' counts by their names, e.g. { Overdue: 2, 'Due today': 2, … } (a tab shorter on
 * screen, "Today 2", carries its full name in aria-label).
 */
async function tabCounts(page: Page): Promise<Record<string, number>> {
  const labels = await page
    .getByRole('tab')
    .evaluateAll((tabs) =>
      tabs.map((tab) => tab.getAttribute('aria-label') ?? tab.textContent ?? ''),
    );
  return Object.fromEntries(
    labels.map((label) => {
      const match = /^(.*?)\s*(\d+)$/.exec(label.trim());
      return [match?.[1] ?? label, match ? Number(match[2]) : NaN];
    }),
  );
}

async function waitForCounts(page: Page, expected: Record<string, number>) {
  return until(
    () => tabCounts(page),
    (counts) => Object.entries(expected).every(([tab, count]) => counts[tab] === count),
  );
}

const waitForBadge = (text: string) =>
  until(
    () => badgeText(session),
    (badge) => badge === text,
  );

/** A prospect's row in the list the rep sees under `listName`. */
function rowOf(page: Page, prospectName: string, listName: string) {
  return page
    .getByRole('list', { name: listName })
    .getByRole('listitem')
    .filter({ hasText: prospectName });
}

describe('one-click actions in the side panel', () => {
  test('a no, a reply, a snooze and a manual call each move the lists and the badge', async () => {
    await seedDesk(session);
    await waitForBadge('4');
    const { page, errors } = await openPanel();
    await waitForCounts(page, { Overdue: 2, 'Due today': 2, Upcoming: 1, Replied: 1, Closed: 1 });
    // With overdue work the panel opens on it.
    await page.getByRole('list', { name: 'Overdue' }).waitFor();

    // A "no" on Bob (due today): he leaves today's list, the panel says when the next touch is.
    await page.getByRole('tab', { name: /Due today/ }).click();
    const bob = rowOf(page, 'Bob Stone', 'Due today');
    await bob.getByRole('button', { name: /Log no/ }).click();
    await page
      .getByRole('status')
      .getByText(/^No 1 of 5: next touch /)
      .waitFor();
    await waitForCounts(page, { Overdue: 2, 'Due today': 1 });
    await waitForBadge('3');
    expect(await page.getByRole('list', { name: 'Due today' }).textContent()).not.toContain(
      'Bob Stone',
    );
    await page.getByRole('searchbox', { name: 'Search prospects' }).fill('Bob');
    await rowOf(page, 'Bob Stone', 'Search results for Bob').getByText('1 of 5 nos').waitFor();
    await page.getByRole('searchbox', { name: 'Search prospects' }).fill('');

    // A reply from Jane (overdue): she moves to Replied.
    await page.getByRole('tab', { name: /Overdue/ }).click();
    await rowOf(page, 'Jane Doe', 'Overdue')
      .getByRole('button', { name: /Log reply/ })
      .click();
    await page.getByRole('status').getByText('Reply logged: Jane Doe').waitFor();
    await waitForCounts(page, { Overdue: 1, Replied: 2 });
    await waitForBadge('2');
    await page.getByRole('tab', { name: /Replied/ }).click();
    await rowOf(page, 'Jane Doe', 'Replied').waitFor();

    // Omar (overdue) snoozed until tomorrow, each choice named by its day (the browser's clock is
    // on a Wednesday; in 3 days and next week both land on Monday, offered once): he moves to Upcoming.
    await page.getByRole('tab', { name: /Overdue/ }).click();
    await rowOf(page, 'Omar Haddad', 'Overdue')
      .getByRole('button', { name: /Snooze/ })
      .click();
    const snoozeMenu = page.getByRole('group', { name: 'Snooze Omar Haddad' });
    expect(await snoozeMenu.getByRole('button').allTextContents()).toEqual([
      'Tomorrow (Thu)',
      'Monday',
      'Snooze to date',
      'Cancel',
    ]);
    await snoozeMenu.getByRole('button', { name: 'Tomorrow (Thu)' }).click();
    await waitForCounts(page, { Overdue: 0 });
    await waitForBadge('1');
    await page.getByRole('tab', { name: /Upcoming/ }).click();
    await rowOf(page, 'Omar Haddad', 'Upcoming').waitFor();

    // A call to Dana logged by hand: the touch is stored and she is no longer due today.
    await page.getByRole('tab', { name: /Due today/ }).click();
    await rowOf(page, 'Dana Scully', 'Due today')
      .getByRole('button', { name: /Log touch/ })
      .click();
    const form = page.getByRole('form', { name: 'Log a touch for Dana Scully' });
    await form.getByRole('combobox', { name: 'Channel' }).selectOption('call');
    await form.getByRole('textbox', { name: 'Summary' }).fill('Called, left a voicemail');
    await form.getByRole('button', { name: 'Log' }).click();
    await waitForCounts(page, { 'Due today': 0 });
    await page.getByText('Nothing due today.').waitFor();
    // The badge counts what is due today or overdue: the tabs and the badge agree.
    const counts = await tabCounts(page);
    await waitForBadge(String((counts.Overdue ?? 0) + (counts['Due today'] ?? 0) || ''));

    const rows = await readDatabase(session.context, session.extensionId);
    const today = localDayOf(session.now());
    const byId = (id: string) => rows.prospects.find((p) => p.id === id);
    expect(byId('bob')).toMatchObject({ status: 'active', noCount: 1 });
    expect(byId('bob')!.nextDueDay! > today).toBe(true);
    expect(byId('jane')).toMatchObject({ status: 'replied' });
    expect(byId('omar')!.nextDueDay).toBe(addDaysToDay(today, 1));
    expect(byId('dana')).toMatchObject({ touchCount: 1, nextStep: 2 });
    expect(rows.touches.filter((t) => t.prospectId === 'dana')).toMatchObject([
      { channel: 'call', summary: 'Called, left a voicemail', source: 'manual', direction: 'out' },
    ]);
    expect(
      rows.outcomes
        .filter((o) => o.day === today)
        .map((o) => [o.prospectId, o.kind])
        .sort(),
    ).toEqual([
      ['bob', 'no'],
      ['jane', 'reply'],
      ['omar', 'snooze'],
    ]);
    expect(errors).toEqual([]);
  });
});

/** 5,000 data rows: every 250th has a bad address, every 500th (offset) has no identity at all. */
function bigCsv(): { text: string; valid: number; refused: string[] } {
  const lines = ['Name,Email,Company,Tags'];
  const refused: string[] = [];
  let valid = 0;
  for (let i = 1; i <= 5000; i++) {
    const line = i + 1;
    if (i % 250 === 0) {
      lines.push(`Bad ${i},bad${i}@,Broken Co,import`);
      refused.push(`Line ${line}, column Email: `);
    } else if (i % 500 === 125) {
      lines.push(`Nobody ${i},,Ghost Co,import`);
      refused.push(`Line ${line}: needs an email address or a LinkedIn profile`);
    } else {
      lines.push(`Lead ${i},lead${i}@bulk${i % 37}.example,Company ${i % 91},import`);
      valid += 1;
    }
  }
  return { text: `${lines.join('\n')}\n`, valid, refused };
}

describe('import and export in the side panel', () => {
  test('a 5,000-row CSV shows its progress moving, lands every valid row and lists the refused ones', async () => {
    await seedDesk(session);
    const { page, errors } = await openPanel();
    await page.getByRole('button', { name: 'Import/export' }).click();
    const csv = bigCsv();
    expect(csv.refused).toHaveLength(30);
    await page.getByLabel('CSV file (up to 20 MB)').setInputFiles({
      name: 'leads-5000.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv.text),
    });
    const importButton = page.getByRole('button', { name: `Import ${csv.valid} leads` });
    await importButton.waitFor({ timeout: 30_000 });
    await page.getByText(`${csv.refused.length} rows will not be imported:`).waitFor();
    const shown = await page
      .getByRole('list', { name: 'Rows not imported' })
      .getByRole('listitem')
      .allTextContents();
    // The first 20 with their reasons, then how many more.
    expect(shown).toHaveLength(20);
    shown.forEach((problem, i) => expect(problem.startsWith(csv.refused[i]!)).toBe(true));
    expect(shown[0]).toBe('Line 126: needs an email address or a LinkedIn profile');
    expect(shown[1]).toMatch(/^Line 251, column Email: .*"bad250@"/);
    await page.getByText(`…and ${csv.refused.length - 20} more.`).waitFor();

    // Every value the progress bar shows, recorded in the page as React commits it.
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('progress');
        if (bar && seen[seen.length - 1] !== bar.value) seen.push(bar.value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await importButton.click();
    await page
      .getByRole('status')
      .getByText(`Imported ${csv.valid} leads.`)
      .waitFor({ timeout: 60_000 });
    const progress = await page.evaluate(
      () => (window as unknown as { progressSeen: number[] }).progressSeen,
    );
    const between = progress.filter((value) => value > 0 && value < csv.valid);
    expect(new Set(between).size).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const rows = await readDatabase(session.context, session.extensionId);
    const imported = rows.prospects.filter((p) => p.tags.includes('import'));
    expect(imported).toHaveLength(csv.valid);
    expect(rows.prospects).toHaveLength(csv.valid + 7);
    expect(new Set(imported.map((p) => p.emails[0])).size).toBe(csv.valid);
    expect(imported.some((p) => /^(Bad|Nobody) /.test(p.name))).toBe(false);
    expect(errors).toEqual([]);
  });

  test('a JSON backup exported through the UI restores an identical database after a wipe', async () => {
    await seedDesk(session);
    const { page, errors } = await openPanel();
    // Some history written by the panel itself, so the backup carries more than the seed.
    await page.getByRole('tab', { name: /Due today/ }).click();
    await rowOf(page, 'Bob Stone', 'Due today')
      .getByRole('button', { name: /Log no/ })
      .click();
    await page
      .getByRole('status')
      .getByText(/^No 1 of 5/)
      .waitFor();
    const before = await readDatabase(session.context, session.extensionId);
    expect(before.outcomes).toHaveLength(3);

    await page.getByRole('button', { name: 'Import/export' }).click();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-backup-'));
    try {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export backup (JSON)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^fifth-touch-backup-\d{4}-\d{2}-\d{2}\.json$/);
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);

      // Wipe every store and leave a stranger behind, with raw IndexedDB.
      await page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('fifth-touch');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const names = [...db.objectStoreNames];
        const tx = db.transaction(names, 'readwrite');
        for (const name of names) tx.objectStore(name).clear();
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      });
      await seedDatabase(session.context, session.extensionId, {
        prospects: [{ ...before.prospects[0]!, id: 'stranger', name: 'Not in the backup' }],
      });
      const wiped = await readDatabase(session.context, session.extensionId);
      expect(wiped.prospects.map((p) => p.id)).toEqual(['stranger']);
      expect(wiped.touches).toEqual([]);

      await page.getByLabel('Restore from a backup file').setInputFiles(file);
      await page
        .getByText(/Replace everything with this backup: 7 prospects, 5 touches, 3 outcomes\?/)
        .waitFor();
      await page.getByRole('button', { name: 'Replace with backup' }).click();
      await page.getByRole('status').getByText('Restored 7 prospects.').waitFor();

      const after = await readDatabase(session.context, session.extensionId);
      const sorted = (rows: DatabaseRows) =>
        Object.fromEntries(
          Object.entries(rows).map(([store, list]) => [
            store,
            [...(list as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id)),
          ]),
        );
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      expect(sorted(after)).toEqual(sorted(before));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(errors).toEqual([]);
  });
});
