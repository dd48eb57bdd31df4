import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ProspectSummary } from '../../lib/messages';
import { expectNoAxeViolations } from '../../tests/a11y';
import { ThreadBar } from './ThreadBar';
import { TrackedNotice } from '../overlay/TrackedNotice';
import { TrackBar } from './TrackBar';

const TODAY = '2026-11-23';
const HOSTILE = '<img src=x onerror=alert(1)>\u202Egnp.exe javascript:alert(1) 😀';
const CORA = { name: 'Cora Hale', email: 'cora.hale@example.org' };

describe('TrackBar', () => {
  it('offers to track the thread’s other party by the name the thread shows, in one click', async () => {
    const onTrack = vi.fn();
    render(<TrackBar person={CORA} onTrack={onTrack} />);
    const region = screen.getByRole('region', { name: 'Fifth Touch: not tracked' });
    expect(region).toHaveTextContent('cora.hale@example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Track Cora Hale as a prospect' }));
    expect(onTrack).toHaveBeenCalledOnce();
    await expectNoAxeViolations();
  });

  it('names them by their address when the thread shows no name', () => {
    render(<TrackBar person={{ name: '', email: 'jo@acme.example' }} onTrack={vi.fn()} />);
    expect(
      screen.getByRole('button', { name: 'Track jo@acme.example as a prospect' }),
    ).toBeInTheDocument();
  });

  it('renders a hostile name as text and cannot be clicked twice while busy', async () => {
    const onTrack = vi.fn();
    const { container } = render(
      <TrackBar person={{ name: HOSTILE, email: 'x@acme.example' }} busy onTrack={onTrack} />,
    );
    expect(container.querySelector('img')).toBeNull();
    const button = screen.getByRole('button', { name: `Track ${HOSTILE} as a prospect` });
    expect(button).toBeDisabled();
    await userEvent.click(button);
    expect(onTrack).not.toHaveBeenCalled();
  });

  it('says why tracking failed, as an alert, and that an Undo took them out again', () => {
    const { rerender } = render(
      <TrackBar
        person={CORA}
        notice={{ kind: 'error', message: 'cora.hale@example.org already belongs to Cora' }}
        onTrack={vi.fn()}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'cora.hale@example.org already belongs to Cora',
    );
    rerender(<TrackBar person={CORA} notice={{ kind: 'untracked' }} onTrack={vi.fn()} />);
    expect(screen.getByRole('status')).toHaveTextContent('No longer tracked.');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the thread bar right after a track', () => {
  const fresh: ProspectSummary = {
    id: 'p1',
    name: 'Cora Hale',
    company: 'Example',
    status: 'active',
    emails: ['cora.hale@example.org'],
    linkedinIds: [],
    nextDueDay: TODAY,
    nextChannels: ['call', 'email'],
    nextStep: 1,
    totalSteps: 9,
    touchCount: 0,
    noCount: 0,
    reason: '',
  };

  it('shows where they stand, says they are tracked now, and offers the Undo', async () => {
    const onUndo = vi.fn();
    render(
      <ThreadBar
        prospect={fresh}
        today={TODAY}
        onLogReply={vi.fn()}
        onLogNo={vi.fn()}
        onSnooze={vi.fn()}
        onOpenPanel={vi.fn()}
        onUndoReply={vi.fn()}
        onNotAProspect={vi.fn()}
      >
        <TrackedNotice name="Cora Hale" onUndo={onUndo} />
      </ThreadBar>,
    );
    const region = screen.getByRole('region', { name: /follow-up status/ });
    expect(region).toHaveTextContent('Touch 1 of 9');
    expect(region).toHaveTextContent('due today');
    expect(screen.getByRole('status')).toHaveTextContent('Now tracking Cora Hale. Undo');
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(onUndo).toHaveBeenCalledOnce();
    await expectNoAxeViolations();
  });

  it('says why an Undo was refused', () => {
    render(
      <TrackedNotice
        name="Cora Hale"
        error="Cora Hale has touches or outcomes logged now: remove them in the side panel"
        onUndo={vi.fn()}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(/remove them in the side panel/);
  });
});
