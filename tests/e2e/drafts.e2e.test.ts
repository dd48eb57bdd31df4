// Drafts end to end in the built extension (issue 21): Debian's Chromium has the real Prompt API
// (`LanguageModel`) in its extension pages and worker but no model, so the fallback is tested
// against the real API; a stand-in `LanguageModel` installed in the side panel before its scripts
// run is the available path (the prompt, the stream, Cancel, the limits); with none at all, the
// template path. Then the draft goes into the right Gmail thread's reply box and the right
// LinkedIn conversation's box, nothing is recorded until the rep's own Send, and that send's touch
// keeps the angle so the next suggestion moves on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page, Route } from 'playwright-core';
import { suggestAngle } from '../../lib/angles/choose';
import { localDayOf } from '../../lib/cadence/days';
import { draftFactsOf } from '../../lib/drafts/facts';
import { countWords, EMAIL_MAX_WORDS } from '../../lib/drafts/limits';
import { buildDraftPrompt } from '../../lib/drafts/prompt';
import type { Prospect, Touch } from '../../lib/model';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import {
  launchExtension,
  projectRoot,
  readDatabase,
  seedDatabase,
  sharedFixture,
  until,
  type DatabaseRows,
  type ExtensionSession,
} from './harness';
import { prospect } from './sidepanel-desk';
import {
  answerSync,
  COMPOSE_PAGE,
  NEW_COMPOSE,
  SYNC_URL,
  type FakeClientConfig,
} from './gmail-page';
import { isTopLevelNavigation } from './sites';

const DAY = 86_400_000;
const CORA_THREAD = '196195b51bdb9ff3';
const JANE_MEMBER = 'ACoAABkK3aABrPkJOB7dzM8bUyGhY35vwczi5iQ';
const JANE_THREAD = '2-NWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';
const MAILBOX = 'ACoAAAR6oE8B1GpmiVTWEdBctbRrJZwWa0MspYs';
const ROWAN_MEMBER = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';
/** The conversation LinkedIn starts when the rep first writes to Rowan (an invented uuid). */
const ROWAN_NEW_THREAD = `2-${Buffer.from('0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6_100').toString('base64')}`;

let session: ExtensionSession;

beforeEach(async () => {
  session = await launchExtension();
});

afterEach(async () => {
  await session?.close();
});

// ---- The desk ----

function touch(fields: Partial<Touch> & Pick<Touch, 'id' | 'prospectId' | 'summary'>): Touch {
  const at = session.now() - 4 * DAY;
  return {
    channel: 'email',
    direction: 'out',
    at,
    day: localDayOf(at),
    source: 'detected',
    confirmed: true,
    dedupeKey: `seed:${fields.id}`,
    ...fields,
  };
}

/** Jane (email, two touches) due today, and Omar, whose facts must never reach Jane's prompt. */
function emailDesk() {
  const now = session.now();
  const today = localDayOf(now);
  const jane = prospect(
    {
      id: 'jane',
      name: 'Jane Doe',
      company: 'Acme',
      emails: ['jane@acme.example'],
      linkedinIds: ['jane-doe-42'],
      tags: ['tag-never-prompted'],
      nextDueDay: today,
      nextChannels: ['email'],
      nextStep: 3,
      totalSteps: 9,
      touchCount: 2,
      lastTouchAt: now - 4 * DAY,
    },
    now,
  );
  const omar = prospect(
    { id: 'omar', name: 'Omar Haddad', company: 'Globex', nextDueDay: today },
    now,
  );
  const touches = [
    touch({ id: 't1', prospectId: 'jane', summary: 'Renewal numbers for Acme', at: now - 9 * DAY }),
    touch({ id: 't2', prospectId: 'jane', summary: 'Pricing for the rollout' }),
    touch({ id: 't3', prospectId: 'omar', summary: 'Globex subject never prompted' }),
  ];
  return { prospects: [jane, omar], touches };
}

async function seed(rows: { prospects: Prospect[]; touches: Touch[] }): Promise<void> {
  // The panel's Dexie creates the schema on first open.
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('sidepanel.html'));
  await page.getByRole('tab', { name: /Due today/ }).waitFor();
  await page.close();
  await seedDatabase(session.context, session.extensionId, rows);
}

