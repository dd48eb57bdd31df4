// The side panel and the options page in the built extension: a seeded database is listed in the
// right sections, one click logs a reply that lands in IndexedDB, and a setting saved on the
// options page is stored.
import { addDaysToDay, localDayOf } from '../../lib/cadence/days';
import { launchExtension, readDatabase, seedDatabase, type ExtensionSession } from './harness';
import { prospect } from './sidepanel-desk';

let session: ExtensionSession;

beforeEach(async () => {
  session = await launchExtension();
});

afterEach(async () => {
  await session?.close();
});

/** Opens the panel once so its Dexie creates the schema, then seeds raw rows. */
async function seedDesk() {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('sidepanel.html'));
  await page.getByRole('tab', { name: /Due today/ }).waitFor();
  await page.close();
  const now = session.now();
  const today = localDayOf(now);
  await seedDatabase(session.context, session.extensionId, {
    prospects: [
      prospect(
        {
          id: 'jane',
          name: 'Jane Doe',
          company: 'Acme',
          nextDueDay: addDaysToDay(today, -3),
          nextChannels: ['email', 'linkedin'],
          nextStep: 4,
          touchCount: 3,
          lastTouchAt: now - 5 * 86_400_000,
        },
        now,
      ),
      prospect(
        {
          id: 'omar',
          name: 'Omar Haddad',
          company: 'Globex',
          nextDueDay: addDaysToDay(today, -1),
          nextStep: 2,
          touchCount: 1,
          lastTouchAt: now - 2 * 86_400_000,
        },
        now,
      ),
      prospect({ id: 'bob', name: 'Bob Stone', company: 'Quarry', nextDueDay: today }, now),
      prospect({ id: 'eve', name: '<img src=x onerror=alert(1)>', nextDueDay: today }, now),
    ],
  });
}

