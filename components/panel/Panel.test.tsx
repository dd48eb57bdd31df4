import { act, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { getProspect, outcomesOf, touchesOf } from '../../lib/db/queries';
import { addProspect } from '../../lib/db/writes';
import { EnvProvider, type PageEnv } from '../env';
import type { PanelSection } from '../../lib/db/lists';
import { usePanelStore } from '../store';
import {
  local,
  MONDAY,
  seedDesk,
  seedWithSends,
  openPanelEnv,
  closePanelEnv,
} from '../../tests/helpers/seed';
import { Panel } from './Panel';

// Live queries re-run after each write; on a busy machine that can take more than a second.
configure({ asyncUtilTimeout: 5000 });

let env: PageEnv;
beforeEach(() => {
  env = openPanelEnv();
});
afterEach(() => closePanelEnv(env));

/** The panel as the rep opens it; `section` as if the rep had picked that tab first. */
function renderPanel({ section }: { section?: PanelSection } = {}) {
  if (section) usePanelStore.setState({ section, sectionAuto: false });
  const user = userEvent.setup();
  render(
    <EnvProvider env={env}>
      <Panel />
    </EnvProvider>,
  );
  return user;
}

const tab = (name: RegExp) => screen.findByRole('tab', { name });
const list = (name: string) => screen.findByRole('list', { name });

async function openSection(user: ReturnType<typeof userEvent.setup>, name: RegExp) {
  await user.click(await tab(name));
}

describe('the lists', () => {
  test('show each seeded prospect in its section, with counts on the tabs', async () => {
    await seedDesk(env.db);
    const user = renderPanel();

    // It opens on the most urgent list with anything in it: overdue before due today.
    expect(await tab(/Overdue 1/)).toHaveAttribute('aria-selected', 'true');
    expect(within(await list('Overdue')).getByText('Jane Doe')).toBeInTheDocument();
    await openSection(user, /Due today/);
    expect(await tab(/Due today 1/)).toHaveAttribute('aria-selected', 'true');
    expect(await tab(/Upcoming 1/)).toBeInTheDocument();
    expect(await tab(/Replied 0/)).toBeInTheDocument();
    expect(await tab(/Closed 0/)).toBeInTheDocument();

    const today = await list('Due today');
    expect(within(today).getAllByRole('listitem')).toHaveLength(1);
    expect(within(today).getByText('Bob Stone')).toBeInTheDocument();
    expect(within(today).getByText('touch 1 of 9')).toBeInTheDocument();

    await openSection(user, /Overdue/);
    const overdue = await list('Overdue');
    expect(within(overdue).getByText('Jane Doe')).toBeInTheDocument();
    expect(within(overdue).getByText('touch 4 of 9')).toBeInTheDocument();
    // Last send Wednesday 2026-02-25, panel on Monday 2026-03-02.
    expect(within(overdue).getByText('last touch 5 days ago')).toBeInTheDocument();
    expect(within(overdue).getByText(/due 3 days ago/)).toBeInTheDocument();
    // Step 4 of the default cadence is email and LinkedIn.
    const channels = within(overdue).getByLabelText('Channels due');
    expect(channels).toHaveTextContent('Email');
    expect(channels).toHaveTextContent('LinkedIn');

    await openSection(user, /Upcoming/);
    expect(within(await list('Upcoming')).getByText('Carol King')).toBeInTheDocument();
  });

  test(
    'show a full page of 50 rows, and Show more adds the next page',
    { timeout: 20_000 },
    async () => {
      for (let n = 1; n <= 60; n += 1) {
        await addProspect(
          env.db,
          { name: `Prospect ${n}`, emails: [`p${n}@example.com`] },
          { now: MONDAY },
        );
      }
      const user = renderPanel();
      const today = await list('Due today');
      await waitFor(() => expect(within(today).getAllByRole('listitem')).toHaveLength(50));
      await user.click(screen.getByRole('button', { name: 'Show more' }));
      await waitFor(() => expect(within(today).getAllByRole('listitem')).toHaveLength(60));
      expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
    },
  );

  test('show "2 of 5 nos" once two nos are logged', async () => {
    const { bob } = await seedDesk(env.db);
    const user = renderPanel({ section: 'today' });
    const row = within(await list('Due today'));
    await user.click(row.getByRole('button', { name: /Log no/ }));
    await waitFor(async () => expect((await getProspect(env.db, bob))?.noCount).toBe(1));
    // After a no, Bob is due a week later: find him there and log the second no.
    await openSection(user, /Upcoming/);
    const upcoming = await list('Upcoming');
    const bobRow = within(upcoming).getByText('Bob Stone').closest('li')!;
    expect(within(bobRow).getByText('1 of 5 nos')).toBeInTheDocument();
    await user.click(within(bobRow).getByRole('button', { name: /Log no/ }));
    await waitFor(() => expect(within(bobRow).getByText('2 of 5 nos')).toBeInTheDocument());
  });

  test('search finds prospects by company and tag, and the channel filter narrows a list', async () => {
    await seedDesk(env.db);
    const user = renderPanel();
    await user.type(await screen.findByRole('searchbox', { name: 'Search prospects' }), 'tapestry');
    const results = await list('Search results for tapestry');
    expect(within(results).getAllByRole('listitem')).toHaveLength(1);
    expect(within(results).getByText('Carol King')).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();

    await user.clear(screen.getByRole('searchbox', { name: 'Search prospects' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search prospects' }), 'summit');
    expect(
      within(await list('Search results for summit')).getByText('Bob Stone'),
    ).toBeInTheDocument();

    await user.clear(screen.getByRole('searchbox', { name: 'Search prospects' }));
    await openSection(user, /Overdue/);
    expect(within(await list('Overdue')).getByText('Jane Doe')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by channel' }), 'call');
    expect(await screen.findByText('No prospect matches.')).toBeInTheDocument();
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Filter by channel' }),
      'linkedin',
    );
    expect(within(await list('Overdue')).getByText('Jane Doe')).toBeInTheDocument();
  });

  test('page data renders as text: markup, RTL overrides and 10,000 characters', async () => {
    const markup = '<img src=x onerror=alert(1)>';
    const rtl = 'Eve \u202Egnp.exe\u202C';
    const long = 'L'.repeat(10_000);
    for (const [index, name] of [markup, rtl, long].entries()) {
      await addProspect(
        env.db,
        {
          name: name.slice(0, 200),
          company: `<b>Co ${index}</b>`,
          emails: [`p${index}@hostile.test`],
        },
        { now: MONDAY },
      );
    }
    const { container } = render(
      <EnvProvider env={env}>
        <Panel />
      </EnvProvider>,
    );
    const today = await list('Due today');
    expect(within(today).getAllByRole('listitem')).toHaveLength(3);
    expect(within(today).getByText(markup)).toBeInTheDocument();
    expect(within(today).getByText(rtl)).toBeInTheDocument();
    expect(within(today).getByText('<b>Co 0</b>')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(within(today).getByText('L'.repeat(200))).toBeInTheDocument();
  });
});

describe('the actions', () => {
  test('Log reply moves the prospect to Replied, and Undo puts it back', async () => {
    const { jane } = await seedDesk(env.db);
    const user = renderPanel();
    await openSection(user, /Overdue 1/);
    const overdue = await list('Overdue');
    await user.click(within(overdue).getByRole('button', { name: /Log reply/ }));

    expect(await tab(/Replied 1/)).toBeInTheDocument();
    expect(await tab(/Overdue 0/)).toBeInTheDocument();
    expect((await outcomesOf(env.db, jane)).map((o) => o.kind)).toEqual(['reply']);
    expect((await getProspect(env.db, jane))?.status).toBe('replied');
    await openSection(user, /Replied/);
    expect(within(await list('Replied')).getByText('Jane Doe')).toBeInTheDocument();

    expect(await screen.findByRole('status')).toHaveTextContent('Reply logged: Jane Doe');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await tab(/Overdue 1/)).toBeInTheDocument();
    expect(await tab(/Replied 0/)).toBeInTheDocument();
    expect(await outcomesOf(env.db, jane)).toEqual([]);
    expect((await getProspect(env.db, jane))?.status).toBe('active');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  test('Log no says when the next touch is', async () => {
    const { bob } = await seedDesk(env.db);
    const user = renderPanel({ section: 'today' });
    await user.click(within(await list('Due today')).getByRole('button', { name: /Log no/ }));
    const toast = await screen.findByRole('status');
    // Default: the next touch is at least 7 days after a no, Monday 2026-03-09.
    const expected = new Intl.DateTimeFormat(navigator.language, {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
    }).format(new Date(2026, 2, 9));
    expect(toast).toHaveTextContent(`No 1 of 5: next touch ${expected}`);
    expect((await getProspect(env.db, bob))?.nextDueDay).toBe('2026-03-09');
  });

  test('Won and Lost close the lead into Closed', async () => {
    await seedDesk(env.db);
    const user = renderPanel({ section: 'today' });
    await user.click(within(await list('Due today')).getByRole('button', { name: /Lost/ }));
    expect(await tab(/Closed 1/)).toBeInTheDocument();
    await openSection(user, /Upcoming/);
    await user.click(within(await list('Upcoming')).getByRole('button', { name: /Won/ }));
    expect(await tab(/Closed 2/)).toBeInTheDocument();
    await openSection(user, /Closed/);
    const closed = await list('Closed');
    expect(within(closed).getByText('Won', { selector: '.status' })).toBeInTheDocument();
    expect(within(closed).getByText('Lost', { selector: '.status' })).toBeInTheDocument();
  });

  test('snooze until tomorrow moves a due prospect to Upcoming', async () => {
    const { bob } = await seedDesk(env.db);
    const user = renderPanel({ section: 'today' });
    await user.click(within(await list('Due today')).getByRole('button', { name: /Snooze/ }));
    await user.click(
      within(screen.getByRole('group', { name: 'Snooze Bob Stone' })).getByRole('button', {
        name: 'Tomorrow (Tue)',
      }),
    );
    expect(await tab(/Due today 0/)).toBeInTheDocument();
    expect(await tab(/Upcoming 2/)).toBeInTheDocument();
    const outcomes = await outcomesOf(env.db, bob);
    expect(outcomes).toMatchObject([{ kind: 'snooze', until: '2026-03-03' }]);
    expect((await getProspect(env.db, bob))?.nextDueDay).toBe('2026-03-03');
  });

  test('a touch logged by hand is stored and moves the cadence on', async () => {
    const { bob } = await seedDesk(env.db);
    const user = renderPanel({ section: 'today' });
    await user.click(within(await list('Due today')).getByRole('button', { name: /Log touch/ }));
    const form = screen.getByRole('form', { name: 'Log a touch for Bob Stone' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Channel' }), 'call');
    await user.type(within(form).getByRole('textbox', { name: 'Summary' }), 'Left a voicemail');
    await user.click(within(form).getByRole('button', { name: 'Log' }));

    await waitFor(async () =>
      expect(await touchesOf(env.db, bob)).toMatchObject([
        { channel: 'call', summary: 'Left a voicemail', source: 'manual', direction: 'out' },
      ]),
    );
    expect(await tab(/Due today 0/)).toBeInTheDocument();
    expect((await getProspect(env.db, bob))?.nextStep).toBe(2);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect(await touchesOf(env.db, bob)).toEqual([]));
    expect(await tab(/Due today 1/)).toBeInTheDocument();
  });

  test('keyboard: j/k and arrows move between prospects, r logs a reply for the focused one', async () => {
    for (const name of ['Ann One', 'Ben Two', 'Cid Three']) {
      await addProspect(
        env.db,
        { name, emails: [`${name.split(' ')[0]}@k.test`] },
        { now: MONDAY },
      );
    }
    const user = renderPanel();
    const today = await list('Due today');
    const rows = within(today).getAllByRole('listitem');
    expect(rows[0]).toHaveAttribute('tabindex', '0');
    rows[0]!.focus();
    await user.keyboard('j');
    expect(rows[1]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(rows[2]).toHaveFocus();
    await user.keyboard('k');
    expect(rows[1]).toHaveFocus();
    const focusedName = within(rows[1]!).getAllByRole('button')[0]!.textContent!;
    await user.keyboard('r');
    expect(await tab(/Replied 1/)).toBeInTheDocument();
    const replied = await env.db.prospects.where('status').equals('replied').toArray();
    expect(replied.map((p) => p.name)).toEqual([focusedName]);
    // Enter opens the prospect's page.
    const remaining = within(await list('Due today')).getAllByRole('listitem');
    remaining[0]!.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 2 })).toHaveTextContent(
      within(remaining[0]!).getAllByRole('button')[0]!.textContent!,
    );
  });

  test('an action that fails says why and changes nothing', async () => {
    const { bob } = await seedDesk(env.db);
    const user = renderPanel({ section: 'today' });
    const row = within(await list('Due today'))
      .getByText('Bob Stone')
      .closest('li')!;
    // Someone else removed Bob in another context a moment ago.
    await act(async () => {
      await env.db.prospects.delete(bob);
    });
    await user.click(within(row).getByRole('button', { name: /Log reply/ })).catch(() => undefined);
    await waitFor(() => {
      const alert = screen.queryByRole('alert');
      if (!alert) {
        // The row vanished before the click landed: nothing was clicked, nothing written.
        expect(screen.queryByText('Bob Stone')).toBeNull();
      } else {
        expect(alert).toHaveTextContent(`Unknown prospect ${bob}`);
      }
    });
    expect(await env.db.outcomes.count()).toBe(0);
  });
});

describe('a prospect', () => {
  test('is added by hand, edited, and the edit undone', async () => {
    const user = renderPanel();
    await user.click(await screen.findByRole('button', { name: '+ Add' }));
    const add = await screen.findByRole('dialog', { name: 'Add a prospect' });
    await user.type(within(add).getByRole('textbox', { name: 'Name' }), 'Dana Scully');
    await user.type(within(add).getByRole('textbox', { name: 'Email addresses' }), 'dana@fbi.gov');
    await user.click(within(add).getByRole('button', { name: 'Add' }));

    expect(
      await screen.findByRole('heading', { level: 2, name: 'Dana Scully' }),
    ).toBeInTheDocument();
    const [dana] = await env.db.prospects.toArray();
    expect(dana).toMatchObject({
      name: 'Dana Scully',
      emails: ['dana@fbi.gov'],
      nextDueDay: '2026-03-02',
    });

    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const edit = await screen.findByRole('dialog', { name: 'Edit Dana Scully' });
    const name = within(edit).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Agent Scully');
    await user.type(within(edit).getByRole('textbox', { name: 'Tags' }), 'x-files');
    await user.click(within(edit).getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Agent Scully' }),
    ).toBeInTheDocument();
    expect(await getProspect(env.db, dana!.id)).toMatchObject({
      name: 'Agent Scully',
      tags: ['x-files'],
    });

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Dana Scully' }),
    ).toBeInTheDocument();
    expect(await getProspect(env.db, dana!.id)).toMatchObject({ name: 'Dana Scully', tags: [] });
  });

  test('an edit that takes someone else’s address is refused with a clear error', async () => {
    const { bob } = await seedDesk(env.db);
    usePanelStore.getState().openProspect(bob);
    const user = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const edit = await screen.findByRole('dialog', { name: 'Edit Bob Stone' });
    const emails = within(edit).getByRole('textbox', { name: 'Email addresses' });
    await user.clear(emails);
    await user.type(emails, 'jane@acme.com');
    await user.click(within(edit).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'jane@acme.com already belongs to Jane Doe: merge them instead',
    );
    expect((await getProspect(env.db, bob))?.emails).toEqual(['bob@quarry.io']);
  });

  test('merging the LinkedIn record into the email record joins identities and history', async () => {
    const jane = await seedWithSends(env.db, {
      name: 'Jane Doe',
      email: 'jane@acme.com',
      sends: [local(2026, 2, 23)],
    });
    const { prospectId: linkedIn } = await addProspect(
      env.db,
      { name: 'Jane D.', linkedinIds: ['jane-doe-42'] },
      { now: MONDAY },
    );
    await env.db.touches.add({
      id: 'li-touch',
      prospectId: linkedIn,
      channel: 'linkedin',
      direction: 'out',
      at: local(2026, 2, 26),
      day: '2026-02-26',
      summary: 'Connection note',
      source: 'detected',
      confirmed: true,
      dedupeKey: `linkedin:msg-1:${linkedIn}`,
    });
    usePanelStore.getState().openProspect(jane);
    const user = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Merge…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge into Jane Doe' });
    await user.click(await within(dialog).findByRole('button', { name: 'Merge Jane D.' }));

    await waitFor(async () => expect(await getProspect(env.db, linkedIn)).toBeUndefined());
    const merged = await getProspect(env.db, jane);
    expect(merged).toMatchObject({
      emails: ['jane@acme.com'],
      linkedinIds: ['jane-doe-42'],
      touchCount: 2,
    });
    expect((await touchesOf(env.db, jane)).map((t) => t.channel)).toEqual(['email', 'linkedin']);
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    await waitFor(() => expect(within(timeline).getAllByRole('listitem')).toHaveLength(2));

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect(await getProspect(env.db, linkedIn)).toBeDefined());
    expect((await touchesOf(env.db, linkedIn)).map((t) => t.id)).toEqual(['li-touch']);
    expect((await getProspect(env.db, jane))?.linkedinIds).toEqual([]);
  });

  test('not a prospect removes them from the lists and ignores their address; undo restores', async () => {
    const { jane } = await seedDesk(env.db);
    usePanelStore.getState().openProspect(jane);
    const user = renderPanel();
    expect(await screen.findByRole('list', { name: 'Timeline' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Not a prospect' }));
    await waitFor(async () =>
      expect((await getProspect(env.db, jane))?.status).toBe('not-prospect'),
    );
    expect(await touchesOf(env.db, jane)).toEqual([]);
    expect((await env.db.settings.get('user'))?.ignoreList).toContain('jane@acme.com');

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await getProspect(env.db, jane))?.status).toBe('active'));
    expect(await touchesOf(env.db, jane)).toHaveLength(3);
    expect((await env.db.settings.get('user'))?.ignoreList ?? []).not.toContain('jane@acme.com');
  });

  test('the page shows the timeline across channels and the cadence ahead', async () => {
    const { jane } = await seedDesk(env.db);
    usePanelStore.getState().openProspect(jane);
    renderPanel();
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const entries = within(timeline).getAllByRole('listitem');
    expect(entries).toHaveLength(3);
    // Newest first.
    expect(entries[0]).toHaveTextContent('Email: Note 3 to Jane Doe');
    expect(within(entries[0]!).getByRole('link')).toHaveAttribute(
      'href',
      'https://mail.google.com/mail/u/0/#sent/2',
    );
    const ahead = screen.getByRole('list', { name: 'Cadence ahead' });
    // Steps 4 to 9 remain.
    expect(within(ahead).getAllByRole('listitem')).toHaveLength(6);
    expect(within(ahead).getAllByRole('listitem')[0]).toHaveTextContent('Touch 4: Email, LinkedIn');
  });

  test('the suggested angle is never the last one used, fills the name, and links to Gmail', async () => {
    const { jane } = await seedDesk(env.db);
    await env.db.prospects.update(jane, { lastAngleId: 'business-value' });
    const user = renderPanel();
    await openSection(user, /Overdue/);
    const row = within(await list('Overdue'));
    const angle = row.getByRole('button', { name: /^Angle: / });
    expect(angle.textContent).not.toBe('Angle: Business value');
    await user.click(angle);
    const message = await row.findByLabelText('Suggested message');
    expect(message).toHaveTextContent(/Hi Jane,/);
    expect(row.getByRole('link', { name: 'Open in Gmail' })).toHaveAttribute(
      'href',
      'https://mail.google.com/mail/u/0/#sent/2',
    );
    // The draft's blanks and the unset {myName} are marked in it, and Copy says so first.
    const marked = Array.from(message.querySelectorAll('mark')).map((mark) => mark.textContent);
    expect(marked).toContain('{myName}');
    expect(marked.some((text) => /^\[.+\]$/.test(text ?? ''))).toBe(true);
    await navigator.clipboard.writeText('before');
    await user.click(row.getByRole('button', { name: 'Copy' }));
    expect(await row.findByRole('alert')).toHaveTextContent(
      /Not copied: \d+ parts are still to fill/,
    );
    expect(await navigator.clipboard.readText()).toBe('before');
    await user.click(row.getByRole('button', { name: 'Copy anyway' }));
    expect(await navigator.clipboard.readText()).toBe(message.textContent);
  });

  test('a draft with {FirstName} fills it, signs with the rep’s name, and copies at once when nothing is left', async () => {
    const { jane } = await seedDesk(env.db);
    await env.db.settings.put({
      ...(await import('../../lib/db/queries').then((q) => q.getSettings(env.db))),
      id: 'user',
      myName: 'Sam Rivera',
      customAngles: [
        {
          id: 'custom-plain',
          label: 'Plain',
          prompt: 'Say hello.',
          template: 'Hi {FirstName} at {COMPANY},\n\n{myName}',
          channels: ['email', 'linkedin'],
        },
      ],
      disabledAngles: [
        'business-value',
        'insight',
        'priorities-question',
        'case-study',
        'educate',
        'news',
        'resource',
        'introduction',
        'event-invite',
        'congratulate',
      ],
    });
    const user = renderPanel();
    const row = within((await list('Overdue')).querySelector(`[data-prospect-id="${jane}"]`)!);
    await user.click(row.getByRole('button', { name: 'Angle: Plain' }));
    const message = await row.findByLabelText('Suggested message');
    expect(message.textContent).toBe('Hi Jane at Acme,\n\nSam Rivera');
    expect(message.querySelectorAll('mark')).toHaveLength(0);
    await user.click(row.getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('Hi Jane at Acme,\n\nSam Rivera');
    expect(row.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });
});

describe('the open LinkedIn profile', () => {
  test('shows where that person stands, and follows the tab', async () => {
    const { prospectId } = await addProspect(
      env.db,
      { name: 'Lin Kedin', linkedinIds: ['lin-kedin-9'] },
      { now: MONDAY },
    );
    let emit: (url: string | undefined) => void = () => undefined;
    const watch = (onUrl: (url: string | undefined) => void) => {
      emit = onUrl;
      onUrl('https://www.linkedin.com/in/lin-kedin-9/');
      return () => undefined;
    };
    const user = userEvent.setup();
    render(
      <EnvProvider env={env}>
        <Panel watchActiveTab={watch} />
      </EnvProvider>,
    );
    const status = await screen.findByRole('complementary', { name: 'Open LinkedIn profile' });
    expect(status).toHaveTextContent(
      'On LinkedIn now: Lin Kedin · Active · touch 1 of 9 · due today',
    );
    act(() => emit('https://www.linkedin.com/in/someone-else/'));
    expect(
      await screen.findByText('On LinkedIn now: someone-else is not a prospect yet.'),
    ).toBeInTheDocument();
    act(() => emit('https://mail.google.com/mail/u/0/#inbox'));
    await waitFor(() =>
      expect(screen.queryByRole('complementary', { name: 'Open LinkedIn profile' })).toBeNull(),
    );
    act(() => emit('https://www.linkedin.com/in/lin-kedin-9/'));
    await user.click(await screen.findByRole('button', { name: 'Lin Kedin' }));
    expect(usePanelStore.getState().selectedProspectId).toBe(prospectId);
  });
});

describe('opened on a prospect', () => {
  test('shows the prospect it is asked to focus, on load and again while open', async () => {
    const { jane, bob } = await seedDesk(env.db);
    let focus: ((prospectId: string) => void) | undefined;
    let unsubscribed = false;
    const watchFocus = (onProspect: (prospectId: string) => void) => {
      focus = onProspect;
      onProspect(jane);
      return () => {
        unsubscribed = true;
      };
    };
    const { unmount } = render(
      <EnvProvider env={env}>
        <Panel watchFocus={watchFocus} />
      </EnvProvider>,
    );

    expect(await screen.findByRole('heading', { level: 2, name: 'Jane Doe' })).toBeInTheDocument();
    act(() => focus?.(bob));
    expect(await screen.findByRole('heading', { level: 2, name: 'Bob Stone' })).toBeInTheDocument();
    unmount();
    expect(unsubscribed).toBe(true);
  });
});