/** The angle the panel suggests for `p`, as AngleSuggestion asks for it. */
function angleFor(p: Prospect) {
  return suggestAngle({
    channel: p.nextChannels[0],
    step: p.nextStep,
    phase: 'cadence',
    lastAngleId: p.lastAngleId,
    settings: DEFAULT_SETTINGS,
  })!;
}

async function openPanel(init?: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors?: string[] }).errors = errors;
  if (init) await init(page);
  await page.goto(session.extensionUrl('sidepanel.html'));
  await page.getByRole('tab', { name: /Due today/ }).waitFor();
  return page;
}

function row(page: Page, name: string) {
  return page
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name, exact: true }) });
}

// ---- A LanguageModel stand-in, installed before the panel's scripts run ----

interface StandInOptions {
  availability: string;
  /** downloadprogress events fired during create(), `loaded` each. */
  progress: number[];
  chunks: string[];
  chunkMs: number;
}

interface StandInLog {
  availability: number;
  created: { initialPrompts: unknown; monitor: boolean; signal: boolean }[];
  prompts: string[];
  aborted: number;
  destroyed: number;
  firstChunkAt?: number;
}

function installStandIn(options: StandInOptions) {
  const log: StandInLog = { availability: 0, created: [], prompts: [], aborted: 0, destroyed: 0 };
  (window as unknown as { standInLog: StandInLog }).standInLog = log;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const api = {
    availability() {
      log.availability += 1;
      return Promise.resolve(options.availability);
    },
    async create(created: {
      initialPrompts: unknown;
      monitor?: (target: EventTarget) => void;
      signal?: AbortSignal;
    }) {
      log.created.push({
        initialPrompts: created.initialPrompts,
        monitor: typeof created.monitor === 'function',
        signal: created.signal instanceof AbortSignal,
      });
      const monitor = new EventTarget();
      created.monitor?.(monitor);
      for (const loaded of options.progress) {
        await sleep(400);
        monitor.dispatchEvent(Object.assign(new Event('downloadprogress'), { loaded }));
      }
      return {
        promptStreaming(input: string, opts?: { signal?: AbortSignal }) {
          log.prompts.push(input);
          let next = 0;
          return new ReadableStream<string>({
            async pull(controller) {
              await sleep(options.chunkMs);
              if (opts?.signal?.aborted) {
                log.aborted += 1;
                controller.error(opts.signal.reason);
              } else if (next >= options.chunks.length) controller.close();
              else {
                log.firstChunkAt ??= performance.now();
                controller.enqueue(options.chunks[next++]!);
              }
            },
            cancel() {
              log.aborted += 1;
            },
          });
        },
        destroy() {
          log.destroyed += 1;
        },
      };
    },
  };
  Object.defineProperty(window, 'LanguageModel', {
    value: api,
    configurable: true,
    writable: true,
  });
}

const standInLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { standInLog: StandInLog }).standInLog);

/** A model answer well over the email limit, in 12-character chunks. */
const LONG_ANSWER = `Subject: A thought on Acme's renewal\n\nHi Jane,\n\n${'Teams like Acme cut review time by [result]. '.repeat(30)}\n\nBest,\nSam`;
const chunked = (text: string) => text.match(/[\s\S]{1,12}/g)!;

describe('the real Prompt API in Debian’s Chromium', () => {
  test('exists in the side panel and the worker, answers "unavailable", and Draft fills the template', async () => {
    const desk = emailDesk();
    await seed(desk);
    const page = await openPanel();
    const probe = async () => {
      const scope = globalThis as unknown as {
        LanguageModel?: { availability(): Promise<string> };
      };
      return [typeof scope.LanguageModel, await scope.LanguageModel?.availability()];
    };
    const inPanel = await page.evaluate(probe);
    const inWorker = await session.worker.evaluate(probe);
    expect(inPanel).toEqual(['function', 'unavailable']);
    expect(inWorker).toEqual(['function', 'unavailable']);

    const angle = angleFor(desk.prospects[0]!);
    const jane = row(page, 'Jane Doe');
    await jane.getByRole('button', { name: 'Draft', exact: true }).click();
    await page
      .getByText(
        `Filled from the ${angle.label} template: the built-in model is not available on this device.`,
      )
      .waitFor();
    const body = await jane.getByLabel('Message', { exact: true }).inputValue();
    expect(body.startsWith('Hi Jane,')).toBe(true);
    expect(body).toContain('Acme');
    // No name in Settings yet: the line is left empty, never a literal placeholder to send.
    expect(body).not.toContain('{myName}');
    expect(await jane.getByLabel('Subject', { exact: true }).inputValue()).toBe(
      'Re: Pricing for the rollout',
    );
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
  });
});

