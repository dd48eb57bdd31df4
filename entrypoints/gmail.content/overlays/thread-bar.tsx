// The thread view: a slim bar for a tracked prospect over the open thread, after running reply
// detection (lib/sites/gmail/reply-detection.ts) on it; the seen replies are kept here. A thread
// with no prospect in it offers "Track <name> as a prospect" for its other party instead
// (lib/other-party.ts), through the background, with an Undo.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ThreadBar, type ReplyNotice } from '../../../components/gmail/ThreadBar';
import { TrackBar, type TrackBarProps } from '../../../components/gmail/TrackBar';
import { TrackedNotice } from '../../../components/overlay/TrackedNotice';
import { nextAngle } from '../../../components/overlay/angle';
import { localDayOf } from '../../../lib/cadence/days';
import { normalizeEmail } from '../../../lib/identity';
import { sendMessage, type OverlaySettings, type ProspectSummary } from '../../../lib/messages';
import { otherPartyOf, type ThreadPerson } from '../../../lib/other-party';
import { hasThreadNudge } from '../../../lib/sites/gmail/read-nudge';
import { readThread, type ThreadView } from '../../../lib/sites/gmail/read-thread';
import { findThreadReplies } from '../../../lib/sites/gmail/replies';
import { detectThreadReplies, type SeenReplies } from '../../../lib/sites/gmail/reply-detection';
import { touchesBesidesListRows } from '../../../lib/sites/gmail/read-churn';
import {
  closestOf,
  GMAIL_SELECTORS,
  queryAll,
  queryFirst,
} from '../../../lib/sites/gmail/selectors';
import { isThreadView } from '../../../lib/sites/gmail/urls';
import { ownAddresses } from '../own-addresses';
import type { GmailOverlay } from './types';
import { GMAIL_SHADOW } from '../../../components/gmail/overlay.css';
import { mountShadowUi, type ShadowUi } from '../../../components/overlay/shadow-ui';
import { NOTHING_MOUNTED } from '../../../components/overlay/types';
import { watchChildren } from '../../../components/overlay/watch-children';

/** Replies already acted on (marked, or the mark undone), by message id, across page loads. */
const SEEN_KEY = 'gmail:replies-seen';
const SEEN_MAX = 500;
const WAIT_FOR_THREAD_MS = 20_000;

export const threadBar: GmailOverlay = (ctx, env) => {
  if (!isThreadView(location.href)) return NOTHING_MOUNTED;
  let ui: ShadowUi | null = null;
  let done = false;
  let stopWatching = () => {};

  const tryMount = () => {
    if (done) return;
    const heading = queryFirst(document, GMAIL_SELECTORS.threadSubject);
    const thread = heading ? readThread(document) : null;
    if (!heading || !thread) return;
    done = true;
    stopWatching();
    void showBar(ctx, heading, thread, env.settings)
      .catch((error: unknown) => {
        // The worker was away or refused: no bar this time, and nothing thrown into Gmail.
        console.debug('[Fifth Touch] thread bar:', error);
        return null;
      })
      .then((mounted) => {
        if (disposed) mounted?.remove();
        else ui = mounted;
      });
  };

  let disposed = false;
  const main = queryFirst(document, GMAIL_SELECTORS.mainRegion)?.parentElement ?? document.body;
  // The thread's heading never comes in a thread-list row: the list's churn wakes nothing.
  stopWatching = watchChildren(ctx, main, tryMount, {
    subtree: true,
    matters: touchesBesidesListRows,
  });
  const giveUp = ctx.setTimeout(() => stopWatching(), WAIT_FOR_THREAD_MS);
  tryMount();
  const rebuild = () => {
    if (disposed || !isThreadView(location.href)) return;
    ui?.remove();
    ui = null;
    done = false;
    tryMount();
  };
  const unsubscribe = env.detection.onRecorded(() => {
    // A send in this thread changes touch N (or makes a new prospect): rebuild the bar once the
    // background has stored it, and again in case the worker was waking up.
    ctx.setTimeout(rebuild, 1_500);
    ctx.setTimeout(rebuild, 5_000);
  });

  return {
    cleanup: () => {
      disposed = true;
      clearTimeout(giveUp);
      stopWatching();
      unsubscribe();
      ui?.remove();
    },
  };
};

