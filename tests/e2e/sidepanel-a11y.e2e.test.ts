// The accessibility check in a real browser: axe-core on the built side panel and options page in
// Chromium at the side panel's width, light and dark, with the rules happy-dom cannot run (colour
// contrast over painted backgrounds, target sizes) switched on.
import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionSession } from './harness';
import { axeViolations, seedDesk } from './sidepanel-desk';

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension();
  await seedDesk(session);
});

afterAll(async () => {
  await session?.close();
});

/** Every state the rep can reach, each checked by axe once it is on screen. */
const STATES: [string, (page: Page) => Promise<void>][] = [
  [
    'Overdue, where the panel opens, with the first-run welcome offered above it',
    async (page) => {
      await page.getByRole('list', { name: 'Overdue' }).getByText('Jane Doe').waitFor();
      await page.getByRole('region', { name: 'Welcome' }).waitFor();
    },
  ],
  [
    'the welcome in the side panel',
    async (page) => {
      await page.getByRole('button', { name: 'Set up' }).click();
      await page.getByRole('heading', { name: 'Welcome to Fifth Touch' }).waitFor();
    },
  ],
  [
    'Due today',
    async (page) => {
      // The welcome is left without saving or skipping: the panel opened again.
      await page.reload();
      await page.getByRole('tab', { name: /Due today/ }).click();
      await page.getByRole('list', { name: 'Due today' }).getByText('Bob Stone').waitFor();
    },
  ],
  [
    'Overdue with an angle open and the snooze menu',
    async (page) => {
      await page.getByRole('tab', { name: /Overdue/ }).click();
      const overdue = page.getByRole('list', { name: 'Overdue' });
      const jane = overdue.getByRole('listitem').filter({ hasText: 'Jane Doe' });
      await jane.getByRole('button', { name: /^Angle: / }).click();
      await jane.getByLabel('Suggested message').waitFor();
      await jane.getByRole('button', { name: /Snooze/ }).click();
      await page.getByRole('group', { name: 'Snooze Jane Doe' }).waitFor();
    },
  ],
  [
    'Upcoming with the manual touch form',
    async (page) => {
      await page.getByRole('tab', { name: /Upcoming/ }).click();
      const carol = page
        .getByRole('list', { name: 'Upcoming' })
        .getByRole('listitem')
        .filter({ hasText: 'Carol King' });
      await carol.getByRole('button', { name: /Log touch/ }).click();
      await page.getByRole('form', { name: 'Log a touch for Carol King' }).waitFor();
    },
  ],
  [
    'Replied',
    async (page) => {
      await page.getByRole('tab', { name: /Replied/ }).click();
      await page.getByRole('list', { name: 'Replied' }).getByText('Rae Replied').waitFor();
    },
  ],
  [
    'Closed',
    async (page) => {
      await page.getByRole('tab', { name: /Closed/ }).click();
      await page.getByRole('list', { name: 'Closed' }).getByText('Wes Won').waitFor();
    },
  ],
  [
    "a prospect's page with the edit and merge dialogs",
    async (page) => {
      await page.getByRole('searchbox', { name: 'Search prospects' }).fill('Jane');
      await page
        .getByRole('list', { name: 'Search results for Jane' })
        .getByRole('button', { name: 'Jane Doe' })
        .click();
      await page.getByRole('list', { name: 'Timeline' }).waitFor();
      await page.getByRole('button', { name: 'Edit' }).click();
      await page.getByRole('dialog', { name: 'Edit Jane Doe' }).waitFor();
      await page.getByRole('button', { name: 'Merge…' }).click();
      await page.getByRole('dialog', { name: 'Merge into Jane Doe' }).waitFor();
    },
  ],
  [
    'the add form',
    async (page) => {
      await page.getByRole('button', { name: '+ Add' }).click();
      await page.getByRole('dialog', { name: 'Add a prospect' }).waitFor();
    },
  ],
  [
    'the Friday report',
    async (page) => {
      await page.getByRole('button', { name: 'Friday report' }).click();
      await page.getByRole('table', { name: 'Leads this week' }).waitFor();
      await page.getByRole('table', { name: 'Your persistence' }).waitFor();
    },
  ],
  [
    'import and export with a previewed CSV',
    async (page) => {
      await page.getByRole('button', { name: 'Import/export' }).click();
      await page.getByLabel('CSV file (up to 20 MB)').setInputFiles({
        name: 'leads.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Name,Email,Company\nAnn,ann@a.com,A\nBad,bad@,B\n'),
      });
      await page.getByRole('list', { name: 'Rows not imported' }).waitFor();
    },
  ],
];

