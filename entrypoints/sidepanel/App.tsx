import { browser } from 'wxt/browser';
import { EnvProvider } from '../../components/env';
import { Panel } from '../../components/panel/Panel';

export function App() {
  return (
    <EnvProvider>
      <Panel onOpenOptions={() => void browser.runtime.openOptionsPage()} />
    </EnvProvider>
  );
}
