// The page world is hostile: one script per attack, run in Gmail's or LinkedIn's own world (as
// another extension's injected script, an XSS or a compromised third-party script would run) against
// the built extension in real Chromium, and each must fail, with the database checked after each.
// Then the callers the background must not trust, and backups a rep must not be able to restore.
// The defences are the general ones (closed shadow roots, trusted events only, a private MessagePort,
// originals captured at document_start, whole-URL matching, a heartbeat, a sender check per
// message type, restore through an import's rules), so variants of these attacks fail the same way.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page, Route } from 'playwright-core';
import type { UnconfirmedSend } from '../../lib/model';
import { OVER_LIMIT_LANE } from '../../lib/outbox/over-limit';
import { DEFAULT_GATE } from '../../lib/sites/gmail/bridge-gate';
import { DIAGNOSTICS_KEY } from '../../lib/diagnostics/diagnostics';
import { LEARNED_OWN_KEY } from '../../lib/own-addresses';
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
import {
  overlayText,
  pressEverywhereAsThePage,
  waitForGmailContentScript,
  waitForOverlayText,
} from './overlays';
import { isTopLevelNavigation } from './sites';

let session: ExtensionSession;
beforeEach(async () => {
  session = await launchExtension();
});
afterEach(async () => {
  await session?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rows = (): Promise<DatabaseRows> => readDatabase(session.context, session.extensionId);

/**
 * The rows once `predicate` holds and no touch is still sending (a confirmed send is stored as
 * sending at once, and settled when Gmail's undo window ends: what an attack must not undo).
 */
async function waitForRows(
  predicate: (rows: DatabaseRows) => boolean,
  timeout = 20_000,
): Promise<DatabaseRows> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const current = await rows();
    const settled = current.touches.every((touch) => touch.sending === undefined);
    if ((predicate(current) && settled) || Date.now() > deadline) return current;
    await sleep(250);
  }
}

/** Errors of any world that reach the page (ours must never). */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function diagnosticChecks(): Promise<string[]> {
  const stored = (await session.worker.evaluate(
    (key) => chrome.storage.local.get(key),
    DIAGNOSTICS_KEY,
  )) as Record<string, { entries?: { check: string }[] } | undefined>;
  return (stored[DIAGNOSTICS_KEY]?.entries ?? []).map((entry) => entry.check);
}

// ---- Gmail ----

const capture = (name: string) =>
  readFileSync(sharedFixture(`gmail/sync/2022-09-09-${name}.json`), 'utf8');
const FAKE_GMAIL = path.join(projectRoot, 'tests/fixtures/gmail/fake-gmail-client.js');
const COMPOSE_PAGE = readFileSync(sharedFixture('gmail/dom/compose-new-2020.html'), 'utf8');
const INLINE_REPLY_PAGE = readFileSync(
  path.join(projectRoot, 'tests/fixtures/gmail/thread-inline-reply.html'),
  'utf8',
);
const INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3';
const CAPTURE_ID = 'msg-a:r8190137112111191537';
const CAPTURE_TO = 'test+1@gmail.com';
const CAPTURE_FROM = 'test@gmail.com';