describe('the side panel in Chromium', () => {
  test('lists seeded due and overdue prospects, and Log reply stores a reply', async () => {
    await seedDesk();
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      errors.push(`unexpected dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(session.extensionUrl('sidepanel.html'));

    await page.getByRole('tab', { name: 'Overdue 2' }).waitFor();
    await page.getByRole('tab', { name: 'Due today 2' }).waitFor();
    // With overdue work, the panel opens on it (the most urgent list with anything in it), the
    // longest overdue first.
    const overdue = page.getByRole('list', { name: 'Overdue' });
    await overdue.getByText('Jane Doe').waitFor();
    expect(await page.getByRole('tab', { selected: true }).textContent()).toMatch(/^Overdue/);
    expect(await overdue.getByRole('listitem').count()).toBe(2);
    expect(await overdue.getByRole('listitem').first().textContent()).toContain('Jane Doe');

    await page.getByRole('tab', { name: /Due today/ }).click();
    const today = page.getByRole('list', { name: 'Due today' });
    await today.getByText('Bob Stone').waitFor();
    // A hostile name is text, not markup.
    await today.getByText('<img src=x onerror=alert(1)>').waitFor();
    expect(await page.locator('img').count()).toBe(0);

    await page.getByRole('tab', { name: /Overdue/ }).click();
    await overdue.getByText('Jane Doe').waitFor();
    const janeRow = overdue.getByRole('listitem').filter({ hasText: 'Jane Doe' });
    expect(await janeRow.textContent()).toContain('touch 4 of 9');
    expect(await janeRow.textContent()).toContain('last touch 5 days ago');

    await janeRow.getByRole('button', { name: /Log reply/ }).click();
    await page.getByRole('tab', { name: 'Replied 1' }).waitFor();
    await page.getByRole('tab', { name: 'Overdue 1' }).waitFor();
    await page.getByRole('status').getByText('Reply logged: Jane Doe').waitFor();

    const rows = await readDatabase(session.context, session.extensionId);
    expect(rows.outcomes).toEqual([
      expect.objectContaining({
        prospectId: 'jane',
        kind: 'reply',
        day: localDayOf(session.now()),
      }),
    ]);
    expect(rows.prospects.find((p) => p.id === 'jane')).toMatchObject({ status: 'replied' });
    expect(rows.prospects.find((p) => p.id === 'jane')?.nextDueDay).toBeUndefined();

    // The report loads on demand, with its chart drawn by Chart.js on a real canvas.
    await page.getByRole('button', { name: 'Friday report' }).click();
    const leads = page.getByRole('table', { name: 'Leads this week' });
    await leads.waitFor();
    // Only leads worked this week are listed: Jane, whose reply was just logged (the seeded
    // touches and outcomes are from earlier weeks).
    expect(await leads.getByRole('row').count()).toBe(2);
    expect(await leads.getByRole('row').nth(1).textContent()).toContain('Jane');
    await page.getByRole('table', { name: 'Your persistence' }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe('the side panel opened on a prospect', () => {
  test('shows the prospect named by ?prospect=, and the one the background focuses while open', async () => {
    await seedDesk();
    // The fallback page a notification opens when the panel itself cannot.
    const fallback = await session.context.newPage();
    await fallback.goto(session.extensionUrl('sidepanel.html?prospect=omar'));
    await fallback.getByRole('heading', { level: 2, name: 'Omar Haddad' }).waitFor();
    await fallback.close();

    // The panel already open: the background leaves the focus in session storage after opening it
    // (written here from another extension page, as the worker does).
    const panel = await session.context.newPage();
    await panel.goto(session.extensionUrl('sidepanel.html'));
    await panel.getByRole('tab', { name: /Due today/ }).waitFor();
    expect(await panel.getByRole('heading', { level: 2 }).count()).toBe(0);
    const writer = await session.context.newPage();
    await writer.goto(session.extensionUrl('sidepanel.html'));
    await writer.evaluate(() =>
      chrome.storage.session.set({ panelFocus: { prospectId: 'bob', at: Date.now() } }),
    );
    await panel.getByRole('heading', { level: 2, name: 'Bob Stone' }).waitFor();

    // A panel opened right after (the focus is fresh) shows it too; a stale focus is ignored.
    const next = await session.context.newPage();
    await next.goto(session.extensionUrl('sidepanel.html'));
    await next.getByRole('heading', { level: 2, name: 'Bob Stone' }).waitFor();
    await writer.evaluate(() =>
      chrome.storage.session.set({
        panelFocus: { prospectId: 'jane', at: Date.now() - 3_600_000 },
      }),
    );
    const later = await session.context.newPage();
    await later.goto(session.extensionUrl('sidepanel.html'));
    await later.getByRole('tab', { name: /Due today/ }).waitFor();
    await later.getByRole('list', { name: 'Overdue' }).getByText('Omar Haddad').waitFor();
    expect(await later.getByRole('heading', { level: 2 }).count()).toBe(0);
  });
});

describe('the options page in Chromium', () => {
  test('saves a changed setting to the database, and refuses an invalid one with a reason', async () => {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('options.html'));
    const nos = page.getByRole('spinbutton', { name: 'Nos before closing' });
    await nos.waitFor();
    expect(await nos.inputValue()).toBe('5');
    await nos.fill('3');
    await page.getByRole('checkbox', { name: 'Show Fifth Touch on LinkedIn pages' }).uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();

    let rows = await readDatabase(session.context, session.extensionId);
    expect(rows.settings).toEqual([
      expect.objectContaining({ id: 'user', nosThreshold: 3, showOnLinkedIn: false }),
    ]);

    await page.getByRole('textbox', { name: /Your domains/ }).fill('gmail.com');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // Said beside the field, in plain words, and named in the save bar; nothing stored.
    await page
      .getByRole('alert')
      .getByText(/Not saved: one field needs a change \(Your domains\)/)
      .waitFor();
    const domains = page.getByRole('textbox', { name: /Your domains/ });
    expect(await domains.getAttribute('aria-invalid')).toBe('true');
    const beside = await domains.evaluate((field) =>
      (field.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(beside).toMatch(/Line 1 \(“gmail\.com”\).*public mail domain/);
    expect(
      await page
        .locator('[data-field="ownDomains"]')
        .getByText(/public mail domain/)
        .isVisible(),
    ).toBe(true);
    rows = await readDatabase(session.context, session.extensionId);
    expect(rows.settings).toEqual([expect.objectContaining({ ownDomains: [] })]);
  });
});
