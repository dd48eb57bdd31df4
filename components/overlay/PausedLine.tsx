// "Tracking paused in this tab": shown when the tab's page world stopped tracking (the private
// channel went quiet, or the observer was cut off from the site's requests: lib/page-world/
// health.ts), so the rep reloads instead of trusting a tab that misses sends. Text only.
export function PausedLine({ site }: { site: 'Gmail' | 'LinkedIn' }) {
  return (
    <p className="ft-paused" role="alert">
      Tracking paused in this tab — reload {site}
    </p>
  );
}

/** Its look, the same on both sites: a small fixed line in the bottom-left corner. */
export const PAUSED_CSS = `
:host { all: initial; }
.ft-paused { position: fixed; left: 16px; bottom: 16px; z-index: 2147483000; margin: 0;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #7a2e0e;
  background: #fff4e5; border: 1px solid #f0b37e; border-radius: 8px; padding: 6px 10px;
  box-shadow: 0 1px 3px rgba(60,64,67,.3); max-width: calc(100vw - 32px); box-sizing: border-box; }
`;
