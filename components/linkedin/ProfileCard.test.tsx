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
    const track = vi.fn(() => Promise.resolve());
    const { container } = render(
      <ProfileCard
        summary={undefined}
        profileName={HOSTILE}
        today={TODAY}
        settings={DEFAULT_SETTINGS}
        actions={handlers()}
        track={track}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: `Track ${HOSTILE} as a prospect` }));
    expect(track).toHaveBeenCalledOnce();
    expect(container.querySelector('img')).toBeNull();
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
