// Each open compose gets a coach: its prospects' touch count and due state, a warning when the
// draft only says "just checking in" (with an angle instead), and the per-email "track" switch.
// The draft text is read here, in the page, to warn; it is never stored or sent anywhere.
import { ComposeCoach } from '../../../components/gmail/ComposeCoach';
import { nextAngle } from '../../../components/overlay/angle';
import { findLazyLines } from '../../../lib/angles/lazy-lines';
import { localDayOf } from '../../../lib/cadence/days';
import { sendMessage, type OverlaySettings, type ProspectSummary } from '../../../lib/messages';
import {
  composeWatchRoots,
  findComposes,
  readCompose,
} from '../../../lib/sites/gmail/read-compose';
import { touchesBesidesListRows } from '../../../lib/sites/gmail/read-churn';
import { GMAIL_SELECTORS, queryFirst } from '../../../lib/sites/gmail/selectors';
import { ownAddresses } from '../own-addresses';
import type { SendDetection } from '../../../lib/sites/gmail/send-detection';
import type { GmailOverlay, GmailOverlayEnv } from './types';
import { GMAIL_SHADOW } from '../../../components/gmail/overlay.css';
import { mountShadowUi, type ShadowUi } from '../../../components/overlay/shadow-ui';
import { watchChildren } from '../../../components/overlay/watch-children';

const UPDATE_AFTER_MS = 400;

interface Coached {
  ui: ShadowUi | null;
  timer?: number;
  lookedUp: string;
  prospects: ProspectSummary[];
}

export const composeCoach: GmailOverlay = (ctx, env) => {
  const coached = new Map<Element, Coached>();
  let disposed = false;

  const update = (compose: Element) => {
    const entry = coached.get(compose);
    if (!entry?.ui || disposed) return;
    void refresh(compose, entry, env).catch((error: unknown) =>
      console.debug('[Fifth Touch] compose coach:', error),
    );
  };
  const schedule = (compose: Element) => {
    const entry = coached.get(compose);
    if (!entry) return;
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = ctx.setTimeout(() => update(compose), UPDATE_AFTER_MS);
  };

  const scan = () => {
    const composes = findComposes(document);
    for (const [compose, entry] of coached) {
      if (!compose.isConnected) {
        entry.ui?.remove();
        coached.delete(compose);
      }
    }
    for (const compose of composes) {
      if (coached.has(compose)) continue;
      const entry: Coached = { ui: null, lookedUp: '', prospects: [] };
      coached.set(compose, entry);
      const anchor = queryFirst(compose, GMAIL_SELECTORS.composeBody) ?? compose;
      void mountShadowUi(ctx, {
        ...GMAIL_SHADOW,
        name: 'fifth-touch-compose-coach',
        anchor,
        append: anchor === compose ? 'first' : 'before',
      }).then((ui) => {
        if (disposed || !compose.isConnected) return ui.remove();
        entry.ui = ui;
        update(compose);
      });
    }
  };

  // Composes appear in Gmail's compose dock, its full-screen container and the main region
  // (inline replies): once the dock exists only those are watched, not the whole page; until
  // then (Gmail creates the dock lazily), or when a watched root leaves the page, the body is.
  let roots: Element[] = [];
  let stopRoots = () => {};
  const watch = () => {
    stopRoots();
    roots = composeWatchRoots(document);
    const stops = (roots.length > 0 ? roots : [document.body]).map((root) =>
      // Composes never live in thread-list rows, Gmail's busiest churn: those batches are skipped.
      watchChildren(ctx, root, onChange, { subtree: true, matters: touchesBesidesListRows }),
    );
    stopRoots = () => stops.forEach((stopOne) => stopOne());
  };
  const onChange = () => {
    const stale =
      roots.length === 0
        ? queryFirst(document, GMAIL_SELECTORS.composeDock) !== null
        : roots.some((root) => !root.isConnected);
    if (stale) watch();
    scan();
  };
  watch();
  const stop = () => stopRoots();
  scan();
  const onInput = (event: Event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    for (const compose of coached.keys()) if (compose.contains(target)) schedule(compose);
  };
  ctx.addEventListener(document, 'input', onInput, { capture: true });
  ctx.addEventListener(document, 'focusout', onInput, { capture: true });

  return {
    cleanup: () => {
      disposed = true;
      stop();
      document.removeEventListener('input', onInput, { capture: true });
      document.removeEventListener('focusout', onInput, { capture: true });
      for (const entry of coached.values()) entry.ui?.remove();
      coached.clear();
    },
  };
};

async function refresh(compose: Element, entry: Coached, env: GmailOverlayEnv): Promise<void> {
  const detection: SendDetection = env.detection;
  const settings: OverlaySettings = await env.settings();
  const state = readCompose(compose);
  const own = ownAddresses.current();
  const emails = [...state.to, ...state.cc]
    .map((c) => c.email)
    .filter((email) => !own.has(email))
    .slice(0, 100);
  const key = emails.slice().sort().join(',');
  if (key !== entry.lookedUp) {
    entry.lookedUp = key;
    entry.prospects = emails.length
      ? await sendMessage('lookUpProspects', { emails, linkedinIds: [] })
      : [];
  }
  const body = queryFirst(compose, GMAIL_SELECTORS.composeBody);
  const lazyLines = findLazyLines((body?.textContent ?? '').slice(0, 20_000));
  const lead = entry.prospects.find((p) => p.status === 'active') ?? entry.prospects[0];
  const angle = nextAngle(lead, settings, 'email');
  const render = () =>
    entry.ui?.render(
      <ComposeCoach
        prospects={entry.prospects}
        today={localDayOf(Date.now())}
        lazyLines={lazyLines}
        angle={angle ? { label: angle.label, prompt: angle.prompt } : undefined}
        tracking={!detection.isComposeExcluded(compose)}
        onToggleTracking={(next) => {
          if (next) detection.includeCompose(compose);
          else detection.excludeCompose(compose);
          render();
        }}
      />,
    );
  render();
}
