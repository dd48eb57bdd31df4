// LinkedIn's in-page layer after send detection: reads what the page shows (the open profile, the
// conversations on the thread page and in bubbles, #interop-outlet's shadow root included), looks
// the people up, marks a prospect replied when their message came after the last touch, and shows
// the overlays (one module each: profile-card, conversation-bars). Cheap: only mutations that add or
// remove an element not ours schedule a scan, at most one per second (less often where reading the
// page is slow) and per animation frame;
// lookups are throttled, and nothing here clicks, types, scrolls or fetches on LinkedIn. With `showOnLinkedIn` off no overlay is mounted; reply tracking goes on.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { localDayOf } from '../../../lib/cadence/days';
import { loadOverlaySettings } from '../../../components/overlay/settings';
import { sendMessage, type OverlaySettings, type ProspectSummary } from '../../../lib/messages';
import { searchRoots } from '../../../lib/sites/linkedin/dom';
import {
  findConversations,
  type ConversationView,
} from '../../../lib/sites/linkedin/read-conversation';
import { readProfile, type ProfileView } from '../../../lib/sites/linkedin/read-profile';
import { findConversationReplies } from '../../../lib/sites/linkedin/replies';
import { touchesForeignElements } from '../../../components/overlay/mutations';
import type { SendDetection } from '../send-detection';
import { mountConversationBars } from './conversation-bars';
import { mountProfileCard } from './profile-card';

/** What every overlay module gets on each scan. */
export interface PageState {
  today: string;
  settings: OverlaySettings;
  profile: ProfileView | null;
  conversations: ConversationView[];
  prospects: ProspectSummary[];
  /** Outcome ids of replies this page logged, by prospect, for Undo. */
  loggedReplies: ReadonlyMap<string, string>;
  /** Re-reads the page and the store now (after an action). */
  refresh(): void;
}

export interface OverlayModule {
  update(state: PageState): void;
  cleanup(): void;
}

export type Overlay = (ctx: ContentScriptContext) => OverlayModule;

const OVERLAYS: Overlay[] = [mountProfileCard, mountConversationBars];

// Mutations alone re-read the store at most this often; a send or an action re-reads at once.
const LOOKUP_EVERY_MS = 30_000;
// Mutations alone re-read the page at most this often (a send, an action or navigation at once).
const SCAN_EVERY_MS = 1_000;
// ...and, on a page so big that reading it is slow, no more than 1% of the main thread: the gap
// before the next mutation-driven scan is at least this many times the last read's cost.
const SCAN_COST_FACTOR = 100;

export function startOverlays(ctx: ContentScriptContext, detection: SendDetection): void {
  let settings: OverlaySettings | null = null;
  let modules: OverlayModule[] = [];
  let frame: number | undefined;
  let lastLookup = 0;
  let lookupKey = '';
  let prospects: ProspectSummary[] = [];
  let running = false;
  let again = false;
  const loggedReplies = new Map<string, string>();
  const observed = new WeakSet<Node>();

  // Only batches that add or remove an element not ours wake a scan (text-only changes and our
  // own hosts are ignored in O(records)); under churn a scan runs at most once per SCAN_EVERY_MS.
  const observer = new MutationObserver((records) => {
    if (touchesForeignElements(records)) throttled();
  });
  let lastReadAt = -Infinity;
  let lastReadCost = 0;
  let waiting = false;
  const throttled = () => {
    if (waiting || ctx.isInvalid) return;
    waiting = true;
    const gap = Math.max(SCAN_EVERY_MS, lastReadCost * SCAN_COST_FACTOR);
    ctx.setTimeout(
      () => {
        waiting = false;
        schedule();
      },
      Math.max(0, lastReadAt + gap - Date.now()),
    );
  };
  const observe = (root: Node) => {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true });
  };

  function schedule(force = false) {
    if (force) lastLookup = 0;
    if (frame !== undefined || ctx.isInvalid) return;
    frame = ctx.requestAnimationFrame(() => {
      frame = undefined;
      void scan();
    });
  }

  async function scan() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      settings ??= await loadOverlaySettings();
      const now = Date.now();
      const pageUrl = location.href;
      const readStart = performance.now();
      // The 2026 UI's shadow root is observed as soon as it appears.
      for (const root of searchRoots(document)) if (root !== document) observe(root);
      const profile = readProfile(document, pageUrl);
      const conversations = findConversations(document, { pageUrl, now }).filter(
        (view) => !view.minimized,
      );
      lastReadAt = Date.now();
      lastReadCost = performance.now() - readStart;
      const ids = [
        ...(profile?.profileIds ?? []),
        ...conversations.map((view) => view.who.profileId).filter((id): id is string => !!id),
      ];
      const key = [...new Set(ids)].sort().join(',');
      if (!key) prospects = [];
      else if (key !== lookupKey || lastLookup === 0 || now - lastLookup >= LOOKUP_EVERY_MS) {
        lastLookup = now;
        lookupKey = key;
        prospects = await sendMessage('lookUpProspects', { emails: [], linkedinIds: ids }).catch(
          () => prospects,
        );
      }

      // A reply, once per person across channels: settled prospects are skipped by the finder.
      for (const reply of findConversationReplies(conversations, prospects)) {
        if (loggedReplies.has(reply.prospectId)) continue;
        loggedReplies.set(reply.prospectId, '');
        try {
          const { outcomeId } = await sendMessage('logOutcome', {
            prospectId: reply.prospectId,
            kind: 'reply',
            at: reply.at,
            note: 'Seen on LinkedIn',
          });
          loggedReplies.set(reply.prospectId, outcomeId);
          lastLookup = 0;
          again = true;
        } catch {
          loggedReplies.delete(reply.prospectId);
        }
      }

      if (!settings.showOnLinkedIn) return;
      if (modules.length === 0) modules = OVERLAYS.map((mount) => mount(ctx));
      const state: PageState = {
        today: localDayOf(now),
        settings,
        profile,
        conversations,
        prospects,
        loggedReplies,
        refresh: () => schedule(true),
      };
      for (const module of modules) {
        try {
          module.update(state);
        } catch {
          // One overlay's failure is not the others'.
        }
      }
    } catch {
      // Never into the page.
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  observe(document.body ?? document.documentElement);
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    loggedReplies.forEach((outcomeId, prospectId) => {
      if (outcomeId) return;
      loggedReplies.delete(prospectId);
    });
    schedule(true);
  });
  const unsubscribe = detection.onSend(() => schedule(true));
  ctx.onInvalidated(() => {
    observer.disconnect();
    unsubscribe();
    for (const module of modules) module.cleanup();
  });
  schedule(true);
}