async function showBar(
  ctx: ContentScriptContext,
  heading: Element,
  thread: ThreadView,
  loadSettings: () => Promise<OverlaySettings>,
): Promise<ShadowUi | null> {
  const own = ownAddresses.current();
  const emails = participantsOf(heading, thread).filter((email) => !own.has(email));
  if (emails.length === 0) return null;
  let prospects = await sendMessage('lookUpProspects', { emails, linkedinIds: [] });
  if (prospects.length === 0) return offerTracking(ctx, heading, thread, loadSettings);

  // Replies first, so the bar shows the state after them.
  const notices = await detectThreadReplies(thread, prospects, own, {
    logReply: ({ prospectId, at }) => sendMessage('logOutcome', { prospectId, kind: 'reply', at }),
    markUndeliverable: (email) => sendMessage('markUndeliverable', { email }),
    loadSeen,
    saveSeen,
  });
  if (notices.size > 0)
    prospects = await sendMessage('lookUpProspects', { emails, linkedinIds: [] });

  const prospect = pickProspect(prospects, thread);
  if (!prospect) return null;
  const settings = await loadSettings();
  const ui = await mountBar(ctx, heading);
  showProspect(ui, heading, thread, prospect, settings, { notice: notices.get(prospect.id) });
  return ui;
}

function mountBar(ctx: ContentScriptContext, heading: Element): Promise<ShadowUi> {
  return mountShadowUi(ctx, {
    ...GMAIL_SHADOW,
    name: 'fifth-touch-thread-bar',
    anchor: heading.parentElement ?? heading,
    append: 'after',
  });
}

/** The bar for a tracked prospect, in `ui`; `tracked` when the rep just tracked them here (Undo). */
function showProspect(
  ui: ShadowUi,
  heading: Element,
  thread: ThreadView,
  prospect: ProspectSummary,
  settings: OverlaySettings,
  options: { notice?: ReplyNotice; tracked?: { onUntracked(): void } },
): void {
  const gmailNudge = hasThreadNudge(closestOf(heading, GMAIL_SELECTORS.mainRegion));

  let current = prospect;
  let notice = options.notice;
  let tracked = options.tracked;
  let undoError: string | undefined;
  let busy = false;
  const refresh = async () => {
    const [fresh] = await sendMessage('lookUpProspects', {
      emails: current.emails,
      linkedinIds: [],
    });
    if (fresh) current = fresh;
    render();
  };
  const act = async (action: () => Promise<void>) => {
    busy = true;
    // Anything logged now makes the track part of a history: its Undo goes.
    tracked = undefined;
    render();
    try {
      await action();
    } catch (error) {
      console.debug('[Fifth Touch] action failed:', error);
    }
    busy = false;
    await refresh();
  };
  const render = () => {
    const today = localDayOf(Date.now());
    const angle = nextAngle(current, settings, 'email');
    ui.render(
      <ThreadBar
        prospect={current}
        today={today}
        angle={angle ? { label: angle.label, prompt: angle.prompt } : undefined}
        gmailNudge={gmailNudge}
        replyNotice={notice}
        busy={busy}
        skipWeekends={settings.skipWeekends}
        onLogReply={() =>
          void act(async () => {
            const { outcomeId } = await sendMessage('logOutcome', {
              prospectId: current.id,
              kind: 'reply',
            });
            notice = { kind: 'marked', outcomeId };
          })
        }
        onLogNo={() =>
          void act(async () => {
            await sendMessage('logOutcome', { prospectId: current.id, kind: 'no' });
          })
        }
        onSnooze={(until) =>
          void act(async () => {
            await sendMessage('logOutcome', { prospectId: current.id, kind: 'snooze', until });
          })
        }
        onOpenPanel={() =>
          void sendMessage('openSidePanel', { prospectId: current.id }).catch(() => undefined)
        }
        onNotAProspect={() =>
          void act(async () => {
            await sendMessage('markNotAProspect', { prospectId: current.id });
          })
        }
        onUndoReply={(outcomeId) =>
          void act(async () => {
            await sendMessage('undoOutcome', { outcomeId });
            notice = { kind: 'undone' };
            const all = await loadSeen();
            for (const reply of findThreadReplies(thread, [current], ownAddresses.current())) {
              all[reply.messageId] = 'undone';
            }
            await saveSeen(all);
          })
        }
      >
        {tracked && (
          <TrackedNotice
            name={current.name}
            busy={busy}
            error={undoError}
            onUndo={() => void undoTrack()}
          />
        )}
      </ThreadBar>,
    );
  };
  const undoTrack = async () => {
    const undoing = tracked;
    if (!undoing || busy) return;
    busy = true;
    undoError = undefined;
    render();
    try {
      await sendMessage('untrackProspect', { prospectId: current.id });
      undoing.onUntracked();
      return;
    } catch (error) {
      undoError = messageOf(error);
    }
    busy = false;
    render();
  };
  render();
}

/**
 * A thread with no prospect in it: offers its other party (lib/other-party.ts) unless the
 * background says they are the rep's own, ignored or someone in the store already. One click
 * tracks them (name and address as the thread shows them); the bar then shows their standing.
 */
