// Mounts the "Tracking paused" line while a tab's page-world health says so, and removes it if the
// tab recovers (a page that was only busy answers the heartbeat again).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageWorldHealth } from '../../lib/page-world/health';
import { PausedLine, PAUSED_CSS } from './PausedLine';
import { mountShadowUi, type ShadowUi } from './shadow-ui';

export function showPausedLine(
  ctx: ContentScriptContext,
  health: Pick<PageWorldHealth, 'paused' | 'onChange'>,
  options: { site: 'Gmail' | 'LinkedIn'; name: string },
): () => void {
  let ui: ShadowUi | null = null;
  let mounting = false;
  const update = () => {
    if (ctx.isInvalid) return;
    if (health.paused && !ui && !mounting && document.body) {
      mounting = true;
      void mountShadowUi(ctx, {
        name: options.name,
        anchor: document.body,
        append: 'last',
        css: PAUSED_CSS,
        isolateEvents: true,
      })
        .then((mounted) => {
          mounting = false;
          ui = mounted;
          ui.render(<PausedLine site={options.site} />);
          update();
        })
        .catch(() => {
          mounting = false;
        });
    } else if (!health.paused && ui) {
      ui.remove();
      ui = null;
    }
  };
  const stop = health.onChange(update);
  update();
  ctx.onInvalidated(() => {
    stop();
    ui?.remove();
  });
  return () => {
    stop();
    ui?.remove();
    ui = null;
  };
}
