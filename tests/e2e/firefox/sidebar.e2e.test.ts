// The side panel as Firefox's sidebar (sidebar_action.default_panel = sidepanel.html) in stock
// Firefox ESR: the seeded desk shows in the same lists as in Chromium, and one click on Log reply
// stores the reply in the extension's IndexedDB. Firefox keeps extension pages out of Playwright's
// reach (see extension-page.ts), so the page is driven from inside with DOM calls.
import type { DatabaseRows } from '../database';
import { localDayOf } from '../../../lib/cadence/days';
import { deskRows } from '../sidepanel-desk';
import {
  launchFirefoxExtension,
  readDatabase,
  seedDatabase,
  withExtensionPage,
  type FirefoxExtensionSession,
} from './harness';

let session: FirefoxExtensionSession;

beforeAll(async () => {
  session = await launchFirefoxExtension();
});

afterAll(async () => {
  await session?.close();
});

/**
 * Firefox runs on the real clock (see launch.ts), so this test cannot name its day; what it needs is
 * one day from seeding to the last check. Within two minutes of local midnight it waits for the new
 * day instead of straddling two.
 */
async function notAcrossMidnight(on: FirefoxExtensionSession): Promise<void> {
  const now = new Date(on.now());
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  const left = midnight - now.getTime();
  if (left < 120_000) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
}

interface PanelView {
  tabs: string[];
  lists: Record<string, string[]>;
}

describe('the sidebar in Firefox ESR', () => {
  test(
    'shows the seeded lists like Chrome, and Log reply lands in the database',
    { timeout: 240_000 },
    async () => {
      const panelUrl = session.extensionUrl('sidepanel.html');
      await notAcrossMidnight(session);
      const rows = deskRows(session.now());

      // The panel's own Dexie creates the schema on its first read; then raw rows go in.
      await seedDatabase(session.bidi, panelUrl, rows);

      const { before, after } = await withExtensionPage(session.bidi, panelUrl, (page) =>
        page.evaluate(async () => {
          const waitFor = async <T>(read: () => T | undefined | null, what: string): Promise<T> => {
            for (let i = 0; i < 300; i++) {
              const value = read();
              if (value) return value;
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
            throw new Error(`Timed out waiting for ${what}`);
          };
          // A tab's accessible name: its aria-label ("Due today 2", shown as "Today 2"), else its text.
          const nameOf = (el: Element) =>
            (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
          const tab = (label: string) =>
            [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((el) =>
              nameOf(el).startsWith(label),
            );
          const list = (label: string) =>
            document.querySelector<HTMLElement>(`ul[aria-label="${label}"]`);
          const names = (label: string) =>
            [...(list(label)?.querySelectorAll('.prospect-name') ?? [])].map(
              (el) => el.textContent,
            );
          const view = async (): Promise<PanelView> => {
            const lists: Record<string, string[]> = {};
            for (const label of ['Overdue', 'Due today', 'Upcoming', 'Replied', 'Closed']) {
              tab(label)!.click();
              await waitFor(() => list(label), `the ${label} list`);
              lists[label] = names(label).map(String);
            }
            return {
              tabs: [...document.querySelectorAll('[role="tab"]')].map(nameOf),
              lists,
            };
          };

          await waitFor(() => tab('Overdue 2'), 'the counts');
          const before = await view();
          tab('Overdue')!.click();
          const jane = await waitFor(
            () =>
              [...(list('Overdue')?.querySelectorAll('li') ?? [])].find((li) =>
                li.textContent?.includes('Jane Doe'),
              ),
            "Jane's row",
          );
          // The button's accessible name (its visible text is the shorter "Reply").
          const logReply = [...jane.querySelectorAll('button')].find(
            (button) => (button.getAttribute('aria-label') ?? button.textContent) === 'Log reply',
          );
          logReply!.click();
          await waitFor(() => tab('Replied 2'), 'the reply to count');
          await waitFor(
            () => document.querySelector('[role="status"]')?.textContent?.includes('Reply logged'),
            'the confirmation',
          );
          return { before, after: await view() };
        }, undefined),
      );

      expect(before).toEqual<PanelView>({
        tabs: ['Overdue 2', 'Due today 2', 'Upcoming 1', 'Replied 1', 'Closed 1'],
        lists: {
          Overdue: ['Jane Doe', 'Omar Haddad'],
          'Due today': expect.arrayContaining(['Bob Stone', 'Dana Scully']) as unknown as string[],
          Upcoming: ['Carol King'],
          Replied: ['Rae Replied'],
          Closed: ['Wes Won'],
        },
      });
      expect(after.tabs).toEqual([
        'Overdue 1',
        'Due today 2',
        'Upcoming 1',
        'Replied 2',
        'Closed 1',
      ]);
      expect(after.lists.Overdue).toEqual(['Omar Haddad']);
      expect([...after.lists.Replied!].sort()).toEqual(['Jane Doe', 'Rae Replied']);

      let stored: DatabaseRows | undefined;
      for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
        stored = await readDatabase(session.bidi, panelUrl);
        if (stored.outcomes.length > rows.outcomes.length) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(stored?.outcomes.filter((o) => o.prospectId === 'jane')).toEqual([
        expect.objectContaining({ kind: 'reply', day: localDayOf(session.now()) }),
      ]);
      expect(stored?.prospects.find((p) => p.id === 'jane')).toMatchObject({ status: 'replied' });
      expect(stored?.prospects.find((p) => p.id === 'jane')?.nextDueDay).toBeUndefined();
    },
  );
});
