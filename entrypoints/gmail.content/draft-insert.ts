// A draft the rep sent from the side panel (Reply in Gmail) put into this tab's reply box or new
// compose, once. Gmail's page knowledge is in lib/sites/gmail/draft-composer.ts; the flow in
// lib/drafts/put-in-page.ts. Nothing here sends or presses Send.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { insertDraftText } from '../../lib/drafts/insert-text';
import { putDraftInPage } from '../../components/overlay/put-draft';
import { findGmailDraftSpot } from '../../lib/sites/gmail/draft-composer';

export function startDraftInsert(ctx: ContentScriptContext): void {
  putDraftInPage({
    later: (run, ms) => ctx.setTimeout(run, ms),
    findSpot: ({ target }) => {
      if (target.kind !== 'gmail-thread' && target.kind !== 'gmail-compose')
        return { kind: 'wait' };
      const spot = findGmailDraftSpot(document, target, location.hash);
      return spot.kind === 'reply-button' ? { kind: 'opener', control: spot.button } : spot;
    },
    insert: (body, text) => insertDraftText(body, text, { lineTag: 'div' }),
  });
}
