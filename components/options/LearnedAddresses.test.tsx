// The options page lists each address Fifth Touch learnt as the rep's own, with the domain it
// taught, and removes one on request (through the background, which never learns it again).
import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveSettings } from '../../lib/db/writes';
import { LEARNED_OWN_KEY, type LearnedOwnRecord } from '../../lib/own-addresses';
import { EnvProvider, type PageEnv } from '../env';
import { MONDAY, testEnv } from '../../tests/helpers/seed';
import { SettingsEditor } from './SettingsEditor';

configure({ asyncUtilTimeout: 5000 });

let env: PageEnv;
beforeEach(async () => {
  env = testEnv();
  await saveSettings(
    env.db,
    { ownAddresses: ['dana@acme.example', 'me@typed.example'], ownDomains: ['acme.example'] },
    { now: MONDAY },
  );
  const record: LearnedOwnRecord = {
    learned: [{ email: 'dana@acme.example', domains: ['acme.example'], source: 'account', at: 1 }],
    forgotten: [],
  };
  await fakeBrowser.storage.local.set({ [LEARNED_OWN_KEY]: record });
});
afterEach(async () => {
  vi.restoreAllMocks();
  env.db.close();
  await env.db.delete();
});

describe('addresses learnt as yours', () => {
  test('are listed with the domain they taught; Remove asks the background and the form follows', async () => {
    const asked: unknown[] = [];
    // The background's answer on the wire (the fake browser does not carry promise answers back).
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((message: unknown) => {
      asked.push(message);
      return Promise.resolve({ res: { removed: true } });
    });
    const user = userEvent.setup();
    render(
      <EnvProvider env={env}>
        <SettingsEditor />
      </EnvProvider>,
    );
    const list = await screen.findByRole('list', { name: 'Addresses learnt as yours' });
    expect(list).toHaveTextContent(
      "dana@acme.example (and the domain acme.example), from Gmail's account menu",
    );
    // Typed by hand: not listed as learnt.
    expect(list).not.toHaveTextContent('me@typed.example');

    await user.click(within(list).getByRole('button', { name: 'Remove dana@acme.example' }));
    expect(asked).toEqual([
      expect.objectContaining({ type: 'forgetOwnAddress', data: { email: 'dana@acme.example' } }),
    ]);
    expect(screen.queryByRole('list', { name: 'Addresses learnt as yours' })).toBeNull();
    expect(screen.getByRole('textbox', { name: /Your addresses/ })).toHaveValue('me@typed.example');
    expect(screen.getByRole('textbox', { name: /Your domains/ })).toHaveValue('');
  });

  test('a refusal is shown in words and the address stays', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(() =>
      Promise.resolve({ err: { name: 'Error', message: 'The store is busy', stack: '' } }),
    );
    const user = userEvent.setup();
    render(
      <EnvProvider env={env}>
        <SettingsEditor />
      </EnvProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Remove dana@acme.example' }));
    expect(await screen.findByText('The store is busy')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Addresses learnt as yours' })).toHaveTextContent(
      'dana@acme.example',
    );
  });
});
