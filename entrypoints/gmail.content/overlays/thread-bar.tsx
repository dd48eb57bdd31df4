// The thread view: a slim bar for a tracked prospect over the open thread, after running reply
// detection (lib/sites/gmail/reply-detection.ts) on it; the seen replies are kept here.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ThreadBar } from '../../../components/gmail/ThreadBar';
import { nextAngle } from '../../../components/overlay/angle';
import { localDayOf } from '../../../lib/cadence/days';
import { normalizeEmail } from '../../../lib/identity';
import { sendMessage, type OverlaySettings, type ProspectSummary } from '../../../lib/messages';
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
    void showBar(ctx, heading, thread, env.settings).then((mounted) => {
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
  if (prospects.length === 0) return null;

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
  const anchor = heading.parentElement ?? heading;
  const ui = await mountShadowUi(ctx, {
    ...GMAIL_SHADOW,
    name: 'fifth-touch-thread-bar',
    anchor,
    append: 'after',
  });
  const gmailNudge = hasThreadNudge(closestOf(heading, GMAIL_SELECTORS.mainRegion));

  let current = prospect;
  let notice = notices.get(prospect.id);
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
      />,
    );
  };
  render();
  return ui;
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
