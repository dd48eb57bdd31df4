import { act, configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addProspect, recordSend } from '../../lib/db/writes';
import { EnvProvider, type PageEnv } from '../env';
import { usePanelStore } from '../store';
import { MONDAY, openPanelEnv, closePanelEnv } from '../../tests/helpers/seed';
import { OpenTabStatus, type ActiveTabWatcher } from './OpenTabStatus';

// Live queries re-run after each write; on a busy machine that can take more than a second.
configure({ asyncUtilTimeout: 5000 });

const ROWAN = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';
const TARIQ = 'ACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas';
const THREAD = '2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==';
const GROUP = '2-NWIwZDJmNGUtOGMxYS00ZjdlLTlkM2ItMmE2YzhlMWYwYjdkXzEwMA==';
const UNKNOWN = '2-N2U2ZDVjNGItM2EyOS00ODE3LTk2YTUtYjRjM2QyZTFmMGE5XzEwMA==';
const threadUrl = (id: string) => `https://www.linkedin.com/messaging/thread/${id}/`;

let env: PageEnv;
beforeEach(() => {
  env = openPanelEnv();
});
afterEach(() => closePanelEnv(env));

/** A LinkedIn message in a conversation, recorded as the content script would hand it over. */
function sendInConversation(
  conversationId: string,
  recipients: { linkedinId: string; name: string }[],
  sendKey: string,
) {
  return recordSend(
    env.db,
    {
      channel: 'linkedin',
      at: MONDAY,
      sendKey,
      summary: 'LinkedIn message',
      link: threadUrl(conversationId),
      threadId: conversationId,
      confirmed: true,
      recipients,
    },
    { now: MONDAY },
  );
}

/** Renders the status with a tab whose URL (and what it could not read) the test changes. */
function renderWithTab(url: string | undefined, unreadable?: 'profile' | 'conversation') {
  let emit: (next: string | undefined, page?: 'profile' | 'conversation') => void = () => undefined;
  const watch: ActiveTabWatcher = (onUrl) => {
    emit = onUrl;
    onUrl(url, unreadable);
    return () => undefined;
  };
  const user = userEvent.setup();
  render(
    <EnvProvider env={env}>
      <OpenTabStatus watchActiveTab={watch} />
    </EnvProvider>,
  );
  return {
    user,
    goTo: (next: string | undefined, page?: 'profile' | 'conversation') =>
      act(() => emit(next, page)),
  };
}

const conversationStatus = () =>
  screen.findByRole('complementary', { name: 'Open LinkedIn conversation' });

