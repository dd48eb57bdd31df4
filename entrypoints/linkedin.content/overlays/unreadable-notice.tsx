// The one-line notice on a LinkedIn page that should show a person (a profile, a conversation)
// but did not, after a grace period (overlays/index.ts decides): at the top of the page's main
// region, in our own closed shadow root.
import { UnreadableNotice } from '../../../components/linkedin/UnreadableNotice';
import { queryFirst } from '../../../lib/sites/linkedin/dom';
import { SELECTORS } from '../../../lib/sites/linkedin/selectors';
import type { LinkedInOverlay, PageState } from './types';
import { mountShadowUi, type ShadowUi } from '../../../components/overlay/shadow-ui';
import { LINKEDIN_SHADOW } from '../../../components/overlay/styles';

function anchorOf(): Element | null {
  return queryFirst(document, SELECTORS.mainRegion.css) ?? document.body;
}

export const mountUnreadableNotice: LinkedInOverlay = (ctx) => {
  let ui: ShadowUi | null = null;
  let mounting = false;
  let shown: PageState['unreadable'];
  let wanted: PageState['unreadable'];

  const remove = () => {
    ui?.remove();
    ui = null;
    shown = undefined;
  };

  return {
    update(state: PageState) {
      const page = state.unreadable;
      wanted = page;
      if (!page) return remove();
      if (ui && (!ui.isConnected() || !ui.anchor.isConnected)) remove();
      if (ui) {
        if (shown !== page) ui.render(<UnreadableNotice page={page} />);
        shown = page;
        return;
      }
      const anchor = anchorOf();
      if (!anchor || mounting) return;
      mounting = true;
      void mountShadowUi(ctx, { ...LINKEDIN_SHADOW, anchor: anchor, append: 'first' })
        .then((mounted) => {
          // The page became readable while we mounted: nothing to say any more.
          if (!wanted) return mounted.remove();
          ui = mounted;
          shown = wanted;
          mounted.render(<UnreadableNotice page={wanted} />);
        })
        .catch(() => undefined)
        .finally(() => {
          mounting = false;
        });
    },
    cleanup: remove,
  };
};
