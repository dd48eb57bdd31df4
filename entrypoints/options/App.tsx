import { lazy, Suspense, useState } from 'react';
import { EnvProvider } from '../../components/env';
import { Diagnostics } from '../../components/options/Diagnostics';
import { SettingsEditor } from '../../components/options/SettingsEditor';

const Welcome = lazy(() =>
  import('../../components/onboarding/Welcome').then((m) => ({ default: m.Welcome })),
);

export function App() {
  // `options.html#welcome` opens on the welcome (the side panel's first-run link comes here too).
  const [welcome, setWelcome] = useState(() => location.hash === '#welcome');
  return (
    <EnvProvider>
      <main className="app options">
        <h1>Fifth Touch settings</h1>
        {welcome ? (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <Welcome onClose={() => setWelcome(false)} />
          </Suspense>
        ) : (
          <p>
            <button type="button" onClick={() => setWelcome(true)}>
              Open the welcome again
            </button>{' '}
            <span className="muted">
              your name, your addresses, what is tracked, the toolbar pin
            </span>
          </p>
        )}
        <SettingsEditor />
        <Diagnostics />
      </main>
    </EnvProvider>
  );
}
