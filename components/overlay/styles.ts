// The overlays' CSS, inlined into each shadow root (mountShadowUi's `css`): nothing is loaded
// from the extension, so no web_accessible_resources exist for a page to probe.
export const OVERLAY_CSS = `
:host { all: initial; }
.ft-box { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2226;
  background: #f3f6f8; border: 1px solid #d0d7de; border-radius: 8px; padding: 6px 10px; margin: 6px 0;
  max-width: 100%; box-sizing: border-box; overflow-wrap: anywhere; }
.ft-status, .ft-angle, .ft-coach, .ft-notice { margin: 2px 0; }
/* A name is page data of any length: one line, cut with an ellipsis, so no overlay grows with it. */
.ft-name { font-weight: 600; unicode-bidi: isolate; display: inline-block; max-width: 100%;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; }
.ft-due-overdue { color: #b42318; }
.ft-due-today { color: #9a6700; }
.ft-label { color: #57606a; }
.ft-actions { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
.ft-actions button, .ft-box button { font: inherit; border: 1px solid #8c959f; background: #fff;
  border-radius: 12px; padding: 1px 8px; cursor: pointer; }
.ft-actions button:disabled { opacity: .5; cursor: default; }
.ft-coach { color: #9a6700; }
.ft-error { color: #b42318; margin: 2px 0; }
`;

/**
 * LinkedIn's overlays in the one shadow-root helper (./shadow-ui.tsx): a host name that says
 * nothing of the product (LinkedIn looks for injected nodes), every event stopped at the host.
 */
export const LINKEDIN_SHADOW = { name: 'ft-overlay', css: OVERLAY_CSS, isolateEvents: true };