async function offerTracking(
  ctx: ContentScriptContext,
  heading: Element,
  thread: ThreadView,
  loadSettings: () => Promise<OverlaySettings>,
): Promise<ShadowUi | null> {
  const person = await findOtherParty(thread);
  if (!person) return null;
  const ui = await mountBar(ctx, heading);

  let busy = false;
  let notice: TrackBarProps['notice'];
  const render = () =>
    ui.render(
      <TrackBar person={person} busy={busy} notice={notice} onTrack={() => void track()} />,
    );
  const track = async () => {
    if (busy) return;
    busy = true;
    notice = undefined;
    render();
    try {
      const { prospectId } = await sendMessage('trackProspect', {
        ...(person.name ? { name: person.name } : {}),
        emails: [person.email],
      });
      const [prospect] = await sendMessage('lookUpProspects', {
        emails: [person.email],
        linkedinIds: [],
      });
      if (prospect?.id === prospectId) {
        const settings = await loadSettings();
        showProspect(ui, heading, thread, prospect, settings, {
          tracked: {
            onUntracked: () => {
              notice = { kind: 'untracked' };
              busy = false;
              render();
            },
          },
        });
        return;
      }
      notice = { kind: 'error', message: 'Tracked, but the store did not show them yet: reload.' };
    } catch (error) {
      notice = { kind: 'error', message: messageOf(error) };
    }
    busy = false;
    render();
  };
  render();
  return ui;
}

/**
 * The thread's other party if they may be offered. The background has the last word: when it
 * says the one found is the rep's own (an address or domain this tab did not know), the next one
 * is looked for; anyone ignored or known already ends the offer.
 */
async function findOtherParty(thread: ThreadView): Promise<ThreadPerson | null> {
  // Whom to offer depends on who the rep is: the settings' answer, asked at document_start.
  await ownAddresses.load();
  const own = new Set(ownInThread(thread));
  const parties = thread.messages.map((message) => ({
    from: { email: message.fromEmail, name: message.fromName },
    to: message.to ?? [],
  }));
  for (let attempt = 0; attempt < 3; attempt++) {
    const person = otherPartyOf(parties, own);
    if (!person) return null;
    const { trackable, why } = await sendMessage('checkTrackable', { email: person.email });
    if (trackable) return person;
    if (why !== 'own') return null;
    own.add(person.email);
  }
  return null;
}

/**
 * The rep's addresses for this thread: the known ones, and any the thread's headers call "me"
 * (Gmail's word for the signed-in account in "to me"; English only, the rest come from settings).
 */
function ownInThread(thread: ThreadView): ReadonlySet<string> {
  const own = new Set(ownAddresses.current());
  for (const message of thread.messages) {
    for (const recipient of message.to ?? []) {
      if (recipient.name?.toLowerCase() === 'me') own.add(recipient.email);
    }
  }
  return own;
}

/** The background's reason, in one short line for the bar. */
function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 200) || 'Something went wrong: try again.';
}

/** Everyone the thread shows: senders and the To/Cc of each message, each once. */
function participantsOf(heading: Element, thread: ThreadView): string[] {
  const emails = new Set<string>();
  for (const message of thread.messages) {
    const email = normalizeEmail(message.fromEmail);
    if (email) emails.add(email);
  }
  const region = closestOf(heading, GMAIL_SELECTORS.mainRegion);
  if (region) {
    for (const element of queryAll(region, GMAIL_SELECTORS.threadPeople).slice(0, 200)) {
      const email = normalizeEmail(element.getAttribute('email'));
      if (email) emails.add(email);
    }
  }
  return [...emails].slice(0, 100);
}

/** The active prospect who wrote last in the thread, else any active one, else the first. */
function pickProspect(
  prospects: ProspectSummary[],
  thread: ThreadView,
): ProspectSummary | undefined {
  const senders = thread.messages.map((m) => normalizeEmail(m.fromEmail)).reverse();
  for (const sender of senders) {
    const match = prospects.find((p) => sender && p.emails.includes(sender));
    if (match) return match;
  }
  return prospects.find((p) => p.status === 'active') ?? prospects[0];
}

type Seen = SeenReplies;

async function loadSeen(): Promise<Seen> {
  try {
    const stored = (await browser.storage.local.get(SEEN_KEY))[SEEN_KEY];
    return stored && typeof stored === 'object' ? { ...(stored as Seen) } : {};
  } catch {
    return {};
  }
}

async function saveSeen(seen: Seen): Promise<void> {
  const entries = Object.entries(seen).slice(-SEEN_MAX);
  try {
    await browser.storage.local.set({ [SEEN_KEY]: Object.fromEntries(entries) });
  } catch {
    // Worst case a reply is offered again on the next visit.
  }
}
