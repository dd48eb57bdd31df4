// LinkedIn's in-page layer after send detection: reads what the page shows (the open profile, the
// conversations on the thread page and in bubbles, #interop-outlet's shadow root included), looks
// the people up, marks a prospect replied when their message came after the last touch, and shows
// the overlays (one module each: profile-card, conversation-bars, unreadable-notice). A profile
// or conversation page that still shows nobody after a grace period says so in one line, leaves
// a diagnostics entry (which reader, the URL pattern, no page text) and tells the background, so
// the side panel can say so too when the overlays are off. Cheap: only mutations that add or
// remove an element not ours schedule a scan, none inside a message box being typed in or inside
// the message list of a conversation whose messages are not read (messages are read only where a
// prospect could still reply), at most one per second (less often where reading the page is slow)
// and per animation frame; lookups are throttled, and nothing here clicks, types, scrolls or
// fetches on LinkedIn. With `showOnLinkedIn` off no overlay is mounted; reply tracking goes on.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { localDayOf } from '../../../lib/cadence/days';
import { loadOverlaySettings } from '../../../components/overlay/settings';
import { sendMessage, type OverlaySettings, type ProspectSummary } from '../../../lib/messages';
import { createDiagnosticReporter } from '../../../lib/diagnostics/reporter';
import { createConversationDiscovery } from '../../../lib/sites/linkedin/conversation-discovery';
import { withMessages } from '../../../lib/sites/linkedin/read-conversation';
import { prospectAwaitingReply } from '../../../lib/sites/linkedin/replies';
import { readProfilePage, uiOf } from '../../../lib/sites/linkedin/read-profile';
import { detectConversationReplies } from '../../../lib/sites/linkedin/reply-detection';
import { isMessagingThreadUrl, urlPatternOf } from '../../../lib/sites/linkedin/urls';
import type { UnreadablePage } from '../../../components/linkedin/UnreadableNotice';
import {
  addsOrRemovesForeignElement,
  isInsideEditable,
} from '../../../components/overlay/mutations';
import { messageRegionOf } from '../../../lib/sites/linkedin/message-mutations';
import type { SendDetection } from '../../../lib/sites/linkedin/send-detection';
import { mountOverlays } from '../../../components/overlay/mount';
import type { LinkedInOverlay, PageState } from './types';
import { mountConversationBars } from './conversation-bars';
import { mountProfileCard } from './profile-card';
import { mountUnreadableNotice } from './unreadable-notice';

const OVERLAYS: LinkedInOverlay[] = [
  mountProfileCard,
  mountConversationBars,
  mountUnreadableNotice,
];

// A page may render its person a little after its URL changes; only this long without one is
// "cannot read", so a page still loading never flashes the notice.
export const UNREADABLE_AFTER_MS = 4_000;

interface Unreadable {
  page: UnreadablePage;
  /** The reader that failed, for diagnostics. */
  check: 'profile-reader' | 'conversation-reader';
  /** Metadata only: the URL pattern, the UI, what was missing. */
  detail: string;
}

// Mutations alone re-read the store at most this often; a send or an action re-reads at once.
const LOOKUP_EVERY_MS = 30_000;
// Mutations alone re-read the page at most this often (a send, an action or navigation at once).
const SCAN_EVERY_MS = 1_000;
// ...and, on a page so big that reading it is slow, no more than 1% of the main thread: the gap
// before the next mutation-driven scan is at least this many times the last read's cost.
const SCAN_COST_FACTOR = 100;

