// The automated accessibility check (axe-core) on the side panel as a rep sees it: each list, a
// prospect's page, and every form and dialog open.
import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { expectNoAxeViolations } from '../../tests/a11y';
import { addProspect, logOutcome } from '../../lib/db/writes';
import { EnvProvider, type PageEnv } from '../env';
import { usePanelStore } from '../store';
import { MONDAY, seedDesk, openPanelEnv, closePanelEnv } from '../../tests/helpers/seed';
import { Panel } from './Panel';

configure({ asyncUtilTimeout: 5000 });

let env: PageEnv;
beforeEach(() => {
  env = openPanelEnv();
});
afterEach(() => closePanelEnv(env));

function renderPanel() {
  const user = userEvent.setup();
  const { container } = render(
    <EnvProvider env={env}>
      <Panel
        onOpenOptions={() => undefined}
        extraViews={{ report: <p>Report</p>, transfer: <p>Transfer</p> }}
      />
    </EnvProvider>,
  );
  return { user, container };
}

async function seedEverySection() {
  const ids = await seedDesk(env.db);
  const { prospectId: won } = await addProspect(
    env.db,
    { name: 'Wes Won', company: 'Winco', emails: ['wes@winco.io'] },
    { now: MONDAY },
  );
  await logOutcome(env.db, { prospectId: won, kind: 'won' }, { now: MONDAY });
  const { prospectId: replied } = await addProspect(
    env.db,
    { name: 'Rae Replied', emails: ['rae@r.io'], linkedinIds: ['rae-r'] },
    { now: MONDAY },
  );
  await logOutcome(env.db, { prospectId: replied, kind: 'reply' }, { now: MONDAY });
  return ids;
}

test('the check fails, naming the rule and the element, on an unnamed button', async () => {
  const { container } = render(
    <div>
      <button type="button">Named</button>
      <button type="button" className="close" />
    </div>,
  );
  await expect(expectNoAxeViolations(container)).rejects.toThrow(
    /button-name \(critical\): Buttons must have discernible text at \.close/,
  );
});

describe('accessibility of the side panel (axe)', { timeout: 30_000 }, () => {
  test('each of the five lists, with its counts, filters and hints', async () => {
    await seedEverySection();
    const { user, container } = renderPanel();
    for (const [tabName, listName] of [
      [/Due today/, 'Due today'],
      [/Overdue/, 'Overdue'],
      [/Upcoming/, 'Upcoming'],
      [/Replied/, 'Replied'],
      [/Closed/, 'Closed'],
    ] as const) {
      await user.click(await screen.findByRole('tab', { name: tabName }));
      await screen.findByRole('list', { name: listName });
      await expectNoAxeViolations(container);
    }
  });

  test('an empty list, search results, an open angle and an error', async () => {
    await seedDesk(env.db);
    const { user, container } = renderPanel();
    await user.click(await screen.findByRole('tab', { name: /Overdue 1/ }));
    const overdue = await screen.findByRole('list', { name: 'Overdue' });
    await user.click(within(overdue).getByRole('button', { name: /^Angle: / }));
    await within(overdue).findByLabelText('Suggested message');
    usePanelStore.getState().setError('Could not log the reply: the disk is full.');
    await screen.findByRole('alert');
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('tab', { name: /Replied 0/ }));
    await screen.findByText('No replies waiting on you.');
    await user.type(screen.getByRole('searchbox', { name: 'Search prospects' }), 'quarry');
    await screen.findByRole('list', { name: 'Search results for quarry' });
    await expectNoAxeViolations(container);
  });

  test('the snooze menu, the manual touch form and the undo toast', async () => {
    await seedDesk(env.db);
    const { user, container } = renderPanel();
    await user.click(await screen.findByRole('tab', { name: /Due today/ }));
    const today = await screen.findByRole('list', { name: 'Due today' });
    await user.click(within(today).getByRole('button', { name: /Snooze/ }));
    await screen.findByRole('group', { name: 'Snooze Bob Stone' });
    await expectNoAxeViolations(container);

    await user.click(within(today).getByRole('button', { name: /Log touch/ }));
    await screen.findByRole('form', { name: 'Log a touch for Bob Stone' });
    await expectNoAxeViolations(container);

    await user.click(within(today).getByRole('button', { name: /Log reply/ }));
    await screen.findByRole('status');
    await expectNoAxeViolations(container);
  });

  test("a prospect's page, the edit and merge dialogs, and the add form", async () => {
    const { jane } = await seedDesk(env.db);
    usePanelStore.getState().openProspect(jane);
    const { user, container } = renderPanel();
    await screen.findByRole('list', { name: 'Timeline' });
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await screen.findByRole('dialog', { name: 'Edit Jane Doe' });
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: 'Merge…' }));
    const merge = await screen.findByRole('dialog', { name: 'Merge into Jane Doe' });
    await within(merge).findByRole('button', { name: 'Merge Bob Stone' });
    await expectNoAxeViolations(container);

    await user.click(screen.getByRole('button', { name: '+ Add' }));
    await screen.findByRole('dialog', { name: 'Add a prospect' });
    await expectNoAxeViolations(container);
  });
});
