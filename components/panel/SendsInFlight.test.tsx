import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { listUnconfirmedSends } from '../../lib/db/sends';
import { recordSend } from '../../lib/db/writes';
import type { DetectedSend } from '../../lib/model';
import { expectNoAxeViolations } from '../../tests/a11y';
import { EnvProvider, type PageEnv } from '../env';
import { usePanelStore } from '../store';
import { MONDAY, openPanelEnv, closePanelEnv } from '../../tests/helpers/seed';
import { SendsInFlight } from './SendsInFlight';

// Live queries re-run after each write; on a busy machine that can take more than a second.
configure({ asyncUtilTimeout: 5000 });

let env: PageEnv;
beforeEach(() => {
  env = openPanelEnv();
});
afterEach(() => closePanelEnv(env));

function renderIt() {
  const user = userEvent.setup();
  render(
    <EnvProvider env={env}>
      <SendsInFlight />
    </EnvProvider>,
  );
  return user;
}

function send(sendKey: string, email: string, name: string, subject: string): DetectedSend {
  return {
    channel: 'email',
    at: MONDAY,
    sendKey,
    summary: subject,
    confirmed: true,
    recipients: [{ email, name, role: 'to' }],
  };
}

describe('sends in flight', () => {
  test('show nothing when nothing is in flight', async () => {
    const { container } = render(
      <EnvProvider env={env}>
        <SendsInFlight />
      </EnvProvider>,
    );
    // Give the live queries their first answer.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(container).toBeEmptyDOMElement();
  });

  test('a send in its undo window is listed as sending, with whom it reached, until it settles', async () => {
    const held = send('gmail:msg-a:r1', 'jane@acme.com', 'Jane Doe', 'Renewal numbers');
    await recordSend(env.db, { ...held, sendingUntil: MONDAY + 35_000 }, { now: MONDAY });
    renderIt();
    const region = await screen.findByRole('region', { name: 'Sending' });
    expect(within(region).getByRole('button', { name: 'Jane Doe' })).toBeInTheDocument();
    expect(region).toHaveTextContent('Renewal numbers');
    expect(region).toHaveTextContent(/Gmail can still undo it/);
    await expectNoAxeViolations();

    await userEvent.setup().click(within(region).getByRole('button', { name: 'Jane Doe' }));
    expect(usePanelStore.getState().selectedProspectId).toBeDefined();

    await recordSend(env.db, held, { now: MONDAY });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Sending' })).toBeNull());
  });

  test('unconfirmed sends offer Keep and Discard; Keep makes a touch, Discard forgets', async () => {
    await recordSend(
      env.db,
      { ...send('gmail:msg-a:r1', 'jane@acme.com', 'Jane Doe', 'Renewal'), overLimit: 'rate' },
      { now: MONDAY },
    );
    await recordSend(
      env.db,
      {
        ...send('gmail:msg-a:r2', 'omar@globex.com', 'Omar Haddad', 'Intro'),
        overLimit: 'page-cap',
      },
      { now: MONDAY },
    );
    const user = renderIt();
    const region = await screen.findByRole('region', { name: 'Unconfirmed sends' });
    expect(within(region).getAllByRole('listitem')).toHaveLength(2);
    expect(region).toHaveTextContent(/Gmail to Jane Doe · Renewal/);
    expect(region).toHaveTextContent(/Why: more sends than one page may make/);
    await expectNoAxeViolations();

    await user.click(
      within(within(region).getByRole('group', { name: 'Unconfirmed send to Jane Doe' })).getByRole(
        'button',
        { name: 'Keep' },
      ),
    );
    await waitFor(async () => expect(await env.db.touches.count()).toBe(1));
    expect((await env.db.prospects.toArray()).map((p) => p.name)).toEqual(['Jane Doe']);
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(1));

    await user.click(
      within(
        within(region).getByRole('group', { name: 'Unconfirmed send to Omar Haddad' }),
      ).getByRole('button', { name: 'Discard' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Unconfirmed sends' })).toBeNull(),
    );
    expect(await listUnconfirmedSends(env.db)).toEqual([]);
    expect(await env.db.touches.count()).toBe(1);
  });

  test('a flood is discarded in one click', async () => {
    for (let i = 0; i < 3; i++) {
      await recordSend(
        env.db,
        {
          ...send(`gmail:msg-a:r${i}`, `forged${i}@spam.example`, `Forged ${i}`, 'x'),
          overLimit: 'rate',
        },
        { now: MONDAY },
      );
    }
    const user = renderIt();
    const region = await screen.findByRole('region', { name: 'Unconfirmed sends' });
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(3));
    await user.click(within(region).getByRole('button', { name: 'Discard all 3' }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Unconfirmed sends' })).toBeNull(),
    );
    expect(await env.db.prospects.count()).toBe(0);
  });
});
