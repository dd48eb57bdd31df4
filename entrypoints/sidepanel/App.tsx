import { lazy, Suspense } from 'react';
import { browser } from 'wxt/browser';
import { EnvProvider } from '../../components/env';
import { Panel } from '../../components/panel/Panel';
import type { ActiveTabWatcher } from '../../components/panel/OpenTabStatus';
import type { FocusWatcher } from '../../components/panel/Panel';
import { PAGE_READ_KEY, parsePageReadLog, unreadablePageOf } from '../../lib/page-read';
import { PANEL_FOCUS_KEY, prospectToFocus } from '../../lib/panel-focus';

// The report (with its chart) and import/export load only when opened.
const FeedbackFriday = lazy(() => import('../../components/report/FeedbackFriday'));
const Transfer = lazy(() => import('../../components/transfer/Transfer'));

// Host permissions for LinkedIn let the panel read the URL of a LinkedIn tab (no "tabs" permission).
// Whether the tab's content script could read that page comes from what it reported to the
// background (session storage, per tab).
const watchActiveTab: ActiveTabWatcher = (onUrl) => {
  const area = browser.storage.session ?? browser.storage.local;
  const areaName = browser.storage.session ? 'session' : 'local';
  const report = () =>
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(async ([tab]) => {
        const stored = await area.get(PAGE_READ_KEY).catch(() => ({}));
        const log = parsePageReadLog((stored as Record<string, unknown>)[PAGE_READ_KEY]);
        onUrl(tab?.url, unreadablePageOf(log, tab?.id, tab?.url));
      })
      .catch(() => onUrl(undefined));
  const onUpdated = (_id: number, change: { url?: string }) => {
    if (change.url) report();
  };
  const onChanged = (changes: Record<string, unknown>, changedArea: string) => {
    if (changedArea === areaName && PAGE_READ_KEY in changes) report();
  };
  report();
  browser.tabs.onActivated.addListener(report);
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.storage.onChanged.addListener(onChanged);
  return () => {
    browser.tabs.onActivated.removeListener(report);
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.storage.onChanged.removeListener(onChanged);
  };
};

// The prospect the panel was opened on: `?prospect=` when the panel page opened in a tab instead,
// else the focus the background left in session storage (read now, and watched while open).
const watchPanelFocus: FocusWatcher = (onProspect) => {
  const fromUrl = new URLSearchParams(location.search).get('prospect');
  if (fromUrl) onProspect(fromUrl);
  const areaName = browser.storage.session ? 'session' : 'local';
  const area = browser.storage.session ?? browser.storage.local;
  if (!fromUrl) {
    void area
      .get(PANEL_FOCUS_KEY)
      .then((items) => {
        const id = prospectToFocus(items[PANEL_FOCUS_KEY], Date.now());
        if (id) onProspect(id);
      })
      .catch(() => undefined);
  }
  const onChanged = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
    if (changedArea !== areaName || !(PANEL_FOCUS_KEY in changes)) return;
    const id = prospectToFocus(changes[PANEL_FOCUS_KEY]?.newValue, Date.now());
    if (id) onProspect(id);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
};

export function App() {
  return (
    <EnvProvider>
      <Panel
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
        watchActiveTab={watchActiveTab}
        watchFocus={watchPanelFocus}
        extraViews={{
          report: (
            <Suspense fallback={<p className="muted">Loading the report…</p>}>
              <FeedbackFriday />
            </Suspense>
          ),
          transfer: (
            <Suspense fallback={<p className="muted">Loading…</p>}>
              <Transfer />
            </Suspense>
          ),
        }}
      />
    </EnvProvider>
  );
}
