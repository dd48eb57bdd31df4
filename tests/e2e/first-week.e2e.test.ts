// A rep's first week in the built extension in Chromium (issue 22's side panel and options half):
// the welcome (name and addresses saved, skipped, opened again from Settings, the toolbar pin said),
// the daily list (opens on Overdue, worked in order, folded search, six whole cards in a 360×640 panel),
// focus after every shortcut, snooze days that agree with the due day (a Friday's "Monday"), a dated
// call, a won lead's thank-you, and the settings page's problems beside the field and its prompt
// before leaving with unsaved changes. Every browser starts at a stated instant (clock.ts).
import type { Page } from 'playwright-core';
import { addDaysToDay, localDayOf } from '../../lib/cadence/days';
import type { Prospect } from '../../lib/model';
import { ACCOUNT_NAME_KEY } from '../../lib/own-addresses';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import {
  atLocal,
  launchExtension,
  readDatabase,
  seedDatabase,
  until,
  type ExtensionSession,
} from './harness';
import { prospect } from './sidepanel-desk';

const DAY = 86_400_000;
let session: ExtensionSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function openPage(s: ExtensionSession, file: string, viewport = { width: 360, height: 720 }) {
  const page = await s.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setViewportSize(viewport);
  await page.goto(s.extensionUrl(file));
  return { page, errors };
}

/** Opens the panel once so its Dexie creates the schema, then seeds raw prospects. */
async function seedProspects(s: ExtensionSession, prospects: Prospect[]) {
  const page = await s.context.newPage();
  await page.goto(s.extensionUrl('sidepanel.html'));
  await page.getByRole('tab', { name: /Due today/ }).waitFor();
  await page.close();
  await seedDatabase(s.context, s.extensionId, { prospects });
}

