import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { getProspect, getSettings } from '../../lib/db/queries';
import { addProspect } from '../../lib/db/writes';
import { EnvProvider, type PageEnv } from '../env';
import { MONDAY, testEnv } from '../../tests/helpers/seed';
import { SettingsEditor } from './SettingsEditor';

// Live queries re-run after each write; on a busy machine that can take more than a second.
configure({ asyncUtilTimeout: 5000 });

let env: PageEnv;
beforeEach(() => {
  env = testEnv();
});
afterEach(async () => {
  env.db.close();
  await env.db.delete();
});

function renderEditor() {
  const user = userEvent.setup();
  render(
    <EnvProvider env={env}>
      <SettingsEditor />
    </EnvProvider>,
  );
  return user;
}

describe('the settings editor', () => {
  test('saves a cadence change and every prospect’s due day follows it', async () => {
    const { prospectId } = await addProspect(env.db, { emails: ['a@acme.com'] }, { now: MONDAY });
    const user = renderEditor();
    // Step 1 moves from call+email to LinkedIn only.
    await user.click(await screen.findByRole('checkbox', { name: 'Step 1 Call' }));
    await user.click(screen.getByRole('checkbox', { name: 'Step 1 Email' }));
    await user.click(screen.getByRole('checkbox', { name: 'Step 1 LinkedIn' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect((await getSettings(env.db)).cadence[0]).toEqual({ day: 1, channels: ['linkedin'] });
    expect((await getProspect(env.db, prospectId))?.nextChannels).toEqual(['linkedin']);
  });

  test('an invalid draft says each problem in plain words beside its field, and saves nothing', async () => {
    const user = renderEditor();
    const day2 = await screen.findByRole('spinbutton', { name: 'Step 2 day' });
    await user.clear(day2);
    await user.type(day2, '1');
    const addresses = screen.getByRole('textbox', { name: /Your addresses/ });
    await user.type(addresses, 'not-an-address');
    const cap = screen.getByRole('spinbutton', { name: 'Notifications per day' });
    await user.clear(cap);
    await user.type(cap, '500');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not saved: 3 fields need a change (Cadence, Notifications per day, Your addresses).',
    );
    // Each sentence sits right under its own field, and the field points at it.
    const beside = (field: string) =>
      document.querySelector(`[data-field="${field}"] .field-error`)?.textContent;
    expect(beside('cadence')).toBe(
      'Each step’s day must come after the step before it (days 1, 2, 3…, no repeats).',
    );
    expect(beside('ownAddresses')).toBe('Line 1 (“not-an-address”) is not an email address.');
    expect(beside('notificationCap')).toBe('Use 100 or less.');
    expect(cap).toHaveAttribute('aria-invalid', 'true');
    expect(cap.getAttribute('aria-describedby')).toContain('problem-notificationCap');
    // No developer words anywhere.
    expect(document.body.textContent).not.toMatch(/expected|Invalid|schema/);
    expect(await env.db.settings.count()).toBe(0);
  });

  test('every field says in one line what it does, and the name signs drafts', async () => {
    const user = renderEditor();
    const name = await screen.findByRole('textbox', { name: 'Your name' });
    expect(name).toHaveAccessibleDescription(
      'Signs every draft ({myName}); drafts say so until it is set.',
    );
    expect(
      screen.getByRole('spinbutton', { name: 'Nos before closing' }),
    ).toHaveAccessibleDescription(/“no” means “not now”/);
    expect(screen.getByRole('checkbox', { name: 'Skip weekends' })).toHaveAccessibleDescription(
      'Due days that fall on a weekend move to Monday.',
    );
    await user.type(name, 'Sam Rivera');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect((await getSettings(env.db)).myName).toBe('Sam Rivera');
  });

  test('leaving with unsaved changes asks first; once saved it does not', async () => {
    const user = renderEditor();
    const name = await screen.findByRole('textbox', { name: 'Your name' });
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    await user.type(name, 'Sam');
    expect(leave()).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Saved.');
    expect(leave()).toBe(false);
  });

  test('turns an angle off, edits a template, adds an angle, and sets the switches', async () => {
    const user = renderEditor();
    await user.click(await screen.findByRole('checkbox', { name: 'Insight' }));
    const template = screen.getByRole('textbox', { name: 'Template for Case study' });
    await user.clear(template);
    await user.type(template, 'Hi {{firstName}, a story.');
    await user.type(screen.getByRole('textbox', { name: 'New angle name' }), 'Webinar');
    await user.type(screen.getByRole('textbox', { name: 'New angle template' }), 'Join us');
    await user.click(screen.getByRole('button', { name: 'Add angle' }));
    expect(screen.getByRole('textbox', { name: 'Template for Webinar' })).toHaveValue('Join us');
    await user.click(screen.getByRole('checkbox', { name: 'Track people in Cc' }));
    await user.click(screen.getByRole('checkbox', { name: 'Quiet hours' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();

    const saved = await getSettings(env.db);
    expect(saved.disabledAngles).toEqual(['insight']);
    expect(saved.angleTemplates).toEqual({ 'case-study': 'Hi {firstName}, a story.' });
    expect(saved.customAngles).toEqual([
      {
        id: 'custom-webinar',
        label: 'Webinar',
        prompt: '',
        template: 'Join us',
        channels: ['email', 'linkedin'],
      },
    ]);
    expect(saved.trackCc).toBe(true);
    expect(saved.quietHours).toEqual({ start: '19:00', end: '08:00' });
    const list = screen.getByRole('checkbox', { name: 'Insight' }).closest('ul')!;
    expect(within(list).getByRole('checkbox', { name: 'Insight' })).not.toBeChecked();
  });
});
