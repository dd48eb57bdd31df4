// The content scripts' side of a draft put into a composer, the same on both sites: ask the
// background for the draft waiting for this tab (once per page load), look for the site's message
// box until it shows (the page may still be loading), put the draft in once, and say how it went.
// Never throws into the page: every step is caught, and a page that never shows a box is told so.
import { sendMessage, type DraftInsert } from '../../lib/messages';
import type { InsertResult } from '../../lib/drafts/composer';

/** What a site gives: where the box is now, or a control to open it with, or not yet. */
export type DraftSpot =
  { kind: 'body'; body: Element } | { kind: 'opener'; control: Element } | { kind: 'wait' };

export interface PutInPageOptions {
  /** Schedules a look (the content script's ctx.setTimeout, so it dies with the script). */
  later: (run: () => void, ms: number) => void;
  findSpot: (insert: DraftInsert) => DraftSpot;
  insert: (body: Element, text: string) => InsertResult;
  /** How long the page has to show the box. */
  timeoutMs?: number;
  intervalMs?: number;
  now?: () => number;
}

/** Presses a control the way a pointer does (mousedown, mouseup, click): sites listen to any of them. */
export function pressControl(control: Element): void {
  const view = control.ownerDocument.defaultView;
  if (!view) return;
  for (const type of ['mousedown', 'mouseup', 'click']) {
    control.dispatchEvent(new view.MouseEvent(type, { bubbles: true, cancelable: true, view }));
  }
}

export function putDraftInPage(options: PutInPageOptions): void {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const intervalMs = options.intervalMs ?? 250;
  void (async () => {
    const insert = await sendMessage('takeDraftInsert', undefined).catch(() => null);
    if (!insert) return;
    const report = (result: InsertResult) =>
      void sendMessage('reportDraftInsert', { id: insert.id, result }).catch(() => undefined);
    const deadline = now() + timeoutMs;
    let opened = false;
    const look = () => {
      try {
        const spot = options.findSpot(insert);
        if (spot.kind === 'body') {
          report(options.insert(spot.body, insert.body));
          return;
        }
        // The box is opened once, by its own control; never a second press.
        if (spot.kind === 'opener' && !opened) {
          opened = true;
          pressControl(spot.control);
        }
        if (now() > deadline) report('no-composer');
        else options.later(look, intervalMs);
      } catch {
        report('no-composer');
      }
    };
    look();
  })().catch(() => undefined);
}
