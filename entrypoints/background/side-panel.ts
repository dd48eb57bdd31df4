/// <reference types="chrome" />
// Opening the side panel: the toolbar icon, the keyboard shortcut, a click in a page (through the
// `openSidePanel` message) and a notification. Chrome's sidePanel.open needs the user's gesture,
// so it is called first and synchronously in each handler; the prospect to show is then left in
// storage.session under PANEL_FOCUS_KEY for the panel to read (and to watch while it is open).
import { browser } from 'wxt/browser';
import { PANEL_FOCUS_KEY, type PanelFocus } from '../../lib/panel-focus';

export const OPEN_PANEL_COMMAND = 'open-side-panel';

export interface PanelTarget {
  tabId?: number;
  windowId?: number;
}

/** What Firefox's sidebar API offers (the polyfill's types do not include it). */
interface SidebarAction {
  open(): Promise<void>;
  toggle?(): Promise<void>;
}

function sidebarAction(): SidebarAction | undefined {
  return (browser as unknown as { sidebarAction?: SidebarAction }).sidebarAction;
}

/** Tells the panel which prospect to show; best effort (an old Firefox lacks storage.session). */
export function rememberPanelFocus(prospectId: string | undefined): Promise<void> {
  const focus: PanelFocus = { prospectId: prospectId ?? null, at: Date.now() };
  const area = browser.storage.session ?? browser.storage.local;
  return area.set({ [PANEL_FOCUS_KEY]: focus }).catch(() => undefined);
}

/**
 * Opens the panel in the tab's (or window's) browser window, on `prospectId` when given. Call it
 * synchronously from the handler of the user's action; resolves false when the browser refused
 * (no gesture, no window), so the caller can fall back to a link.
 */
export function openPanel(target: PanelTarget, prospectId?: string): Promise<boolean> {
  let opening: Promise<unknown>;
  try {
    if (import.meta.env.FIREFOX) {
      const sidebar = sidebarAction();
      opening = sidebar ? sidebar.open() : Promise.reject(new Error('No sidebarAction'));
    } else if (target.tabId !== undefined) {
      opening = chrome.sidePanel.open({ tabId: target.tabId });
    } else if (target.windowId !== undefined) {
      opening = chrome.sidePanel.open({ windowId: target.windowId });
    } else {
      opening = Promise.reject(new Error('No tab or window to open the side panel in'));
    }
  } catch (error) {
    opening = Promise.reject(error);
  }
  const focused = rememberPanelFocus(prospectId);
  return opening.then(
    async () => {
      await focused;
      return true;
    },
    (error: unknown) => {
      console.debug('[Fifth Touch] side panel did not open', error);
      return false;
    },
  );
}

/** The panel page in a tab: where a notification leads when the panel itself cannot open. */
export function panelPageUrl(prospectId?: string): string {
  const url = browser.runtime.getURL('/sidepanel.html');
  return prospectId ? `${url}?prospect=${encodeURIComponent(prospectId)}` : url;
}

// A hint, not state: which window the user was last in, so a notification click (a gesture that
// lasts only while its handler runs synchronously) can open the panel there. A worker woken by the
// click has no hint yet; the caller then names Chrome's current window instead.
let lastFocusedWindowId: number | undefined;

export function focusedWindowHint(): number | undefined {
  return lastFocusedWindowId;
}

export function setUpSidePanel(): void {
  browser.windows?.onFocusChanged.addListener((windowId) => {
    if (windowId !== browser.windows.WINDOW_ID_NONE) lastFocusedWindowId = windowId;
  });
  void browser.windows
    ?.getLastFocused()
    .then((window) => {
      lastFocusedWindowId ??= window.id;
    })
    .catch(() => undefined);
  if (import.meta.env.FIREFOX) {
    // Firefox MV2 calls it browserAction; toggle must run inside the click's handler.
    const action =
      browser.action ??
      (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
    action?.onClicked.addListener(() => {
      const sidebar = sidebarAction();
      void (sidebar?.toggle ?? sidebar?.open)?.call(sidebar).catch(() => undefined);
    });
    return;
  }
  // Chrome opens the panel on a click of the icon by itself once told to.
  void chrome.sidePanel
    .setPanelBehavior({ openPanelOnActionClick: true })
    .catch((error: unknown) => console.warn('[Fifth Touch] panel behaviour not set', error));
  chrome.commands.onCommand.addListener((command, tab) => {
    if (command !== OPEN_PANEL_COMMAND) return;
    void openPanel({ tabId: tab?.id, windowId: tab?.windowId });
  });
}