describe('with the model available (a stand-in LanguageModel in the panel)', () => {
  test('the prompt holds exactly the facts and the angle; the download and the stream are shown; the limit holds', async () => {
    const desk = emailDesk();
    await seed(desk);
    const page = await openPanel((p) =>
      p.addInitScript(installStandIn, {
        availability: 'downloadable',
        progress: [0, 0.5, 1],
        chunks: chunked(LONG_ANSWER),
        chunkMs: 25,
      }),
    );
    const jane = row(page, 'Jane Doe');
    const angle = angleFor(desk.prospects[0]!);
    // create() only after the click.
    expect((await standInLog(page)).created).toEqual([]);
    await jane.getByRole('button', { name: 'Draft', exact: true }).click();

    await page.waitForFunction(
      () =>
        (
          document.querySelector(
            'progress[aria-label="Model download"]',
          ) as HTMLProgressElement | null
        )?.value === 0.5,
    );
    await jane.getByText(/Downloading the browser’s built-in model/).waitFor();
    const streaming = jane.getByLabel('Draft being written');
    await streaming.waitFor();
    const partial = await until(
      () => streaming.textContent({ timeout: 1_000 }).catch(() => ''),
      (text) => (text ?? '').length > 40,
    );
    expect(LONG_ANSWER.startsWith(partial!)).toBe(true);
    expect(partial!.length).toBeLessThan(LONG_ANSWER.length);

    await page
      .getByText(
        'Written on this device by the browser’s built-in model; nothing left this computer. Cut to fit the length limit.',
      )
      .waitFor({ timeout: 20_000 });
    const body = await jane.getByLabel('Message', { exact: true }).inputValue();
    expect(countWords(body)).toBeLessThanOrEqual(EMAIL_MAX_WORDS);
    expect(body.startsWith('Hi Jane,')).toBe(true);
    expect(body.endsWith('Best,\nSam')).toBe(true);
    expect(await jane.getByLabel('Subject', { exact: true }).inputValue()).toBe(
      "A thought on Acme's renewal",
    );
    await jane.getByText(`${countWords(body)} of ${EMAIL_MAX_WORDS} words`).waitFor();

    const log = await standInLog(page);
    const expected = buildDraftPrompt({
      facts: draftFactsOf(desk.prospects[0]!, desk.touches.slice(0, 2), 'email'),
      angle,
      style: null,
    });
    expect(log.created).toEqual([
      {
        initialPrompts: [{ role: 'system', content: expected.system }],
        monitor: true,
        signal: true,
      },
    ]);
    expect(log.prompts).toEqual([expected.request]);
    const said = JSON.stringify(log);
    for (const secret of [
      'jane@acme.example',
      'jane-doe-42',
      'tag-never-prompted',
      'Omar',
      'Globex',
    ]) {
      expect(said).not.toContain(secret);
    }
    for (const fact of [
      'Jane Doe',
      'Acme',
      '3 of 9',
      'Touches so far: 2',
      'Pricing for the rollout',
      angle.prompt,
    ]) {
      expect(log.prompts[0]).toContain(fact);
    }
    expect(log.destroyed).toBe(1);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
  });

  test('Cancel stops the stream, frees the session and leaves no draft; a lazy line is coached', async () => {
    const desk = emailDesk();
    await seed(desk);
    const page = await openPanel((p) =>
      p.addInitScript(installStandIn, {
        availability: 'available',
        progress: [],
        chunks: chunked(
          `Subject: Hi\n\nHi Jane, just checking in on this. ${'More words here. '.repeat(40)}`,
        ),
        chunkMs: 150,
      }),
    );
    const jane = row(page, 'Jane Doe');
    await jane.getByRole('button', { name: 'Draft', exact: true }).click();
    await until(
      () =>
        jane
          .getByLabel('Draft being written')
          .textContent({ timeout: 1_000 })
          .catch(() => ''),
      (text) => (text ?? '').length > 20,
    );
    await jane.getByRole('button', { name: 'Cancel', exact: true }).click();
    await jane.getByText('No draft: press Draft to write one.').waitFor();
    const log = await until(
      () => standInLog(page),
      (value) => value.destroyed === 1 && value.aborted >= 1,
    );
    expect(log.prompts).toHaveLength(1);
    expect(await jane.getByLabel('Message', { exact: true }).count()).toBe(0);

    // Drafted again, to the end: the coach names the model's lazy line.
    await jane.getByRole('button', { name: 'Draft', exact: true }).click();
    await jane.getByLabel('Message', { exact: true }).waitFor({ timeout: 30_000 });
    await jane.getByText(/Coach: “just checking in” gives Jane Doe no reason to reply/).waitFor();
  });
});

