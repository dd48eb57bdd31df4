import { lazy, Suspense } from 'react';
import { browser } from 'wxt/browser';
import { EnvProvider } from '../../components/env';
import { Panel } from '../../components/panel/Panel';

// The report (with its chart) and import/export load only when opened.
const FeedbackFriday = lazy(() => import('../../components/report/FeedbackFriday'));
const Transfer = lazy(() => import('../../components/transfer/Transfer'));

export function App() {
  return (
    <EnvProvider>
      <Panel
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
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
