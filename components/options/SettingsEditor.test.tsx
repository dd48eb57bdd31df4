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

  test('an invalid draft lists each problem by field and saves nothing', async () => {
    const user = renderEditor();
    const day2 = await screen.findByRole('spinbutton', { name: 'Step 2 day' });
    await user.clear(day2);
    await user.type(day2, '1');
    await user.type(screen.getByRole('textbox', { name: /Your addresses/ }), 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Cadence: expected');
    expect(alert).toHaveTextContent('cadence days must increase from step to step');
    expect(alert).toHaveTextContent('Your addresses, line 1');
    expect(await env.db.settings.count()).toBe(0);
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