/** The prospect id of the focused element, or what is focused when it is not a row. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return '(nothing)';
    return active.dataset.prospectId ?? `${active.tagName}:${active.textContent?.trim() ?? ''}`;
  });
}

async function waitForFocus(page: Page, expected: string) {
  return until(
    () => focused(page),
    (value) => value === expected,
  );
}

const settingsRow = async (s: ExtensionSession) =>
  (await readDatabase(s.context, s.extensionId)).settings[0] as Record<string, unknown> | undefined;

describe('day one: the welcome', () => {
  test('offered in the side panel, skipped with Not now, opened again from Settings, saves your name and addresses, and says whether the icon is pinned', async () => {
    session = await launchExtension();
    const s = session;
    const { page, errors } = await openPage(s, 'sidepanel.html');
    // What Gmail's account menu showed, as the content script keeps it.
    await page.evaluate(
      (key) => chrome.storage.local.set({ [key]: 'Sam Rivera' }),
      ACCOUNT_NAME_KEY,
    );
    const banner = page.getByRole('region', { name: 'Welcome' });
    await banner.getByText('New here? Two minutes to set up Fifth Touch.').waitFor();
    await banner.getByRole('button', { name: 'Not now' }).click();
    await banner.waitFor({ state: 'detached' });
    await until(
      () => settingsRow(s),
      (row) => row?.onboarding === 'skipped',
    );
    await page.reload();
    await page.getByRole('tab', { name: /Due today/ }).waitFor();
    expect(await page.getByRole('region', { name: 'Welcome' }).count()).toBe(0);

    // Reachable again from Settings.
    const options = await openPage(s, 'options.html', { width: 800, height: 900 });
    await options.page.getByRole('button', { name: 'Open the welcome again' }).click();
    const heading = options.page.getByRole('heading', { name: 'Welcome to Fifth Touch' });
    await heading.waitFor();
    expect(await heading.evaluate((h) => h === document.activeElement)).toBe(true);
    const name = options.page.getByRole('textbox', { name: 'Your name, as you sign your emails' });
    expect(await name.inputValue()).toBe('Sam Rivera');
    // The pin state as this browser tells it (headless Chromium: an icon not pinned).
    const isOnToolbar = await options.page.evaluate(async () => {
      const action = chrome.action as unknown as {
        getUserSettings?: () => Promise<{ isOnToolbar?: boolean }>;
      };
      return action.getUserSettings ? (await action.getUserSettings()).isOnToolbar : undefined;
    });
    expect(isOnToolbar).toBe(false);
    await options.page
      .getByRole('status')
      .getByText(/^Not pinned yet: the count of what is due today shows only on a pinned icon/)
      .waitFor();
    await options.page.getByText('Everything stays in this browser', { exact: false }).waitFor();
    await options.page.getByText('Not a prospect', { exact: true }).waitFor();

    await name.fill('Sam R.');
    await options.page
      .getByRole('textbox', { name: 'Addresses you send from (one a line)' })
      .fill('sam@acme.com\nsam.rivera@acme.com');
    await options.page.getByRole('button', { name: 'Save and start' }).click();
    await options.page.getByRole('button', { name: 'Open the welcome again' }).waitFor();
    expect(await settingsRow(s)).toMatchObject({
      myName: 'Sam R.',
      ownAddresses: ['sam@acme.com', 'sam.rivera@acme.com'],
      onboarding: 'done',
    });
    // The settings form below follows what the welcome saved.
    await until(
      () =>
        options.page
          .getByRole('textbox', { name: /Your name/ })
          .first()
          .inputValue(),
      (value) => value === 'Sam R.',
    );
    expect(errors).toEqual([]);
    expect(options.errors).toEqual([]);
  });

  test('Set up in the side panel takes focus, refuses a bad address beside its field, then saves', async () => {
    session = await launchExtension();
    const s = session;
    const { page, errors } = await openPage(s, 'sidepanel.html');
    await page
      .getByRole('region', { name: 'Welcome' })
      .getByRole('button', { name: 'Set up' })
      .click();
    const heading = page.getByRole('heading', { name: 'Welcome to Fifth Touch' });
    await heading.waitFor();
    expect(await heading.evaluate((h) => h === document.activeElement)).toBe(true);
    await page.getByRole('textbox', { name: 'Your name, as you sign your emails' }).fill('Sam');
    const addresses = page.getByRole('textbox', { name: 'Addresses you send from (one a line)' });
    await addresses.fill('not an address');
    await page.getByRole('button', { name: 'Save and start' }).click();
    expect(await addresses.getAttribute('aria-invalid')).toBe('true');
    await page.locator('.welcome .field-error').first().waitFor();
    // Nothing saved yet: the settings row is still the defaults, never written.
    expect((await settingsRow(s))?.onboarding ?? 'due').toBe('due');
    await addresses.fill('sam@acme.com');
    await page.getByRole('button', { name: 'Save and start' }).click();
    await page.getByRole('tab', { name: /Due today/ }).waitFor();
    expect(await page.getByRole('region', { name: 'Welcome' }).count()).toBe(0);
    expect(await settingsRow(s)).toMatchObject({
      myName: 'Sam',
      ownAddresses: ['sam@acme.com'],
      onboarding: 'done',
    });
    expect(errors).toEqual([]);
  });
});

/**
 * Eight overdue leads whose work order is known (the earliest due day, then the longest waiting,
 * then the lower touch number), José due today, and Wes due today to be won. Each overdue lead is
 * due on its step's channels in the default cadence (two at most steps: call and email, email and
 * Twitter/X…), with a phone, a handle and a LinkedIn profile, as after a CRM import: the cards
 * carry what a real day's do.
 */
