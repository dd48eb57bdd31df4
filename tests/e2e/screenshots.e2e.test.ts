// The README's screenshots, made by the e2e harness from the built extension: the first-run welcome,
// the side panel at 360 px in light and dark, the import's column mapping on the HubSpot-style
// fixture, the Friday report, the Gmail thread bar and due pill on the hand-made thread fixture, and
// the LinkedIn profile card on the real profile capture. PNGs go to $SCREENSHOT_DIR (default
// .output/screenshots); `SCREENSHOT_DIR=docs/screenshots` regenerates the committed ones.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  evaluateInContentScript,
  launchExtension,
  projectRoot,
  sendFromContentScript,
  serveGmail,
  serveLinkedIn,
  sharedFixture,
  type ExtensionSession,
} from './harness';
import { overlayBox, waitForOverlayText } from './overlays';
import { seedDesk } from './sidepanel-desk';

const OUT = path.resolve(projectRoot, process.env.SCREENSHOT_DIR ?? '.output/screenshots');
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3';
const ROWAN = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';
const DAY = 86_400_000;

let session: ExtensionSession;

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  session = await launchExtension();
  await seedDesk(session);
});

afterAll(async () => {
  await session?.close();
});

interface Png {
  file: string;
  bytes: Buffer;
  width: number;
  height: number;
}

