// Durable sends in Firefox ESR (an event page, not a service worker, and Firefox's own ports): a
// Gmail send confirmed with Undo still offered is stored as sending at once, and is a touch within
// 5 s of its tab closing. One browser for the file: Firefox takes seconds to start.
import type { Route } from 'playwright-core';
import type { Touch } from '../../../lib/model';
import {
  answerSync,
  clickSend,
  COMPOSE_PAGE,
  fillCompose,
  openGmailCompose,
  serveGmailHtml,
} from '../gmail-page';
import { launchFirefoxExtension, readDatabase, type FirefoxExtensionSession } from './harness';

let session: FirefoxExtensionSession;

beforeAll(async () => {
  session = await launchFirefoxExtension();
});

afterAll(async () => {
  await session?.close();
});

const touches = async (): Promise<Touch[]> =>
  (await readDatabase(session.bidi, session.extensionUrl('sidepanel.html'))).touches;

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeout: number) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('a send with Undo still offered is stored as sending, and is one touch within 5 s of its tab closing', async () => {
  await serveGmailHtml(session.context, COMPOSE_PAGE);
  // Firefox's BiDi gives Playwright no request bodies, so the answer carries the compose's own id.
  await answerSync(session.context);
  let answered = false;
  await session.context.route('https://mail.google.com/sync/**', async (route: Route) => {
    await route.fallback();
    answered = true;
  });
  const page = await openGmailCompose(session.context, { undoWindow: true });
  await fillCompose(page, 'Jane Doe <jane.doe@acme.example>', 'Renewal numbers for Firefox');
  await clickSend(page);

  const held = await poll(touches, (rows) => rows.length > 0, 10_000);
  expect(answered).toBe(true);
  expect(held).toHaveLength(1);
  expect(held[0]).toMatchObject({ confirmed: true, sending: { until: expect.any(Number) } });

  const closedAt = Date.now();
  await page.close();
  const after = await poll(touches, (rows) => rows.length === 1 && !rows[0]!.sending, 5_000);
  console.info(`Firefox: settled ${Date.now() - closedAt} ms after the tab closed`);
  expect(after).toHaveLength(1);
  expect(after[0]).not.toHaveProperty('sending');
  expect(after[0]).toMatchObject({ summary: 'Renewal numbers for Firefox', confirmed: true });
});
