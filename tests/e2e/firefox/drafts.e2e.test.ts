// Drafts in stock Firefox ESR, which has no built-in model (no LanguageModel, the Prompt API is
// Chrome's and Edge's): the side panel's Draft fills the suggested angle's template and says so.
// Firefox keeps extension pages out of Playwright's reach (see extension-page.ts), so the page is
// driven from inside with DOM calls, as the sidebar test does.
import { suggestAngle } from '../../../lib/angles/choose';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { deskRows } from '../sidepanel-desk';
import {
  launchFirefoxExtension,
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

test(
  'Draft fills the angle’s template and says that this browser has no built-in model',
  { timeout: 240_000 },
  async () => {
    const panelUrl = session.extensionUrl('sidepanel.html');
    const rows = deskRows(session.now());
    await seedDatabase(session.bidi, panelUrl, rows);
    const jane = rows.prospects.find((p) => p.id === 'jane')!;
    const angle = suggestAngle({
      channel: jane.nextChannels[0],
      step: jane.nextStep,
      phase: 'cadence',
      lastAngleId: jane.lastAngleId,
      settings: DEFAULT_SETTINGS,
    })!;

    const seen = await withExtensionPage(session.bidi, panelUrl, (page) =>
      page.evaluate(async () => {
        const waitFor = async <T>(read: () => T | undefined | null, what: string): Promise<T> => {
          for (let i = 0; i < 300; i++) {
            const value = read();
            if (value) return value;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          throw new Error(`Timed out waiting for ${what}`);
        };
        const row = await waitFor(
          () =>
            [...document.querySelectorAll<HTMLElement>('ul[aria-label="Overdue"] li')].find((li) =>
              li.textContent?.includes('Jane Doe'),
            ),
          "Jane's row",
        );
        const draft = [...row.querySelectorAll('button')].find(
          (button) => (button.textContent ?? '').trim() === 'Draft',
        );
        if (!draft) throw new Error('no Draft button on Jane’s row');
        draft.click();
        const message = await waitFor(
          () =>
            [...row.querySelectorAll('label')].find((label) => label.textContent === 'Message')
              ?.control as HTMLTextAreaElement | null,
          'the message box',
        );
        const said = await waitFor(
          () =>
            [...row.querySelectorAll('p, [role="status"], span')]
              .map((el) => el.textContent ?? '')
              .find((text) => text.startsWith('Filled from the')),
          'what the draft was made with',
        );
        return { hasModel: 'LanguageModel' in window, said, body: message.value };
      }, undefined),
    );

    expect(seen.hasModel).toBe(false);
    expect(seen.said).toBe(
      `Filled from the ${angle.label} template: this browser has no built-in model.`,
    );
    expect(seen.body).toContain('Hi Jane,');
  },
);