async function serveGmailPage(html: string): Promise<void> {
  await session.context.route('https://mail.google.com/**', (route: Route) => {
    const request = route.request();
    if (!isTopLevelNavigation(request)) {
      return route.fallback();
    }
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
}

/**
 * Gmail's sync answered from the capture, its message id swapped for the request's; a request
 * whose body carries `refuse-me` is answered 403.
 */
async function answerSync(): Promise<string[]> {
  const seen: string[] = [];
  await session.context.route('https://mail.google.com/sync/**', async (route: Route) => {
    const body = route.request().postData() ?? '';
    seen.push(body);
    if (body.includes('refuse-me')) {
      return route.fulfill({ status: 403, contentType: 'application/json', body: '{}' });
    }
    const messageId = /msg-a:r-?\d+/.exec(body)?.[0] ?? CAPTURE_ID;
    return route.fulfill({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: capture('cvOnSend_response').split(CAPTURE_ID).join(messageId),
    });
  });
  return seen;
}

async function openGmailCompose(
  transport: 'xhr' | 'none',
  initScripts: (() => void)[] = [],
  /** Who the compose's send goes to (Gmail's request names them). */
  to: [email: string, name: string] = ['jane.doe@acme.example', 'Jane Doe'],
  undoWindow = false,
): Promise<Page> {
  await serveGmailPage(COMPOSE_PAGE);
  const page = await session.context.newPage();
  for (const script of initScripts) await page.addInitScript(script);
  await page.addInitScript(
    (config) => {
      (window as unknown as { fakeGmailConfig: unknown }).fakeGmailConfig = config;
    },
    {
      template: capture('cvOnSend_request'),
      captureId: CAPTURE_ID,
      replace: [],
      recipient: [`"${CAPTURE_TO}", "Test Test"`, `"${to[0]}", "${to[1]}"`],
      captureSubject: 'subject_111',
      transport,
      syncUrl: '/sync/u/0/i/s?hl=en&c=7',
      undoWindow,
    },
  );
  await page.addInitScript({ path: FAKE_GMAIL });
  await page.goto(INBOX_URL);
  await waitForGmailContentScript(page);
  return page;
}

async function fillCompose(page: Page, to: string, subject: string): Promise<void> {
  await page.locator('textarea[name="to"]').evaluate((field, value) => {
    (field as HTMLTextAreaElement).value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }, to);
  await page.locator('input[name="subjectbox"]').fill(subject);
}

/** A prospect (Cora, in the thread fixture) with one earlier touch, and the thread open. */
async function openThreadWithProspect(): Promise<Page> {
  await serveGmailPage(INLINE_REPLY_PAGE);
  const page = await session.context.newPage();
  await page.goto(THREAD_URL);
  await waitForGmailContentScript(page);
  const recorded = await sendFromContentScript(page, 'recordSend', {
    channel: 'email',
    at: session.now(),
    sendKey: 'gmail:msg-a:r-1111111111111111111',
    summary: 'Pricing for the Acme rollout',
    confirmed: true,
    account: '/mail/u/0',
    recipients: [{ email: 'cora.hale@example.org', name: 'Cora Hale', role: 'to' }],
  });
  expect(recorded.err).toBeUndefined();
  await page.reload();
  await waitForOverlayText(
    page,
    { host: 'fifth-touch-thread-bar', selector: '[role="region"]' },
    /Touch \d+ of \d+/,
  );
  return page;
}

describe('a hostile script in Gmail’s page', () => {
  // What it cannot be kept from (SECURITY.md): whether a bar is there (its host's size), and a
  // yes/no to a guessed string through the browser's find-in-page (window.find searches closed
  // roots too). It can confirm a guess; it cannot read.
  test('reads nothing of an overlay: no shadow root, no text, no selection', async () => {
    // It even replaces attachShadow before anything else runs, to force roots open and keep them.
    await session.context.addInitScript(() => {
      const original = Element.prototype.attachShadow;
      const kept: ShadowRoot[] = ((window as unknown as { __roots: ShadowRoot[] }).__roots = []);
      Element.prototype.attachShadow = function (init: ShadowRootInit) {
        const root = original.call(this, { ...init, mode: 'open' });
        kept.push(root);
        return root;
      };
    });
    const page = await openThreadWithProspect();
    const before = await rows();
    // What our bar shows (read in our own world): the status only the extension knows.
    const shown = (await overlayText(page, { host: 'fifth-touch-thread-bar' }))!;
    expect(shown).toMatch(/Touch \d+ of \d+/);
    const secret = /Touch \d+ of \d+|Angle:|\d+ nos?\b|Not a prospect|Log reply/;

    const seen = await page.evaluate(() => {
      const hosts = [...document.querySelectorAll('*')].filter((el) => el.localName.includes('-'));
      const texts: string[] = [];
      for (const host of hosts) {
        texts.push(host.textContent ?? '', (host as HTMLElement).innerText ?? '');
        texts.push(host.shadowRoot ? 'OPEN ROOT' : '');
      }
      texts.push(document.body.innerText, document.documentElement.textContent ?? '');
      const selection = getSelection()!;
      selection.selectAllChildren(document.body);
      texts.push(selection.toString());
      selection.removeAllRanges();
      return {
        hosts: hosts.length,
        texts,
        kept: (window as unknown as { __roots: ShadowRoot[] }).__roots.length,
      };
    });
    expect(seen.hosts).toBeGreaterThan(0);
    for (const text of seen.texts) expect(text).not.toMatch(secret);
    expect(seen.texts).not.toContain('OPEN ROOT');
    expect(seen.kept).toBe(0);
    expect(await rows()).toEqual(before);
  });

  test('cannot click our "Not a prospect": no event it makes reaches our buttons', async () => {
    const page = await openThreadWithProspect();
    const errors = pageErrors(page);
    const before = await rows();
    expect(await overlayText(page, { host: 'fifth-touch-thread-bar' })).toContain('Not a prospect');
    await pressEverywhereAsThePage(page, 'fifth-touch-thread-bar');
    const after = await rows();
    expect(after).toEqual(before);
    expect(after.prospects[0]!.status).toBe('active');
    expect(after.touches).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  test('700 synthetic Send clicks on composes it built are no sends at all', async () => {
    const page = await openGmailCompose('none');
    const errors = pageErrors(page);
    await page.evaluate(() => {
      const template = document.querySelector('[role="dialog"]')!;
      for (let index = 0; index < 700; index++) {
        const compose = template.cloneNode(true) as HTMLElement;
        compose.querySelector<HTMLInputElement>('input[name="draft"]')!.value =
          `#msg-a:r-${9_000_000_000 + index}`;
        compose.querySelector<HTMLTextAreaElement>('textarea[name="to"]')!.value =
          `forged${index}@spam.example`;
        compose.querySelector<HTMLInputElement>('input[name="subjectbox"]')!.value = 'forged';
        document.body.append(compose);
        const send = compose.querySelector('div.T-I.aoO')!;
        for (const type of ['mousedown', 'mouseup', 'click']) {
          send.dispatchEvent(new MouseEvent(type, { bubbles: true, button: 0 }));
        }
        compose
          .querySelector('div[role="textbox"]')
          ?.dispatchEvent(
            new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }),
          );
      }
    });
    // Past the DOM layer's wait for the network (8 s): a gesture it believed would be recorded now.
    await sleep(12_000);
    const after = await rows();
    expect(after.touches).toEqual([]);
    expect(after.prospects).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a synthetic Send click does not unlock the larger budget for real confirmed requests', async () => {
    const requests = await answerSync();
    const page = await openGmailCompose('none');
    const template = capture('cvOnSend_request');
    const confirmed = await page.evaluate(
      async ({ template, captureId, to }) => {
        const send = document.querySelector('div.T-I.aoO')!;
        send.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0 }));
        const statuses: number[] = [];
        for (let index = 0; index < 40; index++) {
          const body = template
            .split(captureId)
            .join(`msg-a:r${7_000_000 + index}`)
            .split(to)
            .join(`flood${index}@spam.example`);
          const response = await fetch('/sync/u/0/i/s?c=9', { method: 'POST', body });
          statuses.push(response.status);
        }
        return statuses.filter((status) => status === 200).length;
      },
      { template, captureId: CAPTURE_ID, to: CAPTURE_TO },
    );
    expect(confirmed).toBe(40);
    expect(requests).toHaveLength(40);
    await sleep(5_000);
    const after = await rows();
    // Gmail confirmed 40 sends no gesture of the rep started: only the small budget is admitted.
    expect(after.touches.length).toBeLessThanOrEqual(DEFAULT_GATE.withoutGesture.capacity);
    // The rest are real confirmed sends, so they are kept for the rep to check (never touches,
    // never dropped), within the over-limit lane's own cap.
    const unconfirmed = (after.unconfirmedSends ?? []) as UnconfirmedSend[];
    expect(unconfirmed.length).toBeLessThanOrEqual(OVER_LIMIT_LANE.lifetimeMax);
    expect(after.touches.length + unconfirmed.length).toBeLessThanOrEqual(40);
    expect(unconfirmed.every((row) => row.reason === 'rate')).toBe(true);
  });

  test('teaches no own address: not from a failed request, not from a send the rep did not start, not through a grabbed port', async () => {
    const requests = await answerSync();
    // Another extension's early script keeps a reference to the port offered in the handshake.
    const page = await openGmailCompose(
      'xhr',
      [
        () => {
          window.addEventListener(
            'pointerrawupdate-sync',
            (event) => {
              const port = (event as MouseEvent).relatedTarget;
              if (port) (window as unknown as { __port?: EventTarget }).__port ??= port;
            },
            true,
          );
        },
      ],
      ['pat@competitor.example', 'Pat Lee'],
    );
    const template = capture('cvOnSend_request');
    const response = capture('cvOnSend_response');
    await page.evaluate(
      async ({ template, response, captureId, from }) => {
        const forged = (index: number, sender: string) =>
          template
            .split(captureId)
            .join(`msg-a:r${8_000_000 + index}`)
            .split(from)
            .join(sender);
        // Real requests through Gmail's own endpoint: one refused (403), one confirmed (200).
        await fetch('/sync/u/0/i/s', {
          method: 'POST',
          body: forged(1, 'ceo@competitor.example').split('subject_111').join('refuse-me'),
        });
        await fetch('/sync/u/0/i/s', { method: 'POST', body: forged(2, 'cfo@rival.example') });
        // And straight through the port it holds: failed and confirmed records naming a sender.
        const port = (window as unknown as { __port?: MessagePort }).__port!;
        port.postMessage({
          type: 'event',
          detail: { account: 'u/0', status: 500, request: forged(3, 'boss@competitor.example') },
        });
        port.postMessage({
          type: 'event',
          detail: {
            account: 'u/0',
            status: 200,
            request: forged(4, 'sales@rival.example'),
            response,
          },
        });
      },
      { template, response, captureId: CAPTURE_ID, from: CAPTURE_FROM },
    );
    await sleep(4_000);
    const ownOf = (r: DatabaseRows) =>
      (r.settings[0] as { ownAddresses?: string[]; ownDomains?: string[] } | undefined) ?? {};
    const flooded = await rows();
    expect(ownOf(flooded).ownAddresses ?? []).toEqual([]);
    expect(ownOf(flooded).ownDomains ?? []).toEqual([]);
    const learned = await session.worker.evaluate(
      (key) => chrome.storage.local.get(key),
      LEARNED_OWN_KEY,
    );
    expect(learned).toEqual({});

    // The rep then writes to the competitor: tracked, not skipped as one of their own.
    await fillCompose(page, 'pat@competitor.example', 'A proposal');
    await page.locator('div.T-I.aoO').click();
    const after = await waitForRows((r) =>
      r.prospects.some((p) => p.emails.includes('pat@competitor.example')),
    );
    const pat = after.prospects.find((p) => p.emails.includes('pat@competitor.example'));
    expect(pat).toBeDefined();
    expect(after.touches.some((t) => t.prospectId === pat!.id && t.confirmed)).toBe(true);
    // The rep's own send taught their own From (test@gmail.com), a public domain: no company.
    expect(ownOf(after).ownDomains ?? []).toEqual([]);
    expect(ownOf(after).ownAddresses ?? []).not.toContain('ceo@competitor.example');
    expect(requests.length).toBeGreaterThanOrEqual(3);
  });

  test('a forged "Sending undone" notice does not take back the rep’s real send', async () => {
    await answerSync();
    const page = await openGmailCompose('xhr', [], undefined, true);
    await fillCompose(page, 'jane.doe@acme.example', 'Renewal numbers');
    await page.locator('div.T-I.aoO').click();
    await page.locator('#link_undo').waitFor();
    // Gmail's notice bar, rewritten by the page as Gmail writes it after a real Undo.
    await page.evaluate(() => {
      const bar = document.querySelector('[role="alert"][aria-live]')!;
      const text = document.createElement('span');
      text.className = 'bAq';
      text.textContent = 'Sending undone.';
      bar.replaceChildren(text);
    });
    const after = await waitForRows((r) => r.touches.length > 0);
    expect(after.touches).toHaveLength(1);
    expect(after.touches[0]).toMatchObject({ confirmed: true, summary: 'Renewal numbers' });
  });

  test('stopping events in capture listeners and removing our elements does not blind tracking', async () => {
    await answerSync();
    const page = await openGmailCompose('xhr');
    await page.evaluate(() => {
      // Every event a channel could ride on or a listener of ours could need, stopped for all
      // listeners after these (Gmail's own click and keydown are left, or Gmail could not send).
      const stop = (event: Event) => event.stopImmediatePropagation();
      for (const type of [
        'mouseup',
        'pointerup',
        'message',
        'messageerror',
        'pointerrawupdate-sync',
        'fifth-touch:gmail-sync',
        'change',
        'load',
        'loadend',
      ]) {
        window.addEventListener(type, stop, true);
        document.addEventListener(type, stop, true);
      }
      // And every element that is not the page's own, removed as soon as it appears.
      const sweep = () => {
        for (const el of document.querySelectorAll('*')) {
          if (el.localName.includes('-')) el.remove();
        }
      };
      sweep();
      new MutationObserver(sweep).observe(document.documentElement, {
        childList: true,
        subtree: true,
      });
    });
    await fillCompose(page, 'jane.doe@acme.example', 'Renewal numbers');
    await page.locator('div.T-I.aoO').click();
    const after = await waitForRows((r) => r.touches.some((t) => t.confirmed), 25_000);
    // Network-confirmed through the private channel: not a touch lost in silence.
    expect(after.touches).toHaveLength(1);
    expect(after.touches[0]).toMatchObject({ confirmed: true });
    expect(after.prospects[0]!.emails).toEqual(['jane.doe@acme.example']);
  });

  test('routing Gmail’s requests around the observer: the tab says tracking is paused, the send is still kept', async () => {
    await answerSync();
    const page = await openGmailCompose('xhr');
    // A script replaces XMLHttpRequest with its own, which answers without any request we see.
    await page.evaluate(() => {
      class SilentXhr extends EventTarget {
        status = 0;
        responseText = '';
        open() {}
        setRequestHeader() {}
        send() {
          setTimeout(() => {
            this.status = 200;
            this.dispatchEvent(new Event('load'));
            this.dispatchEvent(new Event('loadend'));
          }, 10);
        }
      }
      (window as unknown as { XMLHttpRequest: unknown }).XMLHttpRequest = SilentXhr;
    });
    await fillCompose(page, 'jane.doe@acme.example', 'Renewal numbers');
    await page.locator('div.T-I.aoO').click();
    await waitForOverlayText(
      page,
      { host: 'fifth-touch-status' },
      'Tracking paused in this tab — reload Gmail',
      30_000,
    );
    const after = await waitForRows((r) => r.touches.length > 0);
    // Not lost: the DOM layer's send, unconfirmed, and the paused tab in diagnostics.
    expect(after.touches).toHaveLength(1);
    expect(after.touches[0]).toMatchObject({ confirmed: false });
    await expect
      .poll(diagnosticChecks, { timeout: 10_000 })
      .toContain('page-world-observer-silent');
  });

  test('routing only the send around the observer while draft saves go through: the tab still says tracking is paused', async () => {
    await answerSync();
    const page = await openGmailCompose('xhr');
    const draftSave = capture('cvOnDraftSave_request');
    // A script over the prototype's send (ours, underneath) answers a send itself and lets
    // everything else through, then keeps saving drafts: the heartbeat must not take those for
    // the send it never saw.
    await page.evaluate((draftBody) => {
      const proto = XMLHttpRequest.prototype;
      const send = proto.send;
      proto.send = function (
        this: XMLHttpRequest,
        body?: Document | XMLHttpRequestBodyInit | null,
      ) {
        if (typeof body !== 'string' || !body.includes('^pfg')) {
          send.call(this, body);
          return;
        }
        setTimeout(() => {
          Object.defineProperty(this, 'status', { value: 200 });
          this.dispatchEvent(new Event('load'));
          this.dispatchEvent(new Event('loadend'));
        }, 10);
      };
      const saveDraft = () => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `/sync/u/0/i/s?hl=en&c=${Date.now()}&rt=r&pt=ji`);
        xhr.send(draftBody);
      };
      setInterval(saveDraft, 500);
    }, draftSave);
    await fillCompose(page, 'jane.doe@acme.example', 'Renewal numbers');
    await page.locator('div.T-I.aoO').click();
    await waitForOverlayText(
      page,
      { host: 'fifth-touch-status' },
      'Tracking paused in this tab — reload Gmail',
      30_000,
    );
    const after = await waitForRows((r) => r.touches.length > 0);
    expect(after.touches).toHaveLength(1);
    expect(after.touches[0]).toMatchObject({ confirmed: false });
    await expect
      .poll(diagnosticChecks, { timeout: 10_000 })
      .toContain('page-world-observer-silent');
  });

  test('another extension’s script that takes the port first: the tab says tracking is paused', async () => {
    await serveGmailPage(COMPOSE_PAGE);
    const page = await session.context.newPage();
    await page.addInitScript(() => {
      window.addEventListener(
        'pointerrawupdate-sync',
        (event) => {
          if (!(event as MouseEvent).relatedTarget) return;
          // Taken, and so never offered to our page side.
          event.preventDefault();
          event.stopImmediatePropagation();
        },
        true,
      );
    });
    await page.goto(INBOX_URL);
    await waitForGmailContentScript(page);
    await waitForOverlayText(
      page,
      { host: 'fifth-touch-status' },
      'Tracking paused in this tab — reload Gmail',
      30_000,
    );
    await expect.poll(diagnosticChecks, { timeout: 10_000 }).toContain('page-world-not-ready');
    expect((await rows()).touches).toEqual([]);
  });
});

