// The conversation bar: above the composer of each conversation with a tracked prospect (thread
// page and every open bubble), the status line, Undo for a reply just logged, and the lazy-line
// coach fed by the user's typing (read when they type, never stored). A 2026 bubble lives in
// LinkedIn's own shadow root (#interop-outlet); ours never goes in there: its bar floats just
// above the bubble from the page's body instead.
import { findLazyLines, isOnlyLazy } from '../../../lib/angles/lazy-lines';
import { sendMessage } from '../../../lib/messages';
import { ConversationBar } from '../../../components/linkedin/ConversationBar';
import { closestOf } from '../../../lib/sites/linkedin/dom';
import { prospectOfConversation } from '../../../lib/sites/linkedin/replies';
import { SELECTORS } from '../../../lib/sites/linkedin/selectors';
import type { LinkedInOverlay, PageState } from './types';
import { mountShadowUi, type ShadowUi } from '../../../components/overlay/shadow-ui';
import { LINKEDIN_SHADOW } from '../../../components/overlay/styles';

interface Bar {
  ui: ShadowUi | null;
  composer: Element;
  lazy: string[];
  /** The bubble a floating bar sits above (it lives in someone else's shadow root). */
  floatOver: Element | null;
  draw?: () => void;
}

/** True for an element inside a shadow root (LinkedIn's #interop-outlet), not the document. */
function inPageShadowRoot(element: Element): boolean {
  const root = element.getRootNode();
  return root !== element.ownerDocument && root.nodeType === 11;
}

export const mountConversationBars: LinkedInOverlay = (ctx) => {
  const bars = new Map<Element, Bar>();
  let frame: number | undefined;

  const onInput = (event: Event) => {
    if (frame !== undefined) return;
    const path = event.composedPath();
    frame = ctx.requestAnimationFrame(() => {
      frame = undefined;
      for (const bar of bars.values()) {
        if (!path.includes(bar.composer)) continue;
        const draft = bar.composer.textContent ?? '';
        const lazy = isOnlyLazy(draft) ? findLazyLines(draft).map((line) => line.phrase) : [];
        if (lazy.join() !== bar.lazy.join()) {
          bar.lazy = lazy;
          bar.draw?.();
        }
      }
    });
  };
  ctx.addEventListener(document, 'input', onInput, { capture: true, passive: true });

  const removeBar = (element: Element) => {
    bars.get(element)?.ui?.remove();
    bars.delete(element);
  };

  return {
    update(state: PageState) {
      const seen = new Set<Element>();
      for (const view of state.conversations) {
        const summary = prospectOfConversation(view, state.prospects);
        if (!summary || !view.composer || summary.status === 'not-prospect') continue;
        seen.add(view.element);
        let bar = bars.get(view.element);
        if (bar && bar.composer !== view.composer) {
          removeBar(view.element);
          bar = undefined;
        }
        if (bar?.ui && !bar.ui.isConnected()) {
          removeBar(view.element);
          bar = undefined;
        }
        if (!bar) {
          const floatOver = inPageShadowRoot(view.element) ? view.element : null;
          const created: Bar = { ui: null, composer: view.composer, lazy: [], floatOver };
          bars.set(view.element, created);
          const anchor = floatOver
            ? document.body
            : (closestOf(view.composer, SELECTORS.composerForm.css) ??
              view.composer.parentElement ??
              view.composer);
          void mountShadowUi(ctx, {
            ...LINKEDIN_SHADOW,
            anchor: anchor,
            append: floatOver ? 'last' : 'before',
          })
            .then((ui) => {
              if (bars.get(view.element) !== created) return ui.remove();
              created.ui = ui;
              created.draw?.();
            })
            .catch(() => undefined);
          bar = created;
        }
        const current = bar;
        const outcomeId = state.loggedReplies.get(summary.id);
        current.draw = () => {
          if (current.floatOver) current.ui?.floatAbove(current.floatOver);
          current.ui?.render(
            <ConversationBar
              summary={summary}
              today={state.today}
              lazyPhrases={current.lazy}
              replyLogged={
                outcomeId
                  ? {
                      undo: () => sendMessage('undoOutcome', { outcomeId }).finally(state.refresh),
                    }
                  : undefined
              }
            />,
          );
        };
        current.draw();
      }
      for (const element of [...bars.keys()]) if (!seen.has(element)) removeBar(element);
    },
    cleanup() {
      for (const element of [...bars.keys()]) removeBar(element);
    },
  };
};