function weekRows(now: number): Prospect[] {
  const today = localDayOf(now);
  const overdue = (
    id: string,
    name: string,
    daysOverdue: number,
    waitedDays: number,
    nextStep: number,
  ) =>
    prospect(
      {
        id,
        name,
        company: 'Overdue Inc',
        nextDueDay: addDaysToDay(today, -daysOverdue),
        nextStep,
        touchCount: nextStep - 1,
        lastTouchAt: now - waitedDays * DAY,
        nextChannels: [...DEFAULT_SETTINGS.cadence[nextStep - 1]!.channels],
        phone: '+1 555 0100',
        twitter: id,
        linkedinIds: [`${id}-lead`],
      },
      now,
    );
  return [
    // Inserted out of order: the panel sorts them.
    overdue('dan', 'Dan Higher', 1, 4, 4),
    overdue('fay', 'Fay Fresh', 1, 1, 2),
    overdue('cat', 'Cat Lower', 1, 4, 2),
    overdue('ann', 'Ann Earliest', 3, 6, 3),
    overdue('eve', 'Eve Two', 1, 2, 2),
    overdue('ben', 'Ben Longest', 1, 9, 2),
    overdue('gus', 'Gus Three', 1, 1, 3),
    overdue('hal', 'Hal Four', 1, 1, 4),
    prospect({ id: 'jose', name: 'José Álvarez', company: 'Añil', nextDueDay: today }, now),
    prospect({ id: 'wes', name: 'Wes Winner', company: 'Winco', nextDueDay: today }, now),
  ];
}
const WORK_ORDER = ['ann', 'ben', 'cat', 'dan', 'eve', 'fay', 'gus', 'hal'];

async function rowIds(page: Page, list: string): Promise<string[]> {
  return page
    .getByRole('list', { name: list })
    .locator('[data-prospect-row]')
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.prospectId ?? ''));
}

