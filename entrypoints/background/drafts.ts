// Drafts into composers, from the background's side. The side panel asks for a draft to be put
// into a prospect's composer: a tab is opened on the right thread, conversation or profile, the
// draft waits (in session storage) for that tab's content script to take it, once, and the panel is
// answered when the script says how it went. Nothing is ever sent: the rep presses Send, the send
// is detected as usual, and storeSend (outbox.ts) gives its touch the draft's angle.
import { browser } from 'wxt/browser';
import {
  angleOfSend,
  AWAITING_SEND_MS,
  composerTargetOf,
  pruneAwaiting,
  type AwaitingSend,
  type InsertResult,
  type PendingInsert,
} from '../../lib/drafts/composer';
import { getProspect, touchesOf } from '../../lib/db/queries';
import type { DraftInsert, PutDraftResult, RecordSendResult } from '../../lib/messages';
import type { DetectedSend } from '../../lib/model';
import { openDatabase } from './database';
import { handle } from './handle';

const PENDING_KEY = 'fifth-touch:draft-inserts';
const AWAITING_KEY = 'fifth-touch:drafts-awaiting-send';
/** A tab that has not taken its draft by then never will (a login page, a closed tab). */
const PENDING_MS = 2 * 60_000;
/** How long the panel waits for the content script's word. */
const ANSWER_MS = 30_000;

/** Answers still owed to the panel, by draft id: the tab that took it, and the resolver. */
const waiting = new Map<string, { tabId: number; answer: (result: PutDraftResult) => void }>();

/** Session storage where the browser has it (it is cleared when the browser quits), else local. */
function pendingArea() {
  return browser.storage.session ?? browser.storage.local;
}

async function readPending(now: number): Promise<PendingInsert[]> {
  const stored = (await pendingArea().get(PENDING_KEY))[PENDING_KEY];
  return Array.isArray(stored)
    ? (stored as PendingInsert[]).filter((entry) => entry.until > now)
    : [];
}

async function writePending(entries: PendingInsert[]): Promise<void> {
  await pendingArea().set({ [PENDING_KEY]: entries });
}

/**
 * The drafts awaiting their send as stored, read once per worker life and again after any change
 * to them (storage.onChanged: a write here, another context, storage cleared), so a send does not
 * wait on extension storage before its write.
 */
let awaitingStored: Promise<AwaitingSend[]> | undefined;

function forgetAwaiting(changes: Record<string, unknown>, area: string): void {
  if (area === 'local' && AWAITING_KEY in changes) awaitingStored = undefined;
}

function storedAwaiting(): Promise<AwaitingSend[]> {
  // Asked each time, not remembered: a listener the browser (or a test's reset) dropped is
  // added again, and what was read without it is not trusted.
  if (!browser.storage.onChanged.hasListener(forgetAwaiting)) {
    browser.storage.onChanged.addListener(forgetAwaiting);
    awaitingStored = undefined;
  }
  if (awaitingStored) return awaitingStored;
  const reading: Promise<AwaitingSend[]> = browser.storage.local.get(AWAITING_KEY).then(
    (stored) => {
      const entries = stored[AWAITING_KEY];
      return Array.isArray(entries) ? (entries as AwaitingSend[]) : [];
    },
    (error: unknown) => {
      if (awaitingStored === reading) awaitingStored = undefined;
      throw error;
    },
  );
  awaitingStored = reading;
  return reading;
}

export async function readAwaiting(now: number): Promise<AwaitingSend[]> {
  return pruneAwaiting(await storedAwaiting(), now);
}

async function writeAwaiting(entries: AwaitingSend[]): Promise<void> {
  const written = Promise.resolve(entries);
  awaitingStored = written;
  try {
    await browser.storage.local.set({ [AWAITING_KEY]: entries });
  } catch (error) {
    if (awaitingStored === written) awaitingStored = undefined;
    throw error;
  }
}

/**
 * For storeSend: which angle each prospect's touch of this send takes (the draft the rep had put in
 * a composer for them), and, once stored, the drafts that found their send are let go.
 */
