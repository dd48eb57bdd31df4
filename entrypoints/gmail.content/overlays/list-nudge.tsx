// Thread-list rows where Gmail shows its own "Sent N days ago. Follow up?": for a tracked
// prospect, a slim line right after Gmail's nudge with what Gmail cannot know (touch N of the
// cadence, nos, the angle). Rows without Gmail's nudge get nothing: the list stays Gmail's.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { RowNudge } from '../../../components/gmail/RowNudge';
import { nextAngle } from '../../../components/overlay/angle';
import { sendMessage, type ProspectSummary } from '../../../lib/messages';
import { findNudgedRows } from '../../../lib/sites/gmail/read-nudge';
import { GMAIL_SELECTORS, queryFirst } from '../../../lib/sites/gmail/selectors';
import { isThreadView } from '../../../lib/sites/gmail/urls';
import { ownAddresses } from '../own-addresses';
import type { GmailOverlay, GmailOverlayEnv } from './types';
import { GMAIL_SHADOW } from '../../../components/gmail/overlay.css';
import { mountShadowUi, type ShadowUi } from '../../../components/overlay/shadow-ui';
import { NOTHING_MOUNTED } from '../../../components/overlay/types';
import { watchChildren } from '../../../components/overlay/watch-children';

interface Shown {
  nudge: Element;
  ui: ShadowUi | null;
}

export const listNudge: GmailOverlay = (ctx, env) => {
  // In a thread view the list is still in the page, hidden: the thread bar speaks there.
  if (isThreadView(location.href)) return NOTHING_MOUNTED;
  const shown = new Map<Element, Shown>();
  let disposed = false;
  let scanning = false;
  let again = false;

  const scan = async () => {
    if (scanning) {
      again = true;
      return;
    }
    scanning = true;
    try {
      do {
        again = false;
        await showRows(ctx, env, shown, () => disposed);
      } while (again && !disposed);
    } catch (error) {
      console.debug('[Fifth Touch] list nudge:', error);
    } finally {
      scanning = false;
    }
  };
  const root = queryFirst(document, GMAIL_SELECTORS.mainRegion) ?? document.body;
  const stop = watchChildren(ctx, root, () => void scan(), { subtree: true });
  void scan();
  return {
    cleanup: () => {
      disposed = true;
      stop();
      for (const entry of shown.values()) entry.ui?.remove();
      shown.clear();
    },
  };
};

async function showRows(
  ctx: ContentScriptContext,
  env: GmailOverlayEnv,
  shown: Map<Element, Shown>,
  isDisposed: () => boolean,
): Promise<void> {
  const rows = findNudgedRows(document);
  const current = new Set(rows.map((r) => r.row));
  for (const [row, entry] of shown) {
    // Gone, no longer nudged, or Gmail re-rendered the nudge: taken down (and shown again below).
    if (!row.isConnected || !current.has(row) || !entry.nudge.isConnected) {
      entry.ui?.remove();
      shown.delete(row);
    }
  }
  const fresh = rows.filter((r) => !shown.has(r.row));
  if (fresh.length === 0) return;
  for (const r of fresh) shown.set(r.row, { nudge: r.nudge, ui: null });
  const own = ownAddresses.current();
  const emails = [...new Set(fresh.flatMap((r) => r.emails))].filter((e) => !own.has(e));
  if (emails.length === 0) return;
  const prospects = await sendMessage('lookUpProspects', {
    emails: emails.slice(0, 100),
    linkedinIds: [],
  });
  const byEmail = new Map<string, ProspectSummary>();
  for (const prospect of prospects) {
    if (prospect.status === 'not-prospect') continue;
    for (const email of prospect.emails) byEmail.set(email, prospect);
  }
  if (byEmail.size === 0 || isDisposed()) return;
  const settings = await env.settings();
  for (const r of fresh) {
    const prospect = r.emails.map((e) => byEmail.get(e)).find(Boolean);
    const entry = shown.get(r.row);
    if (!prospect || !entry || entry.nudge !== r.nudge || isDisposed()) continue;
    const ui = await mountShadowUi(ctx, {
      ...GMAIL_SHADOW,
      name: 'fifth-touch-row-nudge',
      anchor: r.nudge,
      append: 'after',
    });
    if (isDisposed() || shown.get(r.row) !== entry) {
      ui.remove();
      continue;
    }
    entry.ui = ui;
    const angle = nextAngle(prospect, settings, 'email');
    ui.render(
      <RowNudge
        prospect={prospect}
        angle={angle ? { label: angle.label, prompt: angle.prompt } : undefined}
      />,
    );
  }
}