describe('the daily list', () => {
  test('opens on Overdue in work order, six whole cards in a 360×640 side panel and at 1366×768, and search folds accents', async () => {
    session = await launchExtension();
    const s = session;
    await seedProspects(s, weekRows(s.now()));
    // Chrome's side panel on a 1366×768 screen: about 360 px wide and 640 px tall.
    const { page, errors } = await openPage(s, 'sidepanel.html', { width: 360, height: 640 });
    // Onboarding put aside through the panel's own Not now (a saved setting).
    await page
      .getByRole('region', { name: 'Welcome' })
      .getByRole('button', { name: 'Not now' })
      .click();
    await page.getByRole('region', { name: 'Welcome' }).waitFor({ state: 'detached' });

    await page.getByRole('list', { name: 'Overdue' }).getByText('Ann Earliest').waitFor();
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('Overdue 8');
    expect(await rowIds(page, 'Overdue')).toEqual(WORK_ORDER);
    // The keys are said above the list, not below every card.
    const hintTop = (await page.locator('#list-keys').boundingBox())!.y;
    const listTop = (await page.getByRole('list', { name: 'Overdue' }).boundingBox())!.y;
    expect(hintTop).toBeLessThan(listTop);

    const wholeCards = () =>
      page
        .getByRole('list', { name: 'Overdue' })
        .locator('[data-prospect-row]')
        .evaluateAll((rows) => {
          const boxes = rows.map((row) => row.getBoundingClientRect());
          return {
            whole: boxes.filter((box) => box.top >= 0 && box.bottom <= window.innerHeight).length,
            heights: boxes.map((box) => Math.round(box.height)),
            listTop: Math.round(boxes[0]!.top),
            wide: document.documentElement.scrollWidth,
          };
        });
    const panel = await wholeCards();
    console.log('360×640 side panel:', JSON.stringify(panel));
    expect(panel.whole).toBeGreaterThanOrEqual(6);
    // Nothing sideways: the compact header and cards fit the panel's width.
    expect(panel.wide).toBeLessThanOrEqual(360);
    // The header (title and buttons, search, tabs, keys) takes one line each.
    expect(panel.listTop).toBeLessThanOrEqual(130);
    // Three lines a card: the name line, the facts line with the angle, one line of actions.
    for (const height of panel.heights) expect(height).toBeLessThanOrEqual(80);

    // The panel's page as a tab on the same screen (where a notification opens it).
    await page.setViewportSize({ width: 1366, height: 768 });
    const tab = await wholeCards();
    console.log('1366×768 page:', JSON.stringify(tab));
    expect(tab.whole).toBeGreaterThanOrEqual(6);

    const search = page.getByRole('searchbox', { name: 'Search prospects' });
    for (const query of ['Jose', 'jose alvarez', 'ANIL']) {
      await search.fill(query);
      await page
        .getByRole('list', { name: `Search results for ${query}` })
        .getByText('José Álvarez')
        .waitFor();
      expect(await rowIds(page, `Search results for ${query}`)).toEqual(['jose']);
    }
    expect(errors).toEqual([]);
  });

  test('focus stays on the row acted on or its neighbour after N, R, a snooze, S or T and Escape, and Enter then Back', async () => {
    session = await launchExtension();
    const s = session;
    await seedProspects(s, weekRows(s.now()));
    const { page, errors } = await openPage(s, 'sidepanel.html', { width: 360, height: 900 });
    const overdue = page.getByRole('list', { name: 'Overdue' });
    await overdue.getByText('Ann Earliest').waitFor();
    await overdue.locator('[data-prospect-row="0"]').focus();
    await waitForFocus(page, 'ann');

    // N: Ann leaves the list with her no; focus on her neighbour, and j moves on.
    await page.keyboard.press('n');
    await until(
      () => rowIds(page, 'Overdue'),
      (ids) => !ids.includes('ann'),
    );
    await waitForFocus(page, 'ben');
    await page.keyboard.press('j');
    await waitForFocus(page, 'cat');

    // R: Cat replied and leaves; focus on the row now in her place.
    await page.keyboard.press('r');
    await until(
      () => rowIds(page, 'Overdue'),
      (ids) => !ids.includes('cat'),
    );
    await waitForFocus(page, 'dan');
    await page.keyboard.press('j');
    await waitForFocus(page, 'eve');

    // S: the snooze menu takes focus on its first choice; Escape closes it and gives focus back.
    await page.keyboard.press('s');
    await waitForFocus(page, 'BUTTON:Tomorrow (Thu)');
    await page.keyboard.press('Escape');
    await page.getByRole('group', { name: 'Snooze Eve Two' }).waitFor({ state: 'detached' });
    await waitForFocus(page, 'eve');
    // S, then Enter on the first choice: Eve is snoozed and leaves; focus on her neighbour.
    await page.keyboard.press('s');
    await waitForFocus(page, 'BUTTON:Tomorrow (Thu)');
    await page.keyboard.press('Enter');
    await until(
      () => rowIds(page, 'Overdue'),
      (ids) => !ids.includes('eve'),
    );
    await waitForFocus(page, 'fay');
    await page.keyboard.press('j');
    await waitForFocus(page, 'gus');

    // Enter opens Gus; Back returns to his row, and j works at once.
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Gus Three' }).waitFor();
    await page.getByRole('button', { name: '← Back to the lists' }).click();
    await waitForFocus(page, 'gus');
    await page.keyboard.press('j');
    await waitForFocus(page, 'hal');

    // T: the touch form takes focus on its first field; Escape closes it and gives focus back.
    await page.keyboard.press('t');
    await page.getByRole('form', { name: 'Log a touch for Hal Four' }).waitFor();
    await until(
      () => page.evaluate(() => document.activeElement?.tagName),
      (tag) => tag === 'SELECT',
    );
    await page.keyboard.press('Escape');
    await page
      .getByRole('form', { name: 'Log a touch for Hal Four' })
      .waitFor({ state: 'detached' });
    await waitForFocus(page, 'hal');
    await page.keyboard.press('k');
    await waitForFocus(page, 'gus');

    const rows = await readDatabase(s.context, s.extensionId);
    const today = localDayOf(s.now());
    const kinds = rows.outcomes.map((o) => [o.prospectId, o.kind]).sort();
    expect(kinds).toEqual([
      ['ann', 'no'],
      ['cat', 'reply'],
      ['eve', 'snooze'],
    ]);
    expect(rows.prospects.find((p) => p.id === 'eve')!.nextDueDay).toBe(addDaysToDay(today, 1));
    expect(errors).toEqual([]);
  });
});

