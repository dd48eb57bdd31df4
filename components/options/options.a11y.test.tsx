// The automated accessibility check (axe-core) on the options page as the options entrypoint lays
// it out: the settings editor (with quiet hours and an error shown) and the Diagnostics section.
import { configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DIAGNOSTICS_KEY, recordDiagnostic } from '../../lib/diagnostics/diagnostics';
import { expectNoAxeViolations } from '../../tests/a11y';
import { EnvProvider, type PageEnv } from '../env';
import { testEnv } from '../../tests/helpers/seed';
import { Diagnostics } from './Diagnostics';
import { SettingsEditor } from './SettingsEditor';

configure({ asyncUtilTimeout: 5000 });

let env: PageEnv;
beforeEach(() => {
  env = testEnv();
});
afterEach(async () => {
  env.db.close();
  await env.db.delete();
});

function renderOptions() {
  const user = userEvent.setup();
  const { container } = render(
    <EnvProvider env={env}>
      <main className="app options">
        <h1>Fifth Touch settings</h1>
        <SettingsEditor />
        <Diagnostics />
      </main>
    </EnvProvider>,
  );
  return { user, container };
}

describe('accessibility of the options page (axe)', { timeout: 30_000 }, () => {
  test('the settings editor and an empty Diagnostics section', async () => {
    const { container } = renderOptions();
    await screen.findByRole('button', { name: 'Save settings' });
    await screen.findByText(/Nothing to report/);
    await expectNoAxeViolations(container);
  });

  test('quiet hours open, a refused save and a Diagnostics table', async () => {
    await fakeBrowser.storage.local.set({
      [DIAGNOSTICS_KEY]: recordDiagnostic(
        { entries: [] },
        { site: 'linkedin', check: 'profile-name', detail: 'no h1' },
        Date.now(),
      ),
    });
    const { user, container } = renderOptions();
    await user.click(await screen.findByRole('checkbox', { name: 'Quiet hours' }));
    await screen.findByLabelText('Quiet from');
    await user.type(screen.getByRole('textbox', { name: /Your domains/ }), 'gmail.com');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByRole('alert');
    await screen.findByRole('table', { name: 'Not recognised' });
    await expectNoAxeViolations(container);
  });
});
