// LinkedIn end to end: the built extension in Chromium, LinkedIn pages served from the real captures
// and hand-made states, a stand-in for LinkedIn's client (tests/fixtures/linkedin/fake-linkedin-client.js)
// that POSTs createMessage or an invitation when the user sends, and route() answering it with a
// hand-made response. What is asserted is what the extension stored in its own IndexedDB and what
// the page can (not) see.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import type { Prospect, Touch } from '../../lib/model';
import {
  evaluateInContentScript,
  launchExtension,
  projectRoot,
  readDatabase,
  sendFromContentScript,
  sharedFixture,
  type DatabaseRows,
  type ExtensionSession,
} from './harness';

const MAILBOX = 'ACoAAAR6oE8B1GpmiVTWEdBctbRrJZwWa0MspYs';
const TARIQ = 'ACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas';
const ROWAN = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';
const CAPTURE_THREAD = '2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==';
const JANE_THREAD = '2-NWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';
const ROWAN_THREAD = '2-N2U2ZDVjNGItM2EyOS00ODE3LTk2YTUtYjRjM2QyZTFmMGE5XzEwMA==';
const threadUrl = (id: string) => `https://www.linkedin.com/messaging/thread/${id}/`;

const FAKE_CLIENT = readFileSync(
  path.join(projectRoot, 'tests/fixtures/linkedin/fake-linkedin-client.js'),
  'utf8',
);
const handMade = (name: string) =>
  readFileSync(path.join(projectRoot, 'tests/fixtures/linkedin/dom', name), 'utf8');
const THREAD_CAPTURE = readFileSync(
  sharedFixture('linkedin/dom/messaging-thread-2025.html'),
  'utf8',
);
const PROFILE_CAPTURE = readFileSync(sharedFixture('linkedin/dom/profile-2025.html'), 'utf8');

interface ClientConfig {
  mailbox?: string;
  conversations?: Record<string, string>;
  newConversation?: Record<string, string>;
  inviteeMemberId?: string;
  enterSends?: boolean;
  messageTransport?: 'xhr' | 'fetch';
}

/** The page with LinkedIn's (stand-in) client appended, as LinkedIn's own scripts would be. */
function withClient(html: string, config: ClientConfig): string {
  const attribute = JSON.stringify({ mailbox: MAILBOX, ...config }).replace(/'/g, '&#39;');
  // The same text as a file would carry; the script reads its config from its own element.
  const script = `<script data-config='${attribute}'>${FAKE_CLIENT}</script>`;
  return html.includes('</body>') ? html.replace('</body>', `${script}</body>`) : html + script;
}

let session: ExtensionSession;

beforeEach(async () => {
  session = await launchExtension();
});

afterEach(async () => {
  await session?.close();
});

interface Answer {
  status?: number;
}

/** LinkedIn's API answered by hand: createMessage with the ids LinkedIn returns, invitations with 201. */
async function answerVoyager(context: BrowserContext, answer: Answer = {}): Promise<string[]> {
  const seen: string[] = [];
  let counter = 0;
  await context.route('https://www.linkedin.com/voyager/api/**', async (route: Route) => {
    const request = route.request();
    const body = request.postData() ?? '';
    seen.push(`${request.method()} ${new URL(request.url()).pathname}`);
    const status = answer.status ?? 200;
    if (status !== 200) {
      return route.fulfill({
        status,
        contentType: 'application/json',
        body: JSON.stringify({ status, serviceErrorCode: 0, message: 'Too many requests' }),
      });
    }
    if (request.url().includes('createMessage')) {
      const parsed = JSON.parse(body) as {
        message: { conversationUrn?: string; originToken: string };
        mailboxUrn: string;
      };
      const conversation =
        /,(2-[^)]+)\)$/.exec(parsed.message.conversationUrn ?? '')?.[1] ?? JANE_THREAD;
      const uuid = Buffer.from(conversation.slice(2), 'base64').toString();
      counter += 1;
      const messageId = `2-${Buffer.from(`${Date.now()}b${counter}-100&${uuid}`).toString('base64')}`;
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          value: {
            entityUrn: `urn:li:msg_message:(${parsed.mailboxUrn.replace('urn:li:fsd_profile:', 'urn:li:fsd_profile:')},${messageId})`,
            backendConversationUrn: `urn:li:messagingThread:${conversation}`,
            conversationUrn: `urn:li:msg_conversation:(${parsed.mailboxUrn},${conversation})`,
            originToken: parsed.message.originToken,
            deliveredAt: Date.now(),
            body: { text: 'echo of the text, never read' },
          },
        }),
      });
    }
    return route.fulfill({
      status: 201,
      contentType: 'application/json',
      body: JSON.stringify({
        value: { invitationUrn: 'urn:li:fsd_invitation:7000000000000000000' },
      }),
    });
  });
  return seen;
}

async function serve(context: BrowserContext, html: string): Promise<void> {
  await context.route('https://www.linkedin.com/**', (route: Route) => {
    const request = route.request();
    if (!request.isNavigationRequest() || request.frame().parentFrame() !== null) {
      return route.fallback();
    }
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
}

async function open(url: string, html: string, config: ClientConfig): Promise<Page> {
  await serve(session.context, withClient(html, config));
  const page = await session.context.newPage();
  await page.goto(url);
  // The background is ready to store once it answers a ping.
  expect((await sendFromContentScript(page, 'ping', undefined)).err).toBeUndefined();
  return page;
}

async function waitForRows(
  predicate: (rows: DatabaseRows) => boolean,
  timeout = 15_000,
): Promise<DatabaseRows> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const rows = await readDatabase(session.context, session.extensionId);
    if (predicate(rows)) return rows;
    if (Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function prospectOf(rows: DatabaseRows, touch: Touch): Prospect | undefined {
  return rows.prospects.find((prospect) => prospect.id === touch.prospectId);
}

/** Waits past the pairing's silence window, so a second (DOM-only) touch would have appeared. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5_000));

describe('LinkedIn sends become touches', () => {
  test('Enter on the thread page (the 2025 capture) records one confirmed touch on the person in the header', async () => {
    const calls = await answerVoyager(session.context);
    const page = await open(threadUrl(CAPTURE_THREAD), THREAD_CAPTURE, { enterSends: true });
    await page.locator('.msg-form__contenteditable').click();
    await page.keyboard.type('Following up with the deck you asked for');
    await page.keyboard.press('Enter');

    await waitForRows((rows) => rows.touches.length > 0);
    await settle();
    const rows = await readDatabase(session.context, session.extensionId);
    expect(calls).toEqual(['POST /voyager/api/voyagerMessagingDashMessengerMessages']);
    expect(rows.touches).toHaveLength(1);
    const touch = rows.touches[0]!;
    expect(touch).toMatchObject({
      channel: 'linkedin',
      confirmed: true,
      link: threadUrl(CAPTURE_THREAD),
      threadId: CAPTURE_THREAD,
      summary: 'LinkedIn message',
    });
    expect(JSON.stringify(rows)).not.toContain('deck you asked');
    expect(prospectOf(rows, touch)).toMatchObject({ name: 'Tariq Noor', linkedinIds: [TARIQ] });
  });
});

void ROWAN;
void ROWAN_THREAD;
void handMade;
void PROFILE_CAPTURE;
void evaluateInContentScript;