describe('dates that agree', () => {
  test('on a Friday the snooze says Monday and the lead comes due that Monday', async () => {
    // Friday 20 November 2026, 10:00 local.
    session = await launchExtension({ now: atLocal(2026, 11, 20, 10) });
    const s = session;
    expect(new Date(s.now()).getDay()).toBe(5);
    const today = localDayOf(s.now());
    await seedProspects(s, [
      prospect({ id: 'fri', name: 'Frida Friday', company: 'Weekday', nextDueDay: today }, s.now()),
    ]);
    const { page, errors } = await openPage(s, 'sidepanel.html');
    const row = page
      .getByRole('list', { name: 'Due today' })
      .getByRole('listitem')
      .filter({ hasText: 'Frida Friday' });
    await row.getByRole('button', { name: /Snooze/ }).click();
    const menu = page.getByRole('group', { name: 'Snooze Frida Friday' });
    // Tomorrow, in 3 days and next week all land on Monday with weekends skipped: one choice.
    expect(await menu.getByRole('button').allTextContents()).toEqual([
      'Monday',
      'Snooze to date',
      'Cancel',
    ]);
    await waitForFocus(page, 'BUTTON:Monday');
    await menu.getByRole('button', { name: 'Monday' }).click();
    await page.getByRole('tab', { name: 'Upcoming 1' }).waitFor();

    const monday = addDaysToDay(today, 3);
    expect(new Date(`${monday}T12:00:00`).getDay()).toBe(1);
    const rows = await readDatabase(s.context, s.extensionId);
    expect(rows.outcomes).toEqual([
      expect.objectContaining({ prospectId: 'fri', kind: 'snooze', until: monday }),
    ]);
    expect(rows.prospects[0]!.nextDueDay).toBe(monday);
    expect(errors).toEqual([]);
  });

  test('a call logged today for yesterday keeps yesterday; a future time is refused with a reason', async () => {
    session = await launchExtension();
    const s = session;
    const now = s.now();
    const today = localDayOf(now);
    await seedProspects(s, [
      prospect(
        {
          id: 'cal',
          name: 'Cal Phone',
          nextDueDay: today,
          nextChannels: ['call'],
          phone: '+1 555 0100',
        },
        now,
      ),
    ]);
    const { page, errors } = await openPage(s, 'sidepanel.html');
    const row = page
      .getByRole('list', { name: 'Due today' })
      .getByRole('listitem')
      .filter({ hasText: 'Cal Phone' });
    // The call step shows the number as a tel: link.
    expect(await row.getByRole('link', { name: /555 0100/ }).getAttribute('href')).toBe(
      'tel:+15550100',
    );

    await row.getByRole('button', { name: /Log touch/ }).click();
    const form = page.getByRole('form', { name: 'Log a touch for Cal Phone' });
    const when = form.getByLabel('When');
    // A future time: refused beside the field, nothing stored.
    const tomorrow = addDaysToDay(today, 1);
    await when.fill(`${tomorrow}T09:00`);
    await form.getByRole('button', { name: 'Log' }).click();
    await form.getByRole('alert').getByText('A touch cannot be in the future.').waitFor();
    expect(await when.getAttribute('aria-invalid')).toBe('true');
    expect((await readDatabase(s.context, s.extensionId)).touches).toEqual([]);

    // Yesterday at 16:30: stored at that instant, on that day.
    const yesterday = addDaysToDay(today, -1);
    await when.fill(`${yesterday}T16:30`);
    await form.getByRole('combobox', { name: 'Channel' }).selectOption('call');
    await form.getByRole('textbox', { name: 'Summary' }).fill('Talked budgets');
    await form.getByRole('button', { name: 'Log' }).click();
    await form.waitFor({ state: 'detached' });
    const [y, m, d] = yesterday.split('-').map(Number) as [number, number, number];
    const touches = await until(
      async () => (await readDatabase(s.context, s.extensionId)).touches,
      (list) => list.length === 1,
    );
    expect(touches[0]).toMatchObject({
      prospectId: 'cal',
      channel: 'call',
      summary: 'Talked budgets',
      source: 'manual',
      at: atLocal(y, m, d, 16, 30),
      day: yesterday,
    });
    expect(errors).toEqual([]);
  });
});

