// The first-run welcome: suggested name and addresses, what is tracked, the toolbar pin said live,
// saved or skipped; and the side panel's one-line offer of it.
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { expectNoAxeViolations } from '../../tests/a11y';
import { getSettings } from '../../lib/db/queries';
import { saveSettings } from '../../lib/db/writes';
import { ACCOUNT_NAME_KEY } from '../../lib/own-addresses';
import { EnvProvider, type PageEnv } from '../env';
import { Panel } from '../panel/Panel';
import { resetPanelStore } from '../store';
import { MONDAY, testEnv } from '../../tests/helpers/seed';
import type { PinState } from './pin';
import { Welcome } from './Welcome';

configure({ asyncUtilTimeout: 5000 });

let env: PageEnv;
beforeEach(() => {
  fakeBrowser.reset();
  resetPanelStore();
  env = testEnv();
});
afterEach(async () => {
  env.db.close();
  await env.db.delete();
});

/** A pin watcher the test drives, as Chrome's action.onUserSettingsChanged would. */
function pinStub() {
  let emit: (state: PinState) => void = () => undefined;
  return {
    watch: (onState: (state: PinState) => void) => {
      emit = onState;
      onState('unpinned');
      return () => undefined;
    },
    set: (state: PinState) => emit(state),
  };
}

describe('the welcome', () => {
  test('suggests the name and address Gmail showed, says what is tracked, and saves what the rep confirms', async () => {
    await fakeBrowser.storage.local.set({ [ACCOUNT_NAME_KEY]: 'Dana Reyes' });
    await saveSettings(env.db, { ownAddresses: ['dana@acme.example'] }, { now: MONDAY });
    const pin = pinStub();
    let closed = 0;
    const user = userEvent.setup();
    render(
      <EnvProvider env={env}>
        <Welcome onClose={() => (closed += 1)} watchPin={pin.watch} />
      </EnvProvider>,
    );
    const name = await screen.findByRole('textbox', { name: 'Your name, as you sign your emails' });
    expect(name).toHaveValue('Dana Reyes');
    expect(name).toHaveAccessibleDescription(/As Gmail shows it/);
    const addresses = screen.getByRole('textbox', { name: 'Addresses you send from (one a line)' });
    expect(addresses).toHaveValue('dana@acme.example');
    expect(screen.getByText(/Never the text of a message/)).toBeInTheDocument();
    expect(screen.getByText(/Not a prospect/)).toBeInTheDocument();
    expect(screen.getByText(/Everything stays in this browser/)).toBeInTheDocument();
    // The toolbar pin, said as Chrome tells it, and again when it changes.
    const status = screen.getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('Not pinned yet'));
    pin.set('pinned');
    await waitFor(() => expect(status).toHaveTextContent('Pinned: the number on the orange'));
    await expectNoAxeViolations(document.body);

    await user.clear(name);
    await user.type(name, 'Dana R.');
    await user.type(addresses, '{Enter}dana.reyes@acme.example');
    await user.click(screen.getByRole('button', { name: 'Save and start' }));
    await waitFor(() => expect(closed).toBe(1));
    const saved = await getSettings(env.db);
    expect(saved).toMatchObject({
      myName: 'Dana R.',
      ownAddresses: ['dana@acme.example', 'dana.reyes@acme.example'],
      onboarding: 'done',
    });
  });

  test('a bad address is said beside the field and nothing is saved; Skip saves only that it was skipped', async () => {
    let closed = 0;
    const user = userEvent.setup();
    render(
      <EnvProvider env={env}>
        <Welcome onClose={() => (closed += 1)} watchPin={pinStub().watch} />
      </EnvProvider>,
    );
    const addresses = await screen.findByRole('textbox', {
      name: 'Addresses you send from (one a line)',
    });
    // Firefox cannot tell: the text says how to pin without claiming either way.
    await user.type(addresses, 'dana at acme');
    await user.click(screen.getByRole('button', { name: 'Save and start' }));
    expect(
      await screen.findByText('Line 1 (“dana at acme”) is not an email address.'),
    ).toBeInTheDocument();
    expect(addresses).toHaveAttribute('aria-invalid', 'true');
    expect(closed).toBe(0);
    expect(await env.db.settings.count()).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Skip for now' }));
    await waitFor(() => expect(closed).toBe(1));
    expect(await getSettings(env.db)).toMatchObject({ onboarding: 'skipped', ownAddresses: [] });
  });
});

describe('the side panel on first run', () => {
  test('offers the welcome in one line above the lists; Set up opens it, saving returns to the lists', async () => {
    const user = userEvent.setup();
    render(
      <EnvProvider env={env}>
        <Panel />
      </EnvProvider>,
    );
    const banner = await screen.findByRole('region', { name: 'Welcome' });
    expect(screen.getByRole('tablist')).toBeInTheDocument();
    await user.click(within(banner).getByRole('button', { name: 'Set up' }));
    await screen.findByRole('heading', { name: 'Welcome to Fifth Touch' });
    await user.type(screen.getByRole('textbox', { name: /Your name/ }), 'Sam Rivera');
    await user.click(screen.getByRole('button', { name: 'Save and start' }));
    // Back on the lists, the offer is gone at once: not shown again while the settings catch up.
    expect(await screen.findByRole('tablist')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Welcome' })).toBeNull();
    expect((await getSettings(env.db)).myName).toBe('Sam Rivera');
    expect(screen.queryByRole('region', { name: 'Welcome' })).toBeNull();
  });

  test('Not now hides the offer for good', async () => {
    const user = userEvent.setup();
    render(
      <EnvProvider env={env}>
        <Panel />
      </EnvProvider>,
    );
    const banner = await screen.findByRole('region', { name: 'Welcome' });
    await user.click(within(banner).getByRole('button', { name: 'Not now' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Welcome' })).toBeNull());
    expect((await getSettings(env.db)).onboarding).toBe('skipped');
    expect(screen.queryByRole('region', { name: 'Welcome' })).toBeNull();
  });
});