/** Reads a written PNG back: its signature and its IHDR size. */
async function readPng(file: string): Promise<Png> {
  const bytes = await readFile(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  return { file, bytes, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

type Box = { x: number; y: number; width: number; height: number };

/** `box` grown by `margin` on every side, on whole pixels, kept inside the viewport. */
function around(page: Page, box: Box, margin: number): Box {
  const viewport = page.viewportSize()!;
  const x = Math.max(0, Math.floor(box.x - margin));
  const y = Math.max(0, Math.floor(box.y - margin));
  return {
    x,
    y,
    width: Math.min(viewport.width, Math.ceil(box.x + box.width + margin)) - x,
    height: Math.min(viewport.height, Math.ceil(box.y + box.height + margin)) - y,
  };
}

/**
 * Whether what the page shows at the centre of `box` is `host` or inside it: the document sees a
 * shadow root's content as its host, so nothing of the page covers our overlay there.
 */
async function isOnTop(host: Locator, box: Box): Promise<boolean> {
  return host.evaluate(
    (element, { x, y }) => {
      const top = document.elementFromPoint(x, y);
      return !!top && (top === element || element.contains(top));
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
}

/** How far down the page's content reaches (its main landmark), at most `max` px, for a clip. */
async function contentHeight(page: Page, max: number): Promise<number> {
  const bottom = await page.evaluate(
    () => document.querySelector('main')!.getBoundingClientRect().bottom,
  );
  return Math.min(max, Math.ceil(bottom) + 8);
}

describe('README screenshots', () => {
  test('the first-run welcome at 360 px, then put aside with the panel’s own Not now', async () => {
    const page = await session.context.newPage();
    try {
      await page.setViewportSize({ width: 360, height: 1000 });
      await page.goto(session.extensionUrl('sidepanel.html'));
      await page
        .getByRole('region', { name: 'Welcome' })
        .getByRole('button', { name: 'Set up' })
        .click();
      await page.getByRole('heading', { name: 'Welcome to Fifth Touch' }).waitFor();
      await page
        .getByRole('status')
        .getByText(/pinned/)
        .waitFor();
      const file = path.join(OUT, 'welcome.png');
      const height = await contentHeight(page, 1000);
      await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 360, height } });
      const shot = await readPng(file);
      expect(shot.width).toBe(360);
      expect(shot.height).toBeGreaterThan(400);

      // The other shots show the lists, without the one-line offer above them.
      await page.reload();
      const banner = page.getByRole('region', { name: 'Welcome' });
      await banner.getByRole('button', { name: 'Not now' }).click();
      await banner.waitFor({ state: 'detached' });
    } finally {
      await page.close();
    }
  });

  test('the side panel at 360 px, light and dark', async () => {
    const shots: Record<string, Png> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await session.context.newPage();
      try {
        await page.setViewportSize({ width: 360, height: 640 });
        await page.emulateMedia({ colorScheme });
        await page.goto(session.extensionUrl('sidepanel.html'));
        // It opens on the overdue work.
        await page.getByRole('tab', { name: 'Overdue 2', selected: true }).waitFor();
        expect(await page.getByRole('region', { name: 'Welcome' }).count()).toBe(0);
        const jane = page
          .getByRole('list', { name: 'Overdue' })
          .getByRole('listitem')
          .filter({ hasText: 'Jane Doe' });
        await jane.getByRole('button', { name: /^Angle: / }).click();
        await jane.getByLabel('Suggested message').waitFor();
        const file = path.join(OUT, `side-panel-${colorScheme}.png`);
        await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 360, height: 640 } });
        shots[colorScheme] = await readPng(file);
      } finally {
        await page.close();
      }
    }
    for (const shot of Object.values(shots)) {
      expect(shot.width).toBe(360);
      expect(shot.height).toBe(640);
      expect((await stat(shot.file)).size).toBeGreaterThan(5_000);
    }
    expect(shots.light!.bytes.equals(shots.dark!.bytes)).toBe(false);
  });

  test('the import’s column mapping on a HubSpot-style export, and the Friday report', async () => {
    const page = await session.context.newPage();
    try {
      await page.setViewportSize({ width: 400, height: 1200 });
      await page.goto(session.extensionUrl('sidepanel.html'));
      await page.getByRole('button', { name: 'Import/export' }).click();
      const bytes = readFileSync(
        path.join(projectRoot, 'tests/fixtures/import/hubspot-contacts.csv'),
      );
      await page.getByLabel('CSV file (up to 20 MB)').setInputFiles({
        name: 'hubspot-contacts.csv',
        mimeType: 'text/csv',
        // Without the fixture's first line (the note on how it was made).
        buffer: bytes.subarray(bytes.indexOf(0x0a) + 1),
      });
      const mapping = page.getByRole('group', { name: 'Column mapping' });
      await mapping.waitFor();
      await page.getByRole('table', { name: 'Preview' }).waitFor();
      const box = (await mapping.boundingBox())!;
      const importFile = path.join(OUT, 'import-mapping.png');
      await page.screenshot({ path: importFile, clip: around(page, box, 8) });
      const importShot = await readPng(importFile);
      expect(importShot.height).toBeGreaterThan(150);

      await page.getByRole('button', { name: '← Back to the lists' }).click();
      await page.getByRole('button', { name: 'Friday report' }).click();
      await page.getByRole('table', { name: 'Leads this week' }).waitFor();
      await page.getByRole('table', { name: 'Your persistence' }).waitFor();
      const reportFile = path.join(OUT, 'friday-report.png');
      const height = await contentHeight(page, 1200);
      await page.screenshot({ path: reportFile, clip: { x: 0, y: 0, width: 400, height } });
      const reportShot = await readPng(reportFile);
      expect(reportShot.width).toBe(400);
      expect(reportShot.height).toBeGreaterThan(300);
    } finally {
      await page.close();
    }
  });

  test('the Gmail thread bar and the due pill on the thread fixture', async () => {
    await serveGmail(session.context, 'tests/fixtures/gmail/thread-inline-reply.html');
    const page = await session.context.newPage();
    try {
      await page.setViewportSize({ width: 1100, height: 640 });
      await page.goto(THREAD_URL);
      await page.locator('fifth-touch-due-count').waitFor({ state: 'attached' });
      // An earlier send to Cora, before her message in the thread (so no reply is marked).
      const recorded = await sendFromContentScript(page, 'recordSend', {
        channel: 'email',
        at: session.now() - 3 * DAY,
        sendKey: 'gmail:msg-a:r-1111111111111111111',
        summary: 'Pricing for the Acme rollout',
        confirmed: true,
        account: '/mail/u/0',
        recipients: [{ email: 'cora.hale@example.org', name: 'Cora Hale', role: 'to' }],
      });
      expect(recorded.err).toBeUndefined();
      await page.reload();

      // Our hosts use closed shadow roots: their insides are read in the content script's world.
      const bar = page.locator('fifth-touch-thread-bar');
      const region = { host: 'fifth-touch-thread-bar', selector: '[role="region"]' };
      await waitForOverlayText(page, region, /Cora Hale/);
      const pill = page.locator('fifth-touch-due-count');
      const pillButton = { host: 'fifth-touch-due-count', selector: 'button' };
      expect(await waitForOverlayText(page, pillButton, /follow-ups due/)).toMatch(
        /\d+ follow-ups due \(\d+ overdue\)/,
      );

      const barBox = (await overlayBox(page, region))!;
      const pillBox = (await overlayBox(page, pillButton))!;
      expect(await isOnTop(bar, barBox)).toBe(true);
      expect(await isOnTop(pill, pillBox)).toBe(true);
      const barFile = path.join(OUT, 'gmail-thread-bar.png');
      await page.screenshot({ path: barFile, clip: around(page, barBox, 24) });
      const pillFile = path.join(OUT, 'gmail-due-pill.png');
      await page.screenshot({ path: pillFile, clip: around(page, pillBox, 24) });

      const barShot = await readPng(barFile);
      expect(barShot.width).toBe(around(page, barBox, 24).width);
      expect(barBox.width).toBeGreaterThan(200);
      expect(barBox.height).toBeGreaterThan(20);
      const pillShot = await readPng(pillFile);
      expect(pillShot.height).toBe(around(page, pillBox, 24).height);
      expect(pillShot.bytes.length).toBeGreaterThan(1_000);
    } finally {
      await page.close();
    }
  });

  test('the LinkedIn profile card on the profile capture', async () => {
    await serveLinkedIn(session.context, sharedFixture('linkedin/dom/profile-2025.html'));
    const page = await session.context.newPage();
    try {
      await page.setViewportSize({ width: 1100, height: 720 });
      await page.goto('https://www.linkedin.com/in/rowanchase/');
      const tracked = await sendFromContentScript(page, 'trackProspect', {
        linkedinIds: [ROWAN],
        name: 'Rowan Chase',
      });
      expect(tracked.err).toBeUndefined();
      await page.reload();
      // Our hosts use closed shadow roots: the card's text is read in the content script's world.
      let index = -1;
      for (const deadline = Date.now() + 15_000; index < 0 && Date.now() < deadline;) {
        index = await evaluateInContentScript<number>(
          page,
          `[...document.querySelectorAll('ft-overlay')].findIndex((host) => /Log reply/.test(chrome.dom.openOrClosedShadowRoot(host)?.textContent ?? ''))`,
        );
        if (index < 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(index).toBeGreaterThanOrEqual(0);
      const card = page.locator('ft-overlay').nth(index);
      await card.scrollIntoViewIfNeeded();
      const box = (await card.boundingBox())!;
      expect(await isOnTop(card, box)).toBe(true);
      expect(box.width).toBeGreaterThan(150);
      expect(box.height).toBeGreaterThan(40);
      const file = path.join(OUT, 'linkedin-profile-card.png');
      await page.screenshot({ path: file, clip: around(page, box, 24) });
      const shot = await readPng(file);
      expect(shot.width).toBe(around(page, box, 24).width);
      expect(shot.bytes.length).toBeGreaterThan(1_000);
    } finally {
      await page.close();
    }
  });
});
