// The overlays' styles, inlined into each shadow root (no web-accessible stylesheet for pages to
// probe). Gmail's own look: small, grey, one line.
export const OVERLAY_CSS = `
:host { all: initial; }
.ft { font: 12px/1.4 Roboto, Arial, sans-serif; color: #3c4043; box-sizing: border-box; }
.ft * { box-sizing: border-box; }
.ft-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; padding: 6px 10px;
  margin: 6px 0; border: 1px solid #dadce0; border-radius: 8px; background: #f8f9fa; }
.ft-bar.ft-slim { padding: 2px 8px; margin: 2px 0; background: transparent; }
.ft-name { font-weight: 600; max-width: 24ch; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ft-due-overdue { color: #c5221f; font-weight: 600; }
.ft-due-today { color: #b06000; font-weight: 600; }
.ft-angle { color: #5f6368; max-width: 60ch; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ft-actions { display: inline-flex; gap: 4px; margin-left: auto; }
.ft-menu { display: inline-flex; gap: 4px; padding-left: 4px; border-left: 1px solid #dadce0; }
.ft button { font: inherit; border: 1px solid #dadce0; background: #fff; border-radius: 12px;
  padding: 1px 8px; cursor: pointer; color: #1a73e8; }
.ft button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }
.ft-note { color: #188038; }
.ft-warn { color: #b06000; }
.ft-error { color: #c5221f; }
.ft-muted { color: #5f6368; }
.ft-coach { display: flex; flex-direction: column; gap: 2px; padding: 4px 8px; border-left: 3px solid #1a73e8; margin: 4px 0; }
.ft-row { display: inline-flex; align-items: baseline; gap: 6px; margin: 0 6px; color: #5f6368;
  white-space: nowrap; }
.ft-row .ft-angle { max-width: 24ch; }
.ft-pill { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; }
.ft-pill button { border-radius: 16px; padding: 4px 12px; box-shadow: 0 1px 3px rgba(60,64,67,.3); }
`;

/**
 * Gmail's overlays in the one shadow-root helper (../overlay/shadow-ui.tsx): Gmail's look, and
 * keystrokes stopped at the host so Gmail's shortcuts never see what is typed in our UI.
 */
export const GMAIL_SHADOW = {
  css: OVERLAY_CSS,
  isolateEvents: ['keydown', 'keyup', 'keypress', 'input', 'beforeinput'],
};