describe('with no LanguageModel at all (Firefox, other browsers)', () => {
  test('the same button fills the template and says so', async () => {
    const desk = emailDesk();
    await seed(desk);
    const page = await openPanel((p) =>
      p.addInitScript(() => {
        Reflect.deleteProperty(window, 'LanguageModel');
      }),
    );
    expect(await page.evaluate(() => 'LanguageModel' in window)).toBe(false);
    const angle = angleFor(desk.prospects[0]!);
    const jane = row(page, 'Jane Doe');
    await jane.getByRole('button', { name: 'Draft', exact: true }).click();
    await jane
      .getByText(`Filled from the ${angle.label} template: this browser has no built-in model.`)
      .waitFor();
    expect(await jane.getByLabel('Message', { exact: true }).inputValue()).toContain('Hi Jane,');
  });
});

// ---- Into the real composer ----

const gmailCapture = (name: string) =>
  readFileSync(sharedFixture(`gmail/sync/2022-09-09-${name}.json`), 'utf8');
const INLINE_REPLY_PAGE = readFileSync(
  path.join(projectRoot, 'tests/fixtures/gmail/thread-inline-reply.html'),
  'utf8',
);
const FAKE_GMAIL = readFileSync(
  path.join(projectRoot, 'tests/fixtures/gmail/fake-gmail-client.js'),
  'utf8',
);
const REPLY_IDS: [string, string][] = [
  ['thread-f:1743802434391390786', 'thread-f:1828907528778129395'],
  ['18333b13345c3a42', CORA_THREAD],
];

/** Gmail's thread page with its (stand-in) client inlined, as Gmail's own scripts would be. */
function gmailThreadPage(): string {
  const config = {
    template: gmailCapture('cvOnReplySend_2_request'),
    captureId: 'msg-a:r2026878197680476540',
    recipient: [
      '[[1, "test@streak.com", "Test Test"]]',
      '[[1, "cora.hale@example.org", "Cora Hale"]]',
    ],
    replace: REPLY_IDS,
    transport: 'xhr',
    syncUrl: '/sync/u/0/i/s?hl=en&c=7',
    undoWindow: false,
  };
  const scripts = `<script>window.fakeGmailConfig = ${JSON.stringify(config).replace(/</g, '\\u003c')};</script><script>${FAKE_GMAIL}</script>`;
  return INLINE_REPLY_PAGE.replace('</body>', `${scripts}</body>`);
}

