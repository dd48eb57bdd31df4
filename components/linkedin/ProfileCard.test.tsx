import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import type { ProspectSummary } from '../../lib/messages';
import { ConversationBar } from './ConversationBar';
import { ProfileCard } from './ProfileCard';
import { UnreadableNotice } from './UnreadableNotice';

const HOSTILE = '<img src=x onerror="window.__pwned=1">\u202EevilName';
const TODAY = '2026-11-20';

function summary(overrides: Partial<ProspectSummary> = {}): ProspectSummary {
  return {
    id: 'p1',
    name: HOSTILE,
    company: '',
    status: 'active',
    emails: [],
    linkedinIds: ['jane-doe-42'],
    nextChannels: ['linkedin'],
    nextStep: 4,
    totalSteps: 9,
    touchCount: 3,
    noCount: 2,
    nextDueDay: TODAY,
    reason: '',
    ...overrides,
  };
}

function handlers() {
  return {
    logReply: vi.fn(() => Promise.resolve()),
    logNo: vi.fn(() => Promise.resolve()),
    snooze: vi.fn(() => Promise.resolve()),
    openSidePanel: vi.fn(() => Promise.resolve()),
    notAProspect: vi.fn(() => Promise.reject(new Error('The background did not answer'))),
  };
}

describe('the profile card', () => {
  it('shows where a tracked prospect stands, with a hostile name as text', async () => {
    const actions = handlers();
    const { container } = render(
      <ProfileCard
        summary={summary()}
        profileName={HOSTILE}
        today={TODAY}
        settings={DEFAULT_SETTINGS}
        actions={actions}
        track={vi.fn()}
        untrack={vi.fn()}
      />,
    );
    expect(screen.getByText('touch 4 of 9 · 2 nos · due today')).toBeInTheDocument();
    expect(screen.getByText(HOSTILE)).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(/^Angle:/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Log reply' }));
    expect(actions.logReply).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByRole('button', { name: 'Not a prospect' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The background did not answer');
  });

  it('offers to track someone not tracked yet', async () => {
    const track = vi.fn(() => Promise.resolve({ prospectId: 'p1' }));
    const { container } = render(
      <ProfileCard
        summary={undefined}
        profileName={HOSTILE}
        today={TODAY}
        settings={DEFAULT_SETTINGS}
        actions={handlers()}
        track={track}
        untrack={vi.fn()}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: `Track ${HOSTILE} as a prospect` }));
    expect(track).toHaveBeenCalledOnce();
    expect(container.querySelector('img')).toBeNull();
  });

  /** The card as the overlay renders it again once the store answers with `after`. */
  function trackThenShow(
    after: ProspectSummary,
    untrack: (id: string) => Promise<unknown>,
    before?: ProspectSummary,
  ) {
    const actions = handlers();
    const card = (shown: ProspectSummary | undefined) => (
      <ProfileCard
        summary={shown}
        profileName="Jane Doe"
        today={TODAY}
        settings={DEFAULT_SETTINGS}
        actions={actions}
        track={() => Promise.resolve({ prospectId: after.id })}
        untrack={untrack}
      />
    );
    const view = render(card(before));
    return { actions, view, showTracked: () => view.rerender(card(after)) };
  }

  it('says who a Track click made a prospect of, with an Undo that removes them', async () => {
    const untrack = vi.fn(() => Promise.resolve({ removed: true }));
    const jane = summary({ id: 'p7', name: 'Jane Doe', touchCount: 0, noCount: 0, nextStep: 1 });
    const { view, showTracked } = trackThenShow(jane, untrack);
    await userEvent.click(screen.getByRole('button', { name: 'Track Jane Doe as a prospect' }));
    showTracked();
    expect(await screen.findByRole('status')).toHaveTextContent('Now tracking Jane Doe.');
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(untrack).toHaveBeenCalledExactlyOnceWith('p7');
    // Gone from the store, the overlay renders the offer again.
    view.rerender(
      <ProfileCard
        summary={undefined}
        profileName="Jane Doe"
        today={TODAY}
        settings={DEFAULT_SETTINGS}
        actions={handlers()}
        track={vi.fn()}
        untrack={untrack}
      />,
    );
    expect(
      screen.getByRole('button', { name: 'Track Jane Doe as a prospect' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says why an Undo was refused, and drops the Undo once anything is logged', async () => {
    const untrack = vi.fn(() =>
      Promise.reject(
        new Error('Jane Doe has touches or outcomes logged now: remove them in the side panel'),
      ),
    );
    const jane = summary({ id: 'p7', name: 'Jane Doe' });
    const { actions, showTracked } = trackThenShow(jane, untrack);
    await userEvent.click(screen.getByRole('button', { name: 'Track Jane Doe as a prospect' }));
    showTracked();
    await userEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'has touches or outcomes logged now',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Log no' }));
    expect(actions.logNo).toHaveBeenCalledOnce();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('offers no Undo for someone marked "not a prospect" before, whom a Track brings back', async () => {
    const untrack = vi.fn();
    const before = summary({ id: 'p7', name: 'Jane Doe', status: 'not-prospect' });
    const { showTracked } = trackThenShow(summary({ id: 'p7', name: 'Jane Doe' }), untrack, before);
    await userEvent.click(screen.getByRole('button', { name: 'Track Jane Doe as a prospect' }));
    showTracked();
    expect(await screen.findByRole('button', { name: 'Log reply' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(untrack).not.toHaveBeenCalled();
  });

  it('says overdue and replied in words', () => {
    render(
      <ProfileCard
        summary={summary({ nextDueDay: '2026-11-17', noCount: 1, name: 'Jane' })}
        profileName="Jane"
        today={TODAY}
        settings={DEFAULT_SETTINGS}
        actions={handlers()}
        track={vi.fn()}
        untrack={vi.fn()}
      />,
    );
    expect(screen.getByText('touch 4 of 9 · 1 no · overdue by 3 days')).toBeInTheDocument();
  });
});

describe('the conversation bar', () => {
  it('shows the status, the reply notice with Undo and the lazy-line coach', async () => {
    const undo = vi.fn(() => Promise.resolve());
    render(
      <ConversationBar
        summary={summary({ status: 'replied', nextDueDay: undefined })}
        today={TODAY}
        replyLogged={{ undo }}
        lazyPhrases={['just checking in']}
      />,
    );
    expect(screen.getByText('touch 4 of 9 · 2 nos · replied')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(undo).toHaveBeenCalledOnce();
    expect(screen.getByRole('note')).toHaveTextContent('“just checking in” gives them no reason');
  });
});

describe('the notice on a page Fifth Touch cannot read', () => {
  it('is one line, a status, with nothing to click', () => {
    const { container, rerender } = render(<UnreadableNotice page="profile" />);
    expect(screen.getByRole('status')).toHaveTextContent(
      /^Fifth Touch can't read this profile yet$/,
    );
    expect(container.querySelectorAll('p')).toHaveLength(1);
    expect(screen.queryByRole('button')).toBeNull();
    rerender(<UnreadableNotice page="conversation" />);
    expect(screen.getByRole('status')).toHaveTextContent("can't read this conversation yet");
  });
});