// ---- LinkedIn ----

const THREAD_CAPTURE = readFileSync(
  sharedFixture('linkedin/dom/messaging-thread-2025.html'),
  'utf8',
);
const CAPTURE_THREAD = '2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==';
const LINKEDIN_THREAD_URL = `https://www.linkedin.com/messaging/thread/${CAPTURE_THREAD}/`;
const networkFixture = (name: string) =>
  JSON.parse(
    readFileSync(path.join(projectRoot, 'tests/fixtures/linkedin/network', name), 'utf8'),
  ) as { url: string; body: unknown };
const INVITATION = networkFixture('invitation-without-note.request.json');
const CREATE_MESSAGE = networkFixture('create-message-existing.request.json');
const CREATE_MESSAGE_RESPONSE = networkFixture('create-message-existing.response.json');

async function openLinkedIn(
  status: number,
  initScripts: (() => void)[] = [],
): Promise<{ page: Page; calls: string[] }> {
  const calls: string[] = [];
  await session.context.route('https://www.linkedin.com/**', (route: Route) => {
    const request = route.request();
    if (isTopLevelNavigation(request)) {
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: THREAD_CAPTURE,
      });
    }
    if (request.method() === 'POST') calls.push(`${request.method()} ${request.url()}`);
    return route.fulfill({
      status,
      contentType: 'application/json',
      body: JSON.stringify(
        request.url().includes('createMessage') ? CREATE_MESSAGE_RESPONSE.body : { value: {} },
      ),
    });
  });
  const page = await session.context.newPage();
  for (const script of initScripts) await page.addInitScript(script);
  await page.goto(LINKEDIN_THREAD_URL);
  expect((await sendFromContentScript(page, 'ping', undefined)).err).toBeUndefined();
  return { page, calls };
}

