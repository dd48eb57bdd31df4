import { EnvProvider } from '../../components/env';
import { Diagnostics } from '../../components/options/Diagnostics';
import { SettingsEditor } from '../../components/options/SettingsEditor';

export function App() {
  return (
    <EnvProvider>
      <main className="app options">
        <h1>Fifth Touch settings</h1>
        <SettingsEditor />
        <Diagnostics />
      </main>
    </EnvProvider>
  );
}
