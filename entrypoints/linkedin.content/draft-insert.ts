// A draft the rep sent from the side panel (Message on LinkedIn) put into this tab's message box,
// once. LinkedIn's page knowledge is in lib/sites/linkedin/draft-composer.ts; the flow in
// components/overlay/put-draft.ts. Nothing here sends or presses Send.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { putDraftInPage } from '../../components/overlay/put-draft';
import { insertDraftText } from '../../lib/drafts/insert-text';
import { findLinkedInDraftSpot } from '../../lib/sites/linkedin/draft-composer';

export function startDraftInsert(ctx: ContentScriptContext): void {
  putDraftInPage({
    later: (run, ms) => ctx.setTimeout(run, ms),
    findSpot: ({ target }) => {
      if (target.kind !== 'linkedin-conversation' && target.kind !== 'linkedin-profile') {
        return { kind: 'wait' };
      }
      const spot = findLinkedInDraftSpot(document, target, location.href);
      return spot.kind === 'message-control' ? { kind: 'opener', control: spot.control } : spot;
    },
    insert: (body, text) => insertDraftText(body, text, { lineTag: 'p' }),
  });
}