describe('a hostile script in LinkedIn’s page', () => {
  test('a send endpoint named in a data:, blob: or other URL is no send', async () => {
    const { page, calls } = await openLinkedIn(200);
    const errors = pageErrors(page);
    const before = await rows();
    await page.evaluate(
      async ({ invitation, message }) => {
        const path = (url: string) => new URL(url).pathname + new URL(url).search;
        const targets = (url: string) => [
          `data:application/json,${path(url)}`,
          `data:text/plain;base64,${btoa(url)}#${path(url)}`,
          URL.createObjectURL(new Blob([JSON.stringify(message.body)])) + path(url),
          `https://www.linkedin.com/feed/?next=${encodeURIComponent(path(url))}`,
          `https://www.linkedin.com/feed/?next=${path(url)}`,
          `https://www.linkedin.com/x${path(url)}`,
        ];
        for (const request of [invitation, message]) {
          for (const target of targets(request.url)) {
            const body = JSON.stringify(request.body);
            await fetch(target, { method: 'POST', body }).catch(() => undefined);
            await new Promise<void>((resolve) => {
              const xhr = new XMLHttpRequest();
              xhr.open('POST', target);
              xhr.onloadend = () => resolve();
              try {
                xhr.send(body);
              } catch {
                resolve();
              }
            });
          }
        }
      },
      { invitation: INVITATION, message: CREATE_MESSAGE },
    );
    await sleep(6_000);
    // The requests that were real ones did reach LinkedIn (answered 200), and still made nothing.
    expect(calls.some((call) => call.includes('/feed/?next='))).toBe(true);
    expect(await rows()).toEqual(before);
    expect(errors).toEqual([]);
  });

  test('overriding Response and XMLHttpRequest getters cannot turn a 403 into a send', async () => {
    const { page, calls } = await openLinkedIn(403);
    const before = await rows();
    const seen = await page.evaluate(
      async ({ invitation, message }) => {
        for (const proto of [Response.prototype, XMLHttpRequest.prototype]) {
          Object.defineProperty(proto, 'status', { get: () => 201, configurable: true });
        }
        Object.defineProperty(Response.prototype, 'ok', { get: () => true, configurable: true });
        Object.defineProperty(Response.prototype, 'url', {
          get: () => invitation.url,
          configurable: true,
        });
        const statuses: number[] = [];
        for (const request of [invitation, message]) {
          const response = await fetch(request.url, {
            method: 'POST',
            body: JSON.stringify(request.body),
          });
          statuses.push(response.status);
          await new Promise<void>((resolve) => {
            const xhr = new XMLHttpRequest();
            xhr.open('POST', request.url);
            xhr.onloadend = () => {
              statuses.push(xhr.status);
              resolve();
            };
            xhr.send(JSON.stringify(request.body));
          });
        }
        return statuses;
      },
      { invitation: INVITATION, message: CREATE_MESSAGE },
    );
    // The page itself now reads 201 everywhere; LinkedIn answered 403 to all four.
    expect(seen).toEqual([201, 201, 201, 201]);
    expect(calls).toHaveLength(4);
    await sleep(6_000);
    expect(await rows()).toEqual(before);
  });
});