describe('the open LinkedIn conversation', () => {
  test('shows where the person it was sent to stands, and opens them on a click', async () => {
    const { touches } = await sendInConversation(
      THREAD,
      [{ linkedinId: TARIQ, name: 'Tariq Noor' }],
      'linkedin:message:m1',
    );
    const { user } = renderWithTab(threadUrl(THREAD));
    expect(await conversationStatus()).toHaveTextContent(
      'On LinkedIn now: Tariq Noor · Active · touch 2 of 9 · due tomorrow',
    );
    await user.click(screen.getByRole('button', { name: 'Tariq Noor' }));
    expect(usePanelStore.getState().selectedProspectId).toBe(touches[0]!.prospectId);
  });

  test('a conversation with no recorded touch gets a short neutral line, and fills in once a message is sent', async () => {
    renderWithTab(`https://www.linkedin.com/messaging/thread/${UNKNOWN.replace(/=/g, '%3D')}/`);
    expect(await conversationStatus()).toHaveTextContent(
      'On LinkedIn now: no prospect in this conversation yet.',
    );
    await sendInConversation(UNKNOWN, [{ linkedinId: ROWAN, name: 'Rowan Chase' }], 'k-rowan');
    await waitFor(async () =>
      expect(await conversationStatus()).toHaveTextContent(
        'On LinkedIn now: Rowan Chase · Active · touch 2 of 9',
      ),
    );
  });

  test('a group conversation shows each prospect in it once', async () => {
    await sendInConversation(
      GROUP,
      [
        { linkedinId: TARIQ, name: 'Tariq Noor' },
        { linkedinId: ROWAN, name: 'Rowan Chase' },
      ],
      'k-group-1',
    );
    await sendInConversation(GROUP, [{ linkedinId: TARIQ, name: 'Tariq Noor' }], 'k-group-2');
    renderWithTab(threadUrl(GROUP));
    const status = await conversationStatus();
    // One send to both, then one more to Tariq: each is listed once (in no set order: same instant).
    await waitFor(() => expect(status.querySelectorAll('button')).toHaveLength(2));
    expect([...status.querySelectorAll('button')].map((b) => b.textContent).sort()).toEqual([
      'Rowan Chase',
      'Tariq Noor',
    ]);
    expect(status).toHaveTextContent('Tariq Noor · Active · touch 2 of 9');
    expect(status).toHaveTextContent('Rowan Chase · Active · touch 2 of 9');
  });

  test('a new message to a tracked person (the profile’s Message button) shows that person', async () => {
    await addProspect(env.db, { name: 'Rowan Chase', linkedinIds: [ROWAN] }, { now: MONDAY });
    renderWithTab(
      `https://www.linkedin.com/messaging/thread/new?recipients=List(urn%3Ali%3Afsd_profile%3A${ROWAN})&controlUrn=browsemap_compose_message_button`,
    );
    expect(await conversationStatus()).toHaveTextContent(
      'On LinkedIn now: Rowan Chase · Active · touch 1 of 9 · due today',
    );
  });

  test('follows the tab between a conversation, a profile and pages about no one', async () => {
    await sendInConversation(THREAD, [{ linkedinId: TARIQ, name: 'Tariq Noor' }], 'k-tariq');
    const { goTo } = renderWithTab('https://www.linkedin.com/feed/');
    goTo(threadUrl(THREAD));
    expect(await conversationStatus()).toHaveTextContent('Tariq Noor');
    goTo(`https://www.linkedin.com/in/${TARIQ}/`);
    expect(
      await screen.findByRole('complementary', { name: 'Open LinkedIn profile' }),
    ).toHaveTextContent('On LinkedIn now: Tariq Noor · Active');
    expect(screen.queryByRole('complementary', { name: 'Open LinkedIn conversation' })).toBeNull();
    goTo('https://www.linkedin.com/messaging/');
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());
    goTo(undefined);
    goTo(threadUrl(THREAD));
    expect(await conversationStatus()).toHaveTextContent('Tariq Noor');
    goTo('https://mail.google.com/mail/u/0/#inbox');
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());
  });
});

describe('a LinkedIn page the content script could not read', () => {
  const profileStatus = () => screen.findByRole('complementary', { name: 'Open LinkedIn profile' });

  test('says so in one line for a profile, and goes once the page is read', async () => {
    const url = 'https://www.linkedin.com/in/nadia-farouk/';
    const { goTo } = renderWithTab(url, 'profile');
    expect(await profileStatus()).toHaveTextContent(
      /^On LinkedIn now: Fifth Touch can't read this profile yet\.$/,
    );
    goTo(url);
    expect(await profileStatus()).toHaveTextContent(
      'On LinkedIn now: nadia-farouk is not a prospect yet.',
    );
    expect(screen.queryByText(/can't read/)).toBeNull();
  });

  test('says so for a conversation, beside any prospect known from the URL', async () => {
    await sendInConversation(THREAD, [{ linkedinId: TARIQ, name: 'Tariq Noor' }], 'k-tariq');
    renderWithTab(threadUrl(THREAD), 'conversation');
    const status = await conversationStatus();
    expect(status).toHaveTextContent(
      "On LinkedIn now: Fifth Touch can't read this conversation yet.",
    );
    await waitFor(() => expect(status).toHaveTextContent('Tariq Noor · Active'));
  });

  test('a report about the other kind of page says nothing here', async () => {
    renderWithTab(threadUrl(UNKNOWN), 'profile');
    expect(await conversationStatus()).toHaveTextContent(
      'On LinkedIn now: no prospect in this conversation yet.',
    );
    expect(screen.queryByText(/can't read/)).toBeNull();
  });
});
