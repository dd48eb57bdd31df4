// A small "N due today" pill in Gmail's corner; a click opens the side panel.
import { DueCount } from '../../../components/gmail/DueCount';
import { sendMessage, type DueCount as DueCountData } from '../../../lib/messages';
import type { GmailOverlay } from './types';
import { GMAIL_SHADOW } from '../../../components/gmail/overlay.css';
import { mountShadowUi, type ShadowUi } from '../../../components/overlay/shadow-ui';

const REFRESH_MS = 5 * 60_000;

export const dueCount: GmailOverlay = (ctx, env) => {
  let ui: ShadowUi | null = null;
  let disposed = false;
  let count: DueCountData = { due: 0, overdue: 0 };

  const render = () =>
    ui?.render(
      <DueCount
        count={count}
        onOpen={() => void sendMessage('openSidePanel', {}).catch(() => undefined)}
      />,
    );
  const refresh = async () => {
    try {
      count = await sendMessage('countDue', undefined);
      render();
    } catch (error) {
      console.debug('[Fifth Touch] due count:', error);
    }
  };

  void mountShadowUi(ctx, {
    ...GMAIL_SHADOW,
    name: 'fifth-touch-due-count',
    anchor: document.body,
    append: 'last',
  }).then((mounted) => {
    if (disposed) return mounted.remove();
    ui = mounted;
    void refresh();
  });
  const interval = ctx.setInterval(() => void refresh(), REFRESH_MS);
  const unsubscribe = env.detection.onRecorded(() => ctx.setTimeout(() => void refresh(), 1_500));
  return {
    cleanup: () => {
      disposed = true;
      clearInterval(interval);
      unsubscribe();
      ui?.remove();
    },
  };
};