export async function draftAnglesFor(send: DetectedSend, now: number) {
  const awaiting = await readAwaiting(now).catch(() => []);
  const at = send.scheduledFor ?? send.at;
  return {
    angleOf: (prospectId: string) => angleOfSend(awaiting, prospectId, send.channel, at),
    async settle(result: RecordSendResult): Promise<void> {
      const sent = new Set(
        result.touches.filter((touch) => !touch.duplicate).map((touch) => touch.prospectId),
      );
      const left = awaiting.filter(
        (entry) => !(entry.channel === send.channel && sent.has(entry.prospectId)),
      );
      if (left.length !== awaiting.length) await writeAwaiting(left);
    },
  };
}

const SITE_CHANNEL = { 'mail.google.com': 'email', 'www.linkedin.com': 'linkedin' } as const;

/** Draft tabs being opened, until their pending entry is written. */
const opening = new Set<Promise<unknown>>();

export function setUpDrafts(): void {
  handle('putDraftInComposer', async (input) => {
    const db = await openDatabase();
    const prospect = await getProspect(db, input.prospectId);
    if (!prospect) throw new Error('That prospect is no longer in Fifth Touch');
    const touches = await touchesOf(db, prospect.id);
    const target = composerTargetOf(prospect, touches, input.channel, input.subject);
    if (!target) return { result: 'no-target' as const };

    const now = Date.now();
    const id = crypto.randomUUID();
    if (input.angleId) {
      const angleId = input.angleId;
      await writeAwaiting([
        ...(await readAwaiting(now)),
        {
          prospectId: prospect.id,
          channel: input.channel,
          angleId,
          since: now,
          until: now + AWAITING_SEND_MS,
        },
      ]);
    }
    let answer: (result: PutDraftResult) => void = () => undefined;
    const answered = new Promise<PutDraftResult>((resolve) => {
      answer = resolve;
      setTimeout(() => resolve('timeout'), ANSWER_MS);
    });
    // The tab opens on its page at once; its script asking for the draft before the entry below is
    // written waits for it (takeDraftInsert awaits every tab still being opened).
    const registered = (async () => {
      const tab = await browser.tabs.create({ url: target.url, active: true });
      if (tab.id === undefined) return undefined;
      const tabId = tab.id;
      waiting.set(id, { tabId, answer });
      const pending: PendingInsert = {
        id,
        tabId,
        channel: input.channel,
        target,
        body: input.body,
        until: now + PENDING_MS,
        ...(input.subject ? { subject: input.subject } : {}),
      };
      await writePending([
        ...(await readPending(now)).filter((entry) => entry.tabId !== tabId),
        pending,
      ]);
      return tabId;
    })();
    opening.add(registered);
    let tabId: number | undefined;
    try {
      tabId = await registered;
    } finally {
      opening.delete(registered);
    }
    if (tabId === undefined) return { result: 'timeout' as const };
    const result = await answered;
    waiting.delete(id);
    return { result, url: target.url };
  });

  handle('takeDraftInsert', async (_none, { sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return null;
    if (opening.size) await Promise.allSettled([...opening]);
    const now = Date.now();
    const pending = await readPending(now);
    const entry = pending.find((candidate) => candidate.tabId === tabId);
    if (!entry) return null;
    const host = safeHost(sender.url);
    const channel = host ? SITE_CHANNEL[host as keyof typeof SITE_CHANNEL] : undefined;
    // Gmail's script takes email drafts only, LinkedIn's LinkedIn ones; a tab that went elsewhere none.
    if (channel !== entry.channel || safeHost(entry.target.url) !== host) return null;
    await writePending(pending.filter((candidate) => candidate !== entry));
    const insert: DraftInsert = { id: entry.id, target: entry.target, body: entry.body };
    if (entry.subject) insert.subject = entry.subject;
    return insert;
  });

  handle('reportDraftInsert', ({ id, result }, { sender }) => {
    const owed = waiting.get(id);
    if (!owed || owed.tabId !== sender.tab?.id) return { recorded: false };
    owed.answer(result as InsertResult);
    return { recorded: true };
  });
}

function safeHost(url: string | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}