describe.each(['light', 'dark'] as const)('axe in Chromium, %s theme', (colorScheme) => {
  test('the side panel at 360 px: every list, a prospect, the forms, the report, import/export', async () => {
    const page = await session.context.newPage();
    try {
      await page.setViewportSize({ width: 360, height: 720 });
      await page.emulateMedia({ colorScheme });
      await page.goto(session.extensionUrl('sidepanel.html'));
      await page.getByRole('tab', { name: 'Due today 2' }).waitFor();
      await page.getByRole('list', { name: 'Overdue' }).waitFor();
      // The theme really is the one under test.
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
        colorScheme === 'dark' ? 'rgb(22, 25, 29)' : 'rgb(255, 255, 255)',
      );
      // Chrome's own stylesheet for extension pages shrinks the body's text to 75%; ours wins.
      expect(
        await page.evaluate(
          () => getComputedStyle(document.querySelector('.prospect-name')!).fontSize,
        ),
      ).toBe('13px');
      const found: Record<string, unknown> = {};
      for (const [state, reach] of STATES) {
        await reach(page);
        const violations = await axeViolations(page);
        if (violations.length > 0) found[state] = violations;
      }
      expect(found).toEqual({});
    } finally {
      await page.close();
    }
  });

  test('the options page', async () => {
    const page = await session.context.newPage();
    try {
      await page.emulateMedia({ colorScheme });
      await page.goto(session.extensionUrl('options.html'));
      await page.getByRole('button', { name: 'Save settings' }).waitFor();
      await page.getByRole('checkbox', { name: 'Quiet hours' }).check();
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
        colorScheme === 'dark' ? 'rgb(22, 25, 29)' : 'rgb(255, 255, 255)',
      );
      expect(await axeViolations(page)).toEqual([]);
      // A refused save: each problem beside its field, the save bar naming them.
      await page.getByRole('spinbutton', { name: 'Nos before closing' }).fill('0');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page
        .getByRole('alert')
        .getByText(/^Not saved:/)
        .waitFor();
      expect(await axeViolations(page)).toEqual([]);
      // The welcome, opened again from the options page.
      await page.getByRole('button', { name: 'Open the welcome again' }).click();
      await page.getByRole('heading', { name: 'Welcome to Fifth Touch' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

test('at 320 px every tab and action is on screen and nothing scrolls sideways', async () => {
  const page = await session.context.newPage();
  try {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(session.extensionUrl('sidepanel.html'));
    await page.getByRole('tab', { name: /Overdue/ }).click();
    const jane = page
      .getByRole('list', { name: 'Overdue' })
      .getByRole('listitem')
      .filter({ hasText: 'Jane Doe' });
    await jane.getByRole('button', { name: /^Angle: / }).click();
    await jane.getByLabel('Suggested message').waitFor();
    const outside = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('[role="tab"], button, a, input, select')]
        .filter((element) => {
          const rect = element.getBoundingClientRect();
          return rect.width > 0 && (rect.left < 0 || rect.right > width);
        })
        .map((element) => element.textContent || element.getAttribute('aria-label'));
    });
    expect(outside).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
  } finally {
    await page.close();
  }
});