describe('won means thank you', () => {
  test('a lead won with W offers its thank-you draft and no Log no', async () => {
    session = await launchExtension();
    const s = session;
    await seedProspects(s, weekRows(s.now()));
    const { page, errors } = await openPage(s, 'sidepanel.html');
    await page.getByRole('tab', { name: /Due today/ }).click();
    const today = page.getByRole('list', { name: 'Due today' });
    await today.getByText('Wes Winner').waitFor();
    await today.locator('[data-prospect-id="wes"]').focus();
    await page.keyboard.press('w');
    await page.getByRole('tab', { name: 'Closed 1' }).waitFor();
    await page.getByRole('tab', { name: 'Closed 1' }).click();
    const wes = page
      .getByRole('list', { name: 'Closed' })
      .getByRole('listitem')
      .filter({ hasText: 'Wes Winner' });
    const draft = wes.getByRole('button', { name: 'Draft: Thank-you' });
    await draft.waitFor();
    expect(await wes.getByRole('button', { name: /Log no/ }).count()).toBe(0);
    await draft.click();
    const message = wes.getByLabel('Suggested message');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/thank/i);
    const rows = await readDatabase(s.context, s.extensionId);
    expect(rows.prospects.find((p) => p.id === 'wes')).toMatchObject({ status: 'won' });
    expect(errors).toEqual([]);
  });
});

describe('settings', () => {
  test('a problem is said beside its field, and leaving with unsaved changes asks first', async () => {
    session = await launchExtension();
    const s = session;
    const { page, errors } = await openPage(s, 'options.html', { width: 900, height: 800 });
    const nos = page.getByRole('spinbutton', { name: 'Nos before closing' });
    await nos.waitFor();
    // Each field says what it does.
    await page
      .locator('[data-field="nosThreshold"]')
      .getByText('A “no” means “not now” until this many; then the lead is closed.')
      .waitFor();
    await nos.fill('0');
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    const beside = page.locator('[data-field="nosThreshold"] .field-error');
    await beside.waitFor();
    // Beside the field: within a few lines of it, not at the bottom of the page.
    const fieldBox = (await nos.boundingBox())!;
    const problemBox = (await beside.boundingBox())!;
    expect(problemBox.y - (fieldBox.y + fieldBox.height)).toBeLessThan(80);
    expect(await nos.getAttribute('aria-invalid')).toBe('true');
    expect(await beside.textContent()).not.toMatch(/minValue|Invalid|Expected/);
    // Focus goes to the field that needs a change.
    await until(
      () => nos.evaluate((input) => input === document.activeElement),
      (isFocused) => isFocused,
    );
    expect(await settingsRow(s)).toBeUndefined();

    // Leaving asks first; staying keeps the edit.
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await until(
      async () => asked,
      (list) => list.length > 0,
    );
    expect(asked).toEqual(['beforeunload']);
    expect(page.isClosed()).toBe(false);
    expect(await nos.inputValue()).toBe('0');

    // Saved, it leaves without a word.
    await nos.fill('4');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    expect(await settingsRow(s)).toMatchObject({ nosThreshold: 4 });
    await page.close({ runBeforeUnload: true });
    await until(
      async () => page.isClosed(),
      (closed) => closed,
    );
    expect(asked).toEqual(['beforeunload']);
    expect(errors).toEqual([]);
  });
});