describe('a hostile script in LinkedIn’s page, silencing', () => {
  test('another extension’s script that takes the port first: the tab says tracking is paused', async () => {
    const { page } = await openLinkedIn(200, [
      () => {
        window.addEventListener(
          'pointerrawupdate-sync',
          (event) => {
            if (!(event as MouseEvent).relatedTarget) return;
            event.preventDefault();
            event.stopImmediatePropagation();
          },
          true,
        );
      },
    ]);
    await waitForOverlayText(
      page,
      { host: 'ft-overlay', selector: '.ft-paused' },
      'Tracking paused in this tab — reload LinkedIn',
      30_000,
    );
    await expect.poll(diagnosticChecks, { timeout: 10_000 }).toContain('page-world-not-ready');
    expect((await rows()).touches).toEqual([]);
  });
});

// ---- The background ----

describe('callers the background must not trust', () => {
  test('a message of unknown type, or no message at all, is answered with an error', async () => {
    const { page } = await openLinkedIn(200);
    const before = await rows();
    const replies = await evaluateInContentScript<unknown[]>(
      page,
      `Promise.all([
        chrome.runtime.sendMessage({ id: 1, type: 'deleteEverything', data: {}, timestamp: Date.now() }),
        chrome.runtime.sendMessage({ id: 2, type: '__proto__', data: {}, timestamp: Date.now() }),
        chrome.runtime.sendMessage({ id: 3, type: 'constructor', data: {}, timestamp: Date.now() }),
        chrome.runtime.sendMessage('restoreBackup'),
        chrome.runtime.sendMessage({ hello: 'world' }),
      ])`,
      { extensionId: session.extensionId },
    );
    expect(replies).toHaveLength(5);
    for (const reply of replies) {
      expect(reply).toMatchObject({ err: { name: 'UnknownMessageError' } });
    }
    expect(await rows()).toEqual(before);
  });

  test('a content script calling what only our pages may is refused, and nothing is written', async () => {
    const { page } = await openLinkedIn(200);
    const options = { extensionId: session.extensionId };
    const tracked = await sendFromContentScript(
      page,
      'trackProspect',
      { name: 'Rowan Chase', linkedinIds: ['ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w'] },
      options,
    );
    expect(tracked.err).toBeUndefined();
    const before = await rows();
    const manual = await sendFromContentScript(
      page,
      'logManualTouch',
      {
        prospectId: tracked.res!.prospectId,
        channel: 'call',
        at: session.now(),
        summary: 'Forged',
      },
      options,
    );
    expect(manual.err).toMatchObject({ name: 'ForbiddenSenderError' });
    const forget = await sendFromContentScript(
      page,
      'forgetOwnAddress',
      { email: 'me@myco.example' },
      options,
    );
    expect(forget.err).toMatchObject({ name: 'ForbiddenSenderError' });
    // And LinkedIn's content script speaks for LinkedIn only.
    const email = await sendFromContentScript(
      page,
      'recordSend',
      {
        channel: 'email',
        at: session.now(),
        sendKey: 'gmail:msg-a:r1',
        summary: 'Forged',
        confirmed: true,
        recipients: [{ email: 'jane@acme.example' }],
      },
      options,
    );
    expect(email.err).toMatchObject({ name: 'ForbiddenSenderError' });
    const learn = await sendFromContentScript(
      page,
      'learnOwnAddresses',
      { emails: ['ceo@competitor.example'] },
      options,
    );
    expect(learn.err).toMatchObject({ name: 'ForbiddenSenderError' });
    expect(await rows()).toEqual(before);
  });
});

