// The daily list as a keyboard user works it: focus stays on the row acted on or its neighbour
// after every action and shortcut, forms take focus and give it back, a won lead offers its
// thank-you, and a touch logged by hand carries the date it happened.
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { getProspect, outcomesOf, touchesOf } from '../../lib/db/queries';
import { logOutcome } from '../../lib/db/writes';
import { prospectRow } from '../../tests/helpers/prospect-row';
import { EnvProvider, type PageEnv } from '../env';
import {
  local,
  MONDAY,
  seedWithSends,
  openPanelEnv,
  closePanelEnv,
} from '../../tests/helpers/seed';
import { Panel } from './Panel';

configure({ asyncUtilTimeout: 5000 });

let env: PageEnv;
beforeEach(() => {
  env = openPanelEnv();
});
afterEach(() => closePanelEnv(env));

function renderPanel() {
  const user = userEvent.setup();
  render(
    <EnvProvider env={env}>
      <Panel />
    </EnvProvider>,
  );
  return user;
}

const TODAY = '2026-03-02';
const HOUR = 3_600_000;

/** Ann, Ben and Cid due today, in that work order (Ann has waited longest). */
async function seedThreeDueToday() {
  await env.db.prospects.bulkAdd([
    prospectRow('ann', { name: 'Ann One', nextDueDay: TODAY, lastTouchAt: MONDAY - 30 * HOUR }),
    prospectRow('ben', { name: 'Ben Two', nextDueDay: TODAY, lastTouchAt: MONDAY - 20 * HOUR }),
    prospectRow('cid', { name: 'Cid Three', nextDueDay: TODAY, lastTouchAt: MONDAY - 10 * HOUR }),
  ]);
}

const rowNamed = (name: string) =>
  screen
    .getByRole('list', { name: 'Due today' })
    .querySelector<HTMLElement>(`[data-prospect-id="${name}"]`);

