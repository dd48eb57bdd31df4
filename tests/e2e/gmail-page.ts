// Gmail as the end-to-end suites serve it: a page from a capture, the stand-in for Gmail's client
// (tests/fixtures/gmail/fake-gmail-client.js) that POSTs the captured sync request on a send, and
// route() answering that request with the captured response, its message id swapped for the one
// the request carries. Nothing leaves the machine.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { projectRoot, sharedFixture } from './paths';
import { isTopLevelNavigation } from './sites';

export const captureText = (name: string) =>
  readFileSync(sharedFixture(`gmail/sync/2022-09-09-${name}.json`), 'utf8');
export const COMPOSE_PAGE = readFileSync(sharedFixture('gmail/dom/compose-new-2020.html'), 'utf8');
const FAKE_CLIENT = path.join(projectRoot, 'tests/fixtures/gmail/fake-gmail-client.js');

/** The compose capture's own draft id: the id its send request carries. */
export const COMPOSE_DRAFT_ID = 'msg-a:r-7673660351152959857';
export const SYNC_URL = '/sync/u/0/i/s?hl=en&c=7';
export const INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';

export interface FakeClientConfig {
  template: string;
  captureId: string;
  replace: [string, string][];
  recipient: [string, string];
  captureSubject?: string;
  transport: 'xhr' | 'fetch' | 'none' | 'frame-xhr';
  syncUrl: string;
  undoWindow: boolean;
  /** Fill the compose's To and Subject from a `?view=cm` URL, as Gmail does. */
  composeFromUrl?: boolean;
}

/** A new compose sent to Jane Doe, from the cvOnSend capture. */
export const NEW_COMPOSE = {
  template: captureText('cvOnSend_request'),
  captureId: 'msg-a:r8190137112111191537',
  recipient: ['"test+1@gmail.com", "Test Test"', '"jane.doe@acme.example", "Jane Doe"'] as [
    string,
    string,
  ],
  captureSubject: 'subject_111',
};

/**
 * Answers Gmail's sync POSTs with the send capture (status 200); returns the bodies seen. Firefox's
 * BiDi gives Playwright no request bodies: there the answer carries `fallbackId` instead.
 */
export async function answerSync(
  context: BrowserContext,
  fallbackId = COMPOSE_DRAFT_ID,
): Promise<string[]> {
  const seen: string[] = [];
  const response = captureText('cvOnSend_response');
  const captureId = /msg-a:r-?\d+/.exec(captureText('cvOnSend_request'))?.[0];
  await context.route('https://mail.google.com/sync/**', async (route: Route) => {
    const body = route.request().postData() ?? '';
    seen.push(body);
    const messageId = /msg-a:r-?\d+/.exec(body)?.[0] ?? fallbackId;
    await route.fulfill({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: captureId ? response.split(captureId).join(messageId) : response,
    });
  });
  return seen;
}

/** Serves `html` for every top-level navigation to Gmail. */
export async function serveGmailHtml(context: BrowserContext, html: string): Promise<void> {
  await context.route('https://mail.google.com/**', (route: Route) => {
    const request = route.request();
    if (!isTopLevelNavigation(request)) {
      return route.fallback();
    }
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
}

/** A new tab on Gmail's compose capture with the stand-in client, once our content script is in. */
export async function openGmailCompose(
  context: BrowserContext,
  client: Partial<FakeClientConfig> = {},
): Promise<Page> {
  const page = await context.newPage();
  const config: FakeClientConfig = {
    ...NEW_COMPOSE,
    replace: [],
    transport: 'xhr',
    syncUrl: SYNC_URL,
    undoWindow: false,
    ...client,
  };
  await page.addInitScript((value) => {
    (window as unknown as { fakeGmailConfig: unknown }).fakeGmailConfig = value;
  }, config);
  await page.addInitScript({ path: FAKE_CLIENT });
  await page.goto(INBOX_URL);
  // The isolated script mounts the due pill's host once the page's DOM is there (the private
  // channel with the page world was agreed at document_start, before it).
  await page.locator('fifth-touch-due-count').waitFor({ state: 'attached' });
  return page;
}

/** Enters To and Subject in the compose capture as a user would (see gmail.e2e.test.ts). */
export async function fillCompose(page: Page, to: string, subject: string): Promise<void> {
  await page.locator('textarea[name="to"]').evaluate((field, value) => {
    (field as HTMLTextAreaElement).value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }, to);
  await page.locator('input[name="subjectbox"]').fill(subject);
}

/** Clicks the compose's Send button, the rep's own gesture. */
export async function clickSend(page: Page): Promise<void> {
  await page.locator('div.T-I.aoO').click();
}

/**
 * The body of one sync request that sends message `messageId` to `email` (the send capture with
 * its id and recipient swapped), as a script on Gmail's page would POST it with no compose and no
 * click: a batch, a send path the DOM layer missed, another tool sending through Gmail's page.
 */
export function sendRequestBody(messageId: string, email: string, name: string): string {
  return NEW_COMPOSE.template
    .split(NEW_COMPOSE.captureId)
    .join(messageId)
    .split(NEW_COMPOSE.recipient[0])
    .join(`"${email}", "${name}"`);
}