export function startOverlays(ctx: ContentScriptContext, detection: SendDetection): void {
  let settings: OverlaySettings | null = null;
  let overlays: ReturnType<typeof mountOverlays<void, PageState>> | null = null;
  let frame: number | undefined;
  let lastLookup = 0;
  let lookupKey = '';
  let prospects: ProspectSummary[] = [];
  let running = false;
  let again = false;
  const loggedReplies = new Map<string, string>();
  const observed = new WeakSet<Node>();
  const diagnostics = createDiagnosticReporter('linkedin', (diagnostic) =>
    sendMessage('reportDiagnostic', diagnostic),
  );
  let suspect: { key: string; since: number } | null = null;
  let reportedRead = '';

  /** The page that cannot be read, once it has shown nobody for UNREADABLE_AFTER_MS. */
  const settleUnreadable = (
    found: Unreadable | null,
    pageUrl: string,
    now: number,
  ): UnreadablePage | undefined => {
    if (!found) {
      suspect = null;
      return undefined;
    }
    const key = `${found.page} ${pageUrl}`;
    if (suspect?.key !== key) {
      suspect = { key, since: now };
      ctx.setTimeout(() => schedule(), UNREADABLE_AFTER_MS + 100);
      return undefined;
    }
    if (now - suspect.since < UNREADABLE_AFTER_MS) return undefined;
    diagnostics.report(found.check, found.detail);
    return found.page;
  };

  /** Tells the background whether this tab's profile or conversation could be read (on change). */
  const reportRead = (page: UnreadablePage, pageUrl: string, readable: boolean) => {
    const key = `${page} ${readable} ${pageUrl}`;
    if (key === reportedRead) return;
    reportedRead = key;
    void sendMessage('reportPageRead', { page, url: pageUrl, readable }).catch(() => {
      reportedRead = '';
    });
  };

  // The message lists of conversations that need no message read (no prospect awaiting a reply):
  // their messages coming, going or changing wake no scan. Set by each scan.
  let messagesIgnored: Element[] = [];
  // A message list found once is kept while it stays where it was (finding it queries its subtree).
  const regions = new WeakMap<Element, Element | null>();
  const regionOf = (container: Element, composer: Element | null) => {
    const known = regions.get(container);
    if (
      known &&
      known.isConnected &&
      container.contains(known) &&
      !(composer && known.contains(composer))
    ) {
      return known;
    }
    const region = messageRegionOf(container, composer);
    regions.set(container, region);
    return region;
  };
  /**
   * Whether a batch can change what a scan reads: O(records × depth), no query of the page. Gets
   * the records discovery kept (in the page, outside the message lists that need no reading).
   */
  const matters = (records: readonly MutationRecord[]) => {
    for (const record of records) {
      if (addsOrRemovesForeignElement(record) && !isInsideEditable(record)) return true;
    }
    // The store is still re-read this often while only messages change.
    return lastLookup > 0 && Date.now() - lastLookup >= LOOKUP_EVERY_MS;
  };
  const discovery = createConversationDiscovery(document);
  // Only batches that add or remove an element not ours, outside the messages of a conversation
  // that needs none, wake a scan (text-only changes and our own hosts are ignored too); under
  // churn a scan runs at most once per SCAN_EVERY_MS.
  const observer = new MutationObserver((records) => {
    try {
      const kept = discovery.note(records, messagesIgnored);
      if (!waiting && matters(kept)) throttled();
    } catch {
      throttled();
    }
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
    if (force) {
      lastLookup = 0;
      discovery.reset();
    }
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
      // Only what the page added since the last scan is searched, and only conversations it
      // changed are read again (conversation-discovery.ts).
      const conversations = discovery.headers({ pageUrl, now }).filter((view) => !view.minimized);
      const profileRead = readProfilePage(document, pageUrl, {
        screen: discovery.profileScreen(),
      });
      const profile = profileRead.kind === 'read' ? profileRead.profile : null;
      // The 2026 UI's shadow root is observed as soon as it appears.
      for (const root of discovery.roots()) if (root !== document) observe(root);
      const isThread = isMessagingThreadUrl(pageUrl);
      const threadRead =
        isThread &&
        conversations.some(
          (view) => view.kind === 'thread' && !!(view.who.name || view.who.profileId),
        );
      const unreadable = settleUnreadable(
        profileRead.kind === 'unreadable'
          ? { page: 'profile', check: 'profile-reader', detail: profileRead.detail }
          : isThread && !threadRead
            ? {
                page: 'conversation',
                check: 'conversation-reader',
                detail: `${urlPatternOf(pageUrl)} · ${uiOf(document)} · ${
                  conversations.length ? 'a conversation without a person' : 'no conversation'
                }`,
              }
            : null,
        pageUrl,
        now,
      );
      if (profileRead.kind === 'read') reportRead('profile', pageUrl, true);
      else if (threadRead) reportRead('conversation', pageUrl, true);
      else if (unreadable) reportRead(unreadable, pageUrl, false);
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

      // A reply, once per person across channels (lib/sites/linkedin/reply-detection.ts): only a
      // conversation with a prospect who could still reply has its messages read.
      const awaiting = conversations
        .filter((view) => prospectAwaitingReply(view, prospects))
        .map((view) => withMessages(view, { pageUrl, now }));
      messagesIgnored = conversations
        .filter((view) => !prospectAwaitingReply(view, prospects))
        .map((view) => regionOf(view.element, view.composer))
        .filter((region): region is Element => region !== null);
      const replies = await detectConversationReplies(awaiting, prospects, loggedReplies, {
        logReply: ({ prospectId, at }) =>
          sendMessage('logOutcome', { prospectId, kind: 'reply', at, note: 'Seen on LinkedIn' }),
      });
      if (replies > 0) {
        lastLookup = 0;
        again = true;
      }

      if (!settings.showOnLinkedIn) return;
      overlays ??= mountOverlays(ctx, OVERLAYS, undefined);
      const state: PageState = {
        today: localDayOf(now),
        settings,
        profile,
        profileCard: profileRead.kind === 'read' ? profileRead.card : null,
        conversations,
        ...(unreadable ? { unreadable } : {}),
        prospects,
        loggedReplies,
        refresh: () => schedule(true),
      };
      overlays.update(state);
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
    overlays?.cleanup();
  });
  schedule(true);
}