async function serveNavigations(context: BrowserContext, glob: string, html: string) {
  await context.route(glob, (route: Route) => {
    const request = route.request();
    if (!isTopLevelNavigation(request)) {
      return route.fallback();
    }
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
}

async function answerGmailSync(context: BrowserContext): Promise<void> {
  await context.route('https://mail.google.com/sync/**', async (route: Route) => {
    const body = route.request().postData() ?? '';
    const messageId = /msg-a:r-?\d+/.exec(body)?.[0];
    let response = gmailCapture('cvOnReplySend_2_response');
    const captureId = /msg-a:r-?\d+/.exec(gmailCapture('cvOnReplySend_2_request'))?.[0];
    if (messageId && captureId) response = response.split(captureId).join(messageId);
    for (const [from, to] of REPLY_IDS) response = response.split(from).join(to);
    await route.fulfill({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: response,
    });
  });
}

async function rowsWhen(predicate: (rows: DatabaseRows) => boolean): Promise<DatabaseRows> {
  return until(
    () => readDatabase(session.context, session.extensionId),
    (rows) => predicate(rows) && rows.touches.every((t) => t.sending === undefined),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens the Draft of `name`'s card in the panel: the card and its message box, once shown. */
async function openDraft(panel: Page, name: string): Promise<{ card: Locator; body: Locator }> {
  const card = row(panel, name);
  await card.getByRole('button', { name: 'Draft', exact: true }).click();
  const body = card.getByLabel('Message', { exact: true });
  await body.waitFor();
  return { card, body };
}

/**
 * Presses the card's composer button (Reply in Gmail, Message on LinkedIn): the tab it opens, and the
 * panel's answer once that tab's content script has spoken (slow on a loaded machine).
 */
async function putInComposer(
  card: Locator,
  button: string,
): Promise<{ tab: Page; status: string | null }> {
  const [tab] = await Promise.all([
    session.context.waitForEvent('page'),
    card.getByRole('button', { name: button }).click(),
  ]);
  const status = await until(
    () =>
      card
        .getByRole('status')
        .textContent({ timeout: 1_000 })
        .catch(() => ''),
    (text) => !!text && text !== 'Opening…',
    { timeout: 60_000, interval: 250 },
  );
  return { tab, status };
}

/** The stored touches' ids after a pause long enough for a send wrongly recorded to have landed. */
async function touchIdsAfterAPause(): Promise<string[]> {
  await sleep(3_000);
  return (await readDatabase(session.context, session.extensionId)).touches.map((t) => t.id);
}

describe('Reply in Gmail', () => {
  test('puts the draft into the reply box of the prospect’s thread once; nothing is recorded until Send, whose touch keeps the angle', async () => {
    const now = session.now();
    const cora = prospect(
      {
        id: 'cora',
        name: 'Cora Hale',
        company: 'Acme',
        emails: ['cora.hale@example.org'],
        nextDueDay: localDayOf(now),
        nextChannels: ['email'],
        nextStep: 2,
        touchCount: 1,
        lastTouchAt: now - 4 * DAY,
      },
      now,
    );
    const first = touch({
      id: 'c1',
      prospectId: 'cora',
      summary: 'Pricing for the Acme rollout',
      link: `https://mail.google.com/mail/u/0/#all/${CORA_THREAD}`,
      threadId: 'thread-f:1828907528778129395',
      account: '/mail/u/0',
    });
    await seed({ prospects: [cora], touches: [first] });
    await serveNavigations(session.context, 'https://mail.google.com/**', gmailThreadPage());
    await answerGmailSync(session.context);
    const angle = angleFor(cora);

    const panel = await openPanel();
    const { card, body } = await openDraft(panel, 'Cora Hale');
    // The rep's own edit goes in, not the template as filled.
    const draft = `${await body.inputValue()}\n\nP.S. Happy to share the rollout plan.`;
    await body.fill(draft);

    const { tab: gmail, status } = await putInComposer(card, 'Reply in Gmail');
    expect(status).toBe('The draft is in the message box: read it, then press Send yourself.');
    expect(gmail.url()).toBe(`https://mail.google.com/mail/u/0/#all/${CORA_THREAD}`);
    const replyBox = gmail.locator('.M9 [role="textbox"]');
    const text = await replyBox.innerText();
    expect(text.replace(/\s+/g, ' ')).toContain('P.S. Happy to share the rollout plan.');
    expect(text.replace(/\s+/g, ' ')).toContain(draft.split('\n')[0]!);
    // Once: the first line appears once.
    expect(text.split(draft.split('\n')[0]!)).toHaveLength(2);

    // Nothing sent, nothing recorded.
    expect(await touchIdsAfterAPause()).toEqual(['c1']);
    expect(
      await gmail.evaluate(() => (window as unknown as { fakeGmailLog: string[] }).fakeGmailLog),
    ).toEqual([]);

    // The rep presses Send: one touch, with the draft's angle; the next suggestion moves on.
    await gmail.locator('.M9 div.T-I.aoO').click();
    const rows = await rowsWhen((r) => r.touches.length === 2);
    const sent = rows.touches.find((t) => t.id !== 'c1')!;
    expect(sent).toMatchObject({
      prospectId: 'cora',
      channel: 'email',
      angleId: angle.id,
      confirmed: true,
    });
    const after = rows.prospects.find((p) => p.id === 'cora')!;
    expect(after.lastAngleId).toBe(angle.id);
    expect(angleFor(after).id).not.toBe(angle.id);
    // The rep's edit taught the style note (their P.S. made it longer than the template).
    const settings = rows.settings[0] as { draftStyle?: { samples: number } } | undefined;
    expect(settings?.draftStyle?.samples).toBe(1);
  });
});

/** Gmail's new-compose page (a `?view=cm` link) with its (stand-in) client inlined. */
function gmailComposePage(to: string, name: string): string {
  const config: FakeClientConfig = {
    ...NEW_COMPOSE,
    recipient: [NEW_COMPOSE.recipient[0], `"${to}", "${name}"`],
    replace: [],
    transport: 'xhr',
    syncUrl: SYNC_URL,
    undoWindow: false,
    composeFromUrl: true,
  };
  const scripts = `<script>window.fakeGmailConfig = ${JSON.stringify(config).replace(/</g, '\\u003c')};</script><script>${FAKE_GMAIL}</script>`;
  return `<!doctype html><html><head><title>Gmail</title></head><body>${COMPOSE_PAGE}${scripts}</body></html>`;
}

describe('Reply in Gmail with no thread yet', () => {
  test('opens a new compose to the prospect’s address with the draft and its subject; nothing is recorded until Send, whose touch keeps the angle', async () => {
    const now = session.now();
    const dana = prospect(
      {
        id: 'dana',
        name: 'Dana Reyes',
        company: 'Globex',
        emails: ['dana.reyes@globex.example'],
        nextDueDay: localDayOf(now),
        nextChannels: ['email'],
        nextStep: 2,
        touchCount: 1,
        lastTouchAt: now - 4 * DAY,
      },
      now,
    );
    // A touch the rep logged by hand: no Gmail thread to reply in.
    const logged = touch({
      id: 'd1',
      prospectId: 'dana',
      summary: 'Intro call follow-up',
      source: 'manual',
    });
    await seed({ prospects: [dana], touches: [logged] });
    await serveNavigations(
      session.context,
      'https://mail.google.com/**',
      gmailComposePage('dana.reyes@globex.example', 'Dana Reyes'),
    );
    const syncBodies = await answerSync(session.context);
    const angle = angleFor(dana);

    const panel = await openPanel();
    const { card, body } = await openDraft(panel, 'Dana Reyes');
    const draft = await body.inputValue();
    const subject = await card.getByLabel('Subject', { exact: true }).inputValue();
    expect(subject).not.toBe('');

    const { tab: gmail, status } = await putInComposer(card, 'Reply in Gmail');
    expect(status).toBe('The draft is in the message box: read it, then press Send yourself.');
    const opened = new URL(gmail.url());
    expect(`${opened.origin}${opened.pathname}`).toBe('https://mail.google.com/mail/u/0/');
    expect(opened.searchParams.get('view')).toBe('cm');
    expect(opened.searchParams.get('to')).toBe('dana.reyes@globex.example');
    expect(opened.searchParams.get('su')).toBe(subject);
    const compose = gmail.locator('[role="dialog"]');
    expect(await compose.locator('input[name="subjectbox"]').inputValue()).toBe(subject);
    const text = (await compose.locator('[role="textbox"][contenteditable="true"]').innerText())
      .replace(/\s+/g, ' ')
      .trim();
    expect(text).toBe(draft.replace(/\s+/g, ' ').trim());
    const firstLine = draft.split('\n')[0]!;
    expect(text.split(firstLine)).toHaveLength(2);

    // Nothing sent, nothing recorded.
    expect(await touchIdsAfterAPause()).toEqual(['d1']);
    expect(syncBodies).toEqual([]);
    expect(
      await gmail.evaluate(() => (window as unknown as { fakeGmailLog: string[] }).fakeGmailLog),
    ).toEqual([]);

    // The rep presses Send: one touch to Dana, with the draft's subject and angle.
    await gmail.locator('[role="dialog"] div.T-I.aoO').click();
    const rows = await rowsWhen((r) => r.touches.length === 2);
    expect(syncBodies).toHaveLength(1);
    const sent = rows.touches.find((t) => t.id !== 'd1')!;
    expect(sent).toMatchObject({
      prospectId: 'dana',
      channel: 'email',
      angleId: angle.id,
      confirmed: true,
      summary: subject,
    });
    expect(rows.prospects.find((p) => p.id === 'dana')!.lastAngleId).toBe(angle.id);
  });
});

// ---- LinkedIn ----

const FAKE_LINKEDIN = readFileSync(
  path.join(projectRoot, 'tests/fixtures/linkedin/fake-linkedin-client.js'),
  'utf8',
);
const LINKEDIN_THREAD_PAGE = readFileSync(
  path.join(projectRoot, 'tests/fixtures/linkedin/dom/thread-page-send-button.html'),
  'utf8',
);

/**
 * The conversation page with LinkedIn's (stand-in) client, without Jane's answer: the page's reply
 * would be logged (rightly), and a prospect who replied is no longer due, so her card would leave
 * the panel's Due list this test works in. The rep's own first message stays.
 */
function linkedInThreadPage(): string {
  const attribute = JSON.stringify({ mailbox: MAILBOX }).replace(/'/g, '&#39;');
  const script = `<script data-config='${attribute}'>${FAKE_LINKEDIN}</script>`;
  const withoutReply = LINKEDIN_THREAD_PAGE.replace(
    /<li class="msg-s-message-list__event clearfix">\s*<time[^>]*>Nov 18, 2026<\/time>[\s\S]*?<\/li>/,
    '',
  );
  if (withoutReply === LINKEDIN_THREAD_PAGE)
    throw new Error('the fixture changed: no reply to take out');
  return withoutReply.replace('</body>', `${script}</body>`);
}

/** Answers LinkedIn's createMessage; a message to a new conversation lands in `started`. */
async function answerCreateMessage(context: BrowserContext, started = JANE_THREAD): Promise<void> {
  let counter = 0;
  await context.route('https://www.linkedin.com/voyager/api/**', async (route: Route) => {
    const request = route.request();
    if (!request.url().includes('createMessage')) {
      return route.fulfill({ status: 201, contentType: 'application/json', body: '{}' });
    }
    const parsed = JSON.parse(request.postData() ?? '{}') as {
      message: { conversationUrn?: string; originToken: string };
      mailboxUrn: string;
    };
    const conversation = /,(2-[^)]+)\)$/.exec(parsed.message.conversationUrn ?? '')?.[1] ?? started;
    const uuid = Buffer.from(conversation.slice(2), 'base64').toString();
    counter += 1;
    const messageId = `2-${Buffer.from(`${session.now()}b${counter}-100&${uuid}`).toString('base64')}`;
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        value: {
          entityUrn: `urn:li:msg_message:(${parsed.mailboxUrn},${messageId})`,
          backendConversationUrn: `urn:li:messagingThread:${conversation}`,
          conversationUrn: `urn:li:msg_conversation:(${parsed.mailboxUrn},${conversation})`,
          originToken: parsed.message.originToken,
          deliveredAt: session.now(),
          body: { text: 'echo of the text, never read' },
        },
      }),
    });
  });
}