describe('focus after every action and shortcut', () => {
  test('N logs a no and focus goes to the neighbour; j then moves on from there', async () => {
    await seedThreeDueToday();
    const user = renderPanel();
    await screen.findByRole('list', { name: 'Due today' });
    // Opened on Due today (nothing overdue), in work order, with the keys said above the list.
    expect(
      within(screen.getByRole('list', { name: 'Due today' }))
        .getAllByRole('listitem')
        .map((row) => row.dataset.prospectId),
    ).toEqual(['ann', 'ben', 'cid']);
    expect(screen.getByText(/^Keys: j\/k/)).toBeInTheDocument();

    rowNamed('ann')!.focus();
    await user.keyboard('n');
    await waitFor(() => expect(rowNamed('ann')).toBeNull());
    await waitFor(() => expect(rowNamed('ben')).toHaveFocus());
    await user.keyboard('j');
    expect(rowNamed('cid')).toHaveFocus();
    expect((await getProspect(env.db, 'ann'))?.noCount).toBe(1);
  });

  test('R on the last row moves focus to the row before it', async () => {
    await seedThreeDueToday();
    const user = renderPanel();
    await screen.findByRole('list', { name: 'Due today' });
    rowNamed('cid')!.focus();
    await user.keyboard('r');
    await waitFor(() => expect(rowNamed('cid')).toBeNull());
    await waitFor(() => expect(rowNamed('ben')).toHaveFocus());
    await user.keyboard('k');
    expect(rowNamed('ann')).toHaveFocus();
  });

  test('S opens the snooze menu with focus on its first choice; Escape closes it and gives focus back', async () => {
    await seedThreeDueToday();
    const user = renderPanel();
    await screen.findByRole('list', { name: 'Due today' });
    rowNamed('ben')!.focus();
    await user.keyboard('s');
    const menu = await screen.findByRole('group', { name: 'Snooze Ben Two' });
    // Monday: tomorrow is Tuesday, said so.
    expect(within(menu).getByRole('button', { name: 'Tomorrow (Tue)' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Snooze Ben Two' })).toBeNull();
    await waitFor(() => expect(rowNamed('ben')).toHaveFocus());
    await user.keyboard('j');
    expect(rowNamed('cid')).toHaveFocus();

    // S again, Enter on the focused choice: snoozed to Tuesday, focus on the neighbour.
    rowNamed('ben')!.focus();
    await user.keyboard('s');
    await screen.findByRole('group', { name: 'Snooze Ben Two' });
    await user.keyboard('{Enter}');
    await waitFor(async () =>
      expect(await outcomesOf(env.db, 'ben')).toMatchObject([
        { kind: 'snooze', until: '2026-03-03' },
      ]),
    );
    await waitFor(() => expect(rowNamed('ben')).toBeNull());
    await waitFor(() => expect(rowNamed('cid')).toHaveFocus());
  });

  test('T opens the touch form on its first field; Escape gives focus back to the row', async () => {
    await seedThreeDueToday();
    const user = renderPanel();
    await screen.findByRole('list', { name: 'Due today' });
    rowNamed('ann')!.focus();
    await user.keyboard('t');
    const form = await screen.findByRole('form', { name: 'Log a touch for Ann One' });
    expect(within(form).getByRole('combobox', { name: 'Channel' })).toHaveFocus();
    // Typing in the form never fires the row's shortcuts.
    await user.keyboard('n');
    expect((await getProspect(env.db, 'ann'))?.noCount).toBe(0);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(rowNamed('ann')).toHaveFocus());
    await user.keyboard('j');
    expect(rowNamed('ben')).toHaveFocus();
  });

  test('Enter opens the prospect, Back returns focus to the row, and j works next', async () => {
    await seedThreeDueToday();
    const user = renderPanel();
    await screen.findByRole('list', { name: 'Due today' });
    rowNamed('ben')!.focus();
    await user.keyboard('{Enter}');
    const heading = await screen.findByRole('heading', { level: 2, name: 'Ben Two' });
    // Focus moves in an effect once the page has rendered.
    await waitFor(() => expect(heading).toHaveFocus());
    await user.click(screen.getByRole('button', { name: '← Back to the lists' }));
    await waitFor(() => expect(rowNamed('ben')).toHaveFocus());
    await user.keyboard('j');
    expect(rowNamed('cid')).toHaveFocus();
  });
});

describe('a won lead', () => {
  test('offers its thank-you with its own draft, and no "Log no"', async () => {
    const id = await seedWithSends(env.db, {
      name: 'Wes Winner',
      email: 'wes@winco.example',
      company: 'Winco',
      sends: [local(2026, 2, 23)],
    });
    // Won last Friday: the thank-you is due the next business day, so today, Monday.
    await logOutcome(env.db, { prospectId: id, kind: 'won' }, { now: local(2026, 2, 27) });
    expect((await getProspect(env.db, id))?.nextDueDay).toBe(TODAY);
    const user = renderPanel();
    const row = within(
      (await screen.findByRole('list', { name: 'Due today' })).querySelector<HTMLElement>(
        `[data-prospect-id="${id}"]`,
      )!,
    );
    expect(row.getByText(/thank-you due today/)).toBeInTheDocument();
    expect(row.queryByRole('button', { name: /Log no/ })).toBeNull();
    expect(row.getByRole('button', { name: /Log thank-you/ })).toBeInTheDocument();
    await user.click(row.getByRole('button', { name: 'Draft: Thank-you' }));
    expect(await row.findByLabelText('Suggested message')).toHaveTextContent(
      /Thank you for choosing us; the whole team is glad to be working with Winco/,
    );
    // The N key does nothing on a won lead either.
    row.getByRole('button', { name: 'Draft: Thank-you' }).closest('li')!.focus();
    await user.keyboard('n');
    expect((await getProspect(env.db, id))?.noCount).toBe(0);
  });
});

describe('a touch logged by hand', () => {
  test('takes the date and time it happened (now by default), and refuses the future', async () => {
    await seedThreeDueToday();
    const user = renderPanel();
    await screen.findByRole('list', { name: 'Due today' });
    await user.click(within(rowNamed('ann')!).getByRole('button', { name: /Log touch/ }));
    const form = await screen.findByRole('form', { name: 'Log a touch for Ann One' });
    const when = within(form).getByLabelText('When') as HTMLInputElement;
    // Monday 10:00, the panel's "now".
    expect(when.value).toBe('2026-03-02T10:00');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Channel' }), 'call');

    fireEvent.change(when, { target: { value: '2026-03-03T09:00' } });
    await user.click(within(form).getByRole('button', { name: 'Log' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('A touch cannot be in the future.');
    expect(await touchesOf(env.db, 'ann')).toEqual([]);

    // Yesterday's call, logged today: stored on Sunday at 16:30.
    fireEvent.change(when, { target: { value: '2026-03-01T16:30' } });
    await user.type(within(form).getByRole('textbox', { name: 'Summary' }), 'Discovery call');
    await user.click(within(form).getByRole('button', { name: 'Log' }));
    await waitFor(async () =>
      expect(await touchesOf(env.db, 'ann')).toMatchObject([
        {
          channel: 'call',
          summary: 'Discovery call',
          at: local(2026, 3, 1, 16) + 30 * 60_000,
          day: '2026-03-01',
        },
      ]),
    );
  });
});
