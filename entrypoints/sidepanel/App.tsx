import { lazy, Suspense } from 'react';
import { browser } from 'wxt/browser';
import { EnvProvider } from '../../components/env';
import { Panel } from '../../components/panel/Panel';
import type { ActiveTabWatcher } from '../../components/panel/OpenTabStatus';

// The report (with its chart) and import/export load only when opened.
const FeedbackFriday = lazy(() => import('../../components/report/FeedbackFriday'));
const Transfer = lazy(() => import('../../components/transfer/Transfer'));

// Host permissions for LinkedIn let the panel read the URL of a LinkedIn tab (no "tabs" permission).
const watchActiveTab: ActiveTabWatcher = (onUrl) => {
  const report = () =>
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([tab]) => onUrl(tab?.url))
      .catch(() => onUrl(undefined));
  const onUpdated = (_id: number, change: { url?: string }) => {
    if (change.url) report();
  };
  report();
  browser.tabs.onActivated.addListener(report);
  browser.tabs.onUpdated.addListener(onUpdated);
  return () => {
    browser.tabs.onActivated.removeListener(report);
    browser.tabs.onUpdated.removeListener(onUpdated);
  };
};

export function App() {
  return (
    <EnvProvider>
      <Panel
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
        watchActiveTab={watchActiveTab}
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