describe('Message on LinkedIn', () => {
  test('puts the draft into the prospect’s conversation box once; nothing is recorded until Send, whose touch keeps the angle', async () => {
    const now = session.now();
    const jane = prospect(
      {
        id: 'jane',
        name: 'Jane Doe',
        company: 'Northwind',
        emails: [],
        linkedinIds: [JANE_MEMBER],
        nextDueDay: localDayOf(now),
        nextChannels: ['linkedin'],
        nextStep: 2,
        touchCount: 1,
        lastTouchAt: now - 4 * DAY,
      },
      now,
    );
    const first = touch({
      id: 'j1',
      prospectId: 'jane',
      channel: 'linkedin',
      summary: 'LinkedIn message',
      link: `https://www.linkedin.com/messaging/thread/${JANE_THREAD}/`,
      threadId: JANE_THREAD,
    });
    await seed({ prospects: [jane], touches: [first] });
    await serveNavigations(session.context, 'https://www.linkedin.com/**', linkedInThreadPage());
    await answerCreateMessage(session.context);
    const angle = angleFor(jane);

    const panel = await openPanel();
    const { card, body } = await openDraft(panel, 'Jane Doe');
    const draft = await body.inputValue();
    expect(draft.length).toBeLessThanOrEqual(299);
    await card.getByText(/ of 299 characters/).waitFor();

    const { tab: linkedin, status } = await putInComposer(card, 'Message on LinkedIn');
    expect(status).toBe('The draft is in the message box: read it, then press Send yourself.');
    expect(linkedin.url()).toBe(`https://www.linkedin.com/messaging/thread/${JANE_THREAD}/`);
    const composer = linkedin.locator('[role="textbox"]');
    const text = (await composer.innerText()).replace(/\s+/g, ' ');
    const firstLine = draft.split('\n')[0]!;
    expect(text).toContain(firstLine);
    expect(text.split(firstLine)).toHaveLength(2);

    expect(await touchIdsAfterAPause()).toEqual(['j1']);

    await linkedin.getByRole('button', { name: 'Send', exact: true }).click();
    const rows = await rowsWhen((r) => r.touches.length === 2);
    const sent = rows.touches.find((t) => t.id !== 'j1')!;
    expect(sent).toMatchObject({ prospectId: 'jane', channel: 'linkedin', angleId: angle.id });
    expect(rows.prospects.find((p) => p.id === 'jane')!.lastAngleId).toBe(angle.id);
  });
});