// ---- Backups ----

describe('bad backups', () => {
  let files: string;
  beforeAll(async () => {
    files = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-attack-files-'));
  });
  afterAll(async () => {
    await rm(files, { recursive: true, force: true });
  });

  const prospect = (id: string, fields: Record<string, unknown> = {}) => ({
    id,
    name: 'Jane Doe',
    company: 'Acme',
    emails: [`${id}@acme.example`],
    linkedinIds: [],
    status: 'active',
    tags: [],
    createdAt: 1,
    nextChannels: [],
    nextStep: 1,
    totalSteps: 9,
    reason: 'Seeded.',
    touchCount: 0,
    noCount: 0,
    ...fields,
  });
  const touch = (id: string, prospectId: string, fields: Record<string, unknown> = {}) => ({
    id,
    prospectId,
    channel: 'email',
    direction: 'out',
    at: 1,
    day: '2026-01-01',
    summary: 'Hello',
    source: 'manual',
    confirmed: true,
    dedupeKey: `k-${id}`,
    ...fields,
  });
  const backup = (parts: Record<string, unknown[]>) =>
    JSON.stringify({
      format: 'fifth-touch-backup',
      schemaVersion: 3,
      exportedAt: 1,
      prospects: [],
      touches: [],
      outcomes: [],
      settings: [],
      ...parts,
    });

  test('each is refused in plain words naming what is wrong, and the store is unchanged', async () => {
    const panel = await session.context.newPage();
    const errors = pageErrors(panel);
    await panel.goto(session.extensionUrl('sidepanel.html'));
    await panel.getByRole('heading', { name: 'Fifth Touch' }).first().waitFor();
    await panel.getByRole('button', { name: 'Import/export' }).click();
    const input = panel.getByLabel('Restore from a backup file');
    const alert = panel.getByRole('alert');
    const before = await rows();
    const cases: [string, string, RegExp][] = [
      [
        'duplicate-ids.json',
        backup({ prospects: [prospect('p1'), prospect('p1', { emails: ['x@y.example'] })] }),
        /two prospects have the id "p1"/,
      ],
      [
        'duplicate-touch-ids.json',
        backup({ prospects: [prospect('p1')], touches: [touch('t1', 'p1'), touch('t1', 'p1')] }),
        /two touches have the id "t1"/,
      ],
      [
        'one-address-two-prospects.json',
        backup({ prospects: [prospect('p1'), prospect('p2', { emails: [' P1@Acme.example '] })] }),
        /p1@acme\.example belongs to two prospects/,
      ],
      [
        'script-link.json',
        backup({
          prospects: [prospect('p1')],
          touches: [touch('t1', 'p1', { link: 'javascript:alert(1)' })],
        }),
        /touch 1, link: a link that is not/,
      ],
      [
        'long-name.json',
        backup({ prospects: [prospect('p1', { name: 'N'.repeat(10_000) })] }),
        /prospect 1, name: the name is longer than 200 characters/,
      ],
      [
        'bad-address.json',
        backup({ prospects: [prospect('p1', { emails: ['bob@'] })] }),
        /prospect 1, emails: not an email address \("bob@"\)/,
      ],
    ];
    for (const [name, text, message] of cases) {
      const file = path.join(files, name);
      await writeFile(file, text);
      await input.setInputFiles(file);
      await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toMatch(message);
      const shown = (await alert.textContent()) ?? '';
      expect(shown).toContain('Nothing was changed');
      expect(shown).not.toMatch(/ConstraintError|BulkError|Dexie|IDBDatabase|Key already exists/);
      expect(await panel.getByRole('group', { name: 'Confirm restore' }).count()).toBe(0);
      expect(await rows()).toEqual(before);
    }

    // A good backup with untidy addresses is restored as an import would store it.
    const file = path.join(files, 'untidy.json');
    await writeFile(
      file,
      backup({
        prospects: [prospect('p1', { emails: ['  Jane.Doe@ACME.example '], tags: [' q3 '] })],
      }),
    );
    await input.setInputFiles(file);
    await panel
      .getByRole('group', { name: 'Confirm restore' })
      .getByRole('button', { name: 'Replace with backup' })
      .click();
    const restored = await waitForRows((r) => r.prospects.length === 1);
    expect(restored.prospects[0]).toMatchObject({
      emails: ['jane.doe@acme.example'],
      tags: ['q3'],
    });
    expect(errors).toEqual([]);
  });
});