const PROFILE_PAGE = readFileSync(sharedFixture('linkedin/dom/profile-2025.html'), 'utf8');
const NEW_BUBBLE = readFileSync(
  path.join(projectRoot, 'tests/fixtures/linkedin/dom/new-conversation-bubble.html'),
  'utf8',
);

/**
 * Rowan Chase's profile (a real capture) with LinkedIn's (stand-in) client, whose Message opens a
 * new conversation bubble with him in the messaging overlay, as LinkedIn's client does.
 */
function rowanProfilePage(): string {
  const config = {
    mailbox: MAILBOX,
    openBubble: { 'Message Rowan': 'rowan-bubble' },
    newConversation: { 'Rowan Chase': ROWAN_MEMBER },
  };
  const attribute = JSON.stringify(config).replace(/'/g, '&#39;');
  const added = `<template id="rowan-bubble">${NEW_BUBBLE}</template><script data-config='${attribute}'>${FAKE_LINKEDIN}</script>`;
  return PROFILE_PAGE.replace('</body>', () => `${added}</body>`);
}

describe('Message on LinkedIn with no conversation yet', () => {
  test('opens the profile’s message box with the draft in it once; nothing is recorded until Send, whose touch keeps the angle', async () => {
    const now = session.now();
    const rowan = prospect(
      {
        id: 'rowan',
        name: 'Rowan Chase',
        company: 'Substrate',
        emails: [],
        linkedinIds: ['rowanchase', ROWAN_MEMBER],
        nextDueDay: localDayOf(now),
        nextChannels: ['linkedin'],
        nextStep: 2,
        touchCount: 1,
        lastTouchAt: now - 4 * DAY,
      },
      now,
    );
    // His invitation, accepted since: a touch, but no conversation to open.
    const invited = touch({
      id: 'r1',
      prospectId: 'rowan',
      channel: 'linkedin',
      summary: 'LinkedIn invitation',
    });
    await seed({ prospects: [rowan], touches: [invited] });
    await serveNavigations(session.context, 'https://www.linkedin.com/**', rowanProfilePage());
    await answerCreateMessage(session.context, ROWAN_NEW_THREAD);
    const angle = angleFor(rowan);

    const panel = await openPanel();
    const { card, body } = await openDraft(panel, 'Rowan Chase');
    const draft = await body.inputValue();

    const { tab: linkedin, status } = await putInComposer(card, 'Message on LinkedIn');
    expect(status).toBe('The draft is in the message box: read it, then press Send yourself.');
    expect(linkedin.url()).toBe('https://www.linkedin.com/in/rowanchase/');
    // Message was pressed once: one bubble with Rowan, holding the draft once.
    const bubble = linkedin.locator('#msg-overlay [role="dialog"]').filter({
      has: linkedin.locator('h2', { hasText: 'Rowan Chase' }),
    });
    expect(await bubble.count()).toBe(1);
    const text = (await bubble.locator('[role="textbox"]').innerText()).replace(/\s+/g, ' ').trim();
    expect(text).toBe(draft.replace(/\s+/g, ' ').trim());
    const firstLine = draft.split('\n')[0]!;
    expect(text.split(firstLine)).toHaveLength(2);

    expect(await touchIdsAfterAPause()).toEqual(['r1']);

    await bubble.getByRole('button', { name: 'Send', exact: true }).click();
    const rows = await rowsWhen((r) => r.touches.length === 2);
    const sent = rows.touches.find((t) => t.id !== 'r1')!;
    expect(sent).toMatchObject({ prospectId: 'rowan', channel: 'linkedin', angleId: angle.id });
    expect(sent.threadId).toBe(ROWAN_NEW_THREAD);
    expect(rows.prospects.find((p) => p.id === 'rowan')!.lastAngleId).toBe(angle.id);
    expect(rows.prospects).toHaveLength(1);
  });
});
