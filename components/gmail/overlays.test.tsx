import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { findLazyLines } from '../../lib/angles/lazy-lines';
import type { ProspectSummary } from '../../lib/messages';
import { ComposeCoach } from './ComposeCoach';
import { DueCount } from './DueCount';
import { RowNudge } from './RowNudge';
import { ThreadBar, type ThreadBarProps } from './ThreadBar';

const TODAY = '2026-11-23';

function prospect(overrides: Partial<ProspectSummary> = {}): ProspectSummary {
  return {
    id: 'p1',
    name: 'Jane Doe',
    company: 'Acme',
    status: 'active',
    emails: ['jane@acme.example'],
    linkedinIds: [],
    nextDueDay: TODAY,
    nextChannels: ['email'],
    nextStep: 4,
    totalSteps: 9,
    touchCount: 3,
    noCount: 2,
    reason: '',
    ...overrides,
  };
}

const HOSTILE = '<img src=x onerror=alert(1)>\u202Egnp.exe javascript:alert(1) 😀';

function bar(overrides: Partial<ThreadBarProps> = {}) {
  const calls: string[] = [];
  const props: ThreadBarProps = {
    prospect: prospect(),
    today: TODAY,
    angle: { label: 'Business value', prompt: 'Restate the outcome in their numbers.' },
    onLogReply: () => calls.push('reply'),
    onLogNo: () => calls.push('no'),
    onSnooze: (until) => calls.push(`snooze:${until}`),
    onOpenPanel: () => calls.push('panel'),
    onUndoReply: (id) => calls.push(`undo:${id}`),
    onNotAProspect: () => calls.push('not-a-prospect'),
    ...overrides,
  };
  return { calls, ...render(<ThreadBar {...props} />) };
}

describe('ThreadBar', () => {
  it('says touch N of the cadence, the nos, the due state and the angle', () => {
    bar();
    const region = screen.getByRole('region', { name: /follow-up status/ });
    expect(region).toHaveTextContent('Jane Doe');
    expect(region).toHaveTextContent('Touch 4 of 9');
    expect(region).toHaveTextContent('2 nos');
    expect(region).toHaveTextContent('due today');
    expect(region).toHaveTextContent(
      'Angle: Business value — Restate the outcome in their numbers.',
    );
  });

  it('says overdue for a day in the past', () => {
    bar({ prospect: prospect({ nextDueDay: '2026-11-20' }) });
    expect(screen.getByText(/^overdue since/)).toBeInTheDocument();
  });

  it('each button calls its action', async () => {
    const user = userEvent.setup();
    const { calls } = bar();
    await user.click(screen.getByRole('button', { name: 'Log reply' }));
    await user.click(screen.getByRole('button', { name: 'Log no' }));
    await user.click(screen.getByRole('button', { name: 'Side panel' }));
    await user.click(screen.getByRole('button', { name: 'Not a prospect' }));
    expect(calls).toEqual(['reply', 'no', 'panel', 'not-a-prospect']);
  });

  it('Snooze offers the side panel’s choices in a small menu, and snoozes to the one picked', async () => {
    const user = userEvent.setup();
    const { calls } = bar();
    expect(screen.queryByRole('group', { name: 'Snooze until' })).toBeNull();
    const snooze = screen.getByRole('button', { name: 'Snooze' });
    expect(snooze).toHaveAttribute('aria-expanded', 'false');
    await user.click(snooze);
    expect(snooze).toHaveAttribute('aria-expanded', 'true');
    const menu = screen.getByRole('group', { name: 'Snooze until' });
    // 2026-11-23 is a Monday: next week is the Monday after.
    expect(
      Array.from(menu.querySelectorAll('button')).map((b) => [b.textContent, b.title]),
    ).toEqual([
      ['Tomorrow (Tue)', 'Tue, Nov 24'],
      ['In 3 days (Thu)', 'Thu, Nov 26'],
      ['Next week (Mon)', 'Mon, Nov 30'],
    ]);
    await user.click(screen.getByRole('button', { name: 'In 3 days (Thu)' }));
    expect(calls).toEqual(['snooze:2026-11-26']);
    expect(screen.queryByRole('group', { name: 'Snooze until' })).toBeNull();
    // Pressing Snooze again without choosing closes the menu and snoozes nothing.
    await user.click(snooze);
    await user.click(snooze);
    expect(screen.queryByRole('group', { name: 'Snooze until' })).toBeNull();
    expect(calls).toEqual(['snooze:2026-11-26']);
  });

  it('a bounce says which address was flagged, or that a collapsed report needs opening', () => {
    const { unmount } = bar({ replyNotice: { kind: 'bounce', email: 'jane@acme.example' } });
    expect(screen.getByRole('status')).toHaveTextContent(
      'Delivery failed to jane@acme.example: marked undeliverable.',
    );
    unmount();
    bar({ replyNotice: { kind: 'bounce', email: null } });
    expect(screen.getByRole('status')).toHaveTextContent('A delivery failure in this thread');
  });

  it('after marking replied offers Undo of that outcome', async () => {
    const user = userEvent.setup();
    const { calls } = bar({ replyNotice: { kind: 'marked', outcomeId: 'o-7' } });
    expect(screen.getByRole('status')).toHaveTextContent('Marked replied.');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(calls).toEqual(['undo:o-7']);
  });

  it("beside Gmail's own nudge it stays one slim line with only what Gmail cannot say", () => {
    const { container } = bar({ gmailNudge: true });
    const region = screen.getByRole('region');
    expect(region.className).toContain('ft-slim');
    expect(region).toHaveTextContent('Touch 4 of 9');
    expect(region).toHaveTextContent('2 nos');
    expect(region).toHaveTextContent('Angle: Business value');
    expect(region).not.toHaveTextContent('Jane Doe');
    expect(region).not.toHaveTextContent('due today');
    expect(container.textContent).not.toContain('Restate the outcome');
  });

  it('an auto-reply or a bounce is said, never counted', () => {
    bar({ replyNotice: { kind: 'auto-reply' } });
    expect(screen.getByRole('status')).toHaveTextContent('Auto-reply only');
  });

  it('shows hostile names as text, never as markup', () => {
    const { container } = bar({ prospect: prospect({ name: HOSTILE }) });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('a')).toBeNull();
    expect(screen.getByTitle(HOSTILE)).toHaveTextContent(HOSTILE);
  });

  it('a replied prospect shows no cadence actions', () => {
    bar({ prospect: prospect({ status: 'replied' }) });
    expect(screen.queryByRole('button', { name: 'Log reply' })).toBeNull();
    expect(screen.getByText('replied')).toBeInTheDocument();
  });
});

describe('ComposeCoach', () => {
  it("shows each prospect's touch count and due state, and the lazy-line warning with an angle", () => {
    render(
      <ComposeCoach
        prospects={[prospect()]}
        today={TODAY}
        lazyLines={findLazyLines('Hi Jane, just checking in on this.')}
        angle={{ label: 'Case study', prompt: 'Share a result a peer got.' }}
        tracking
        onToggleTracking={() => undefined}
      />,
    );
    const region = screen.getByRole('region', { name: /compose coach/ });
    expect(region).toHaveTextContent('Jane Doe: Touch 4 of 9, 3 sent, due today');
    expect(screen.getByRole('status')).toHaveTextContent(/just checking in.*gives them nothing/i);
    expect(screen.getByRole('status')).toHaveTextContent('Try instead: Case study');
  });

  it('the track switch reports its new state', async () => {
    const user = userEvent.setup();
    const seen: boolean[] = [];
    render(
      <ComposeCoach
        prospects={[]}
        today={TODAY}
        lazyLines={[]}
        tracking
        onToggleTracking={(next) => seen.push(next)}
      />,
    );
    await user.click(screen.getByRole('checkbox', { name: /Track this email/ }));
    expect(seen).toEqual([false]);
  });

  it('shows hostile names as text', () => {
    const { container } = render(
      <ComposeCoach
        prospects={[prospect({ name: HOSTILE })]}
        today={TODAY}
        lazyLines={[]}
        tracking
        onToggleTracking={() => undefined}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container).toHaveTextContent(HOSTILE);
  });
});

describe('DueCount', () => {
  it('says how many are due and opens the panel', async () => {
    const user = userEvent.setup();
    let opened = 0;
    render(<DueCount count={{ due: 3, overdue: 1 }} onOpen={() => opened++} />);
    await user.click(screen.getByRole('button', { name: /3 follow-ups due \(1 overdue\)/ }));
    expect(opened).toBe(1);
  });

  it('shows nothing when nothing is due', () => {
    const { container } = render(
      <DueCount count={{ due: 0, overdue: 0 }} onOpen={() => undefined} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});

describe("RowNudge, beside Gmail's own nudge in a list row", () => {
  const angle = { label: 'Business value', prompt: 'Restate the outcome in their numbers.' };

  it('carries only what Gmail cannot say: touch N of the cadence, the nos, the angle', () => {
    render(<RowNudge prospect={prospect()} angle={angle} />);
    const note = screen.getByRole('note', { name: /where this prospect stands/ });
    expect(note).toHaveTextContent('Touch 4 of 9');
    expect(note).toHaveTextContent('2 nos');
    expect(note).toHaveTextContent('Angle: Business value');
    expect(note.className).toContain('ft-row');
  });

  it('never repeats Gmail: no second "follow up", no due state, no name, no prompt, no buttons', () => {
    const { container } = render(
      <RowNudge prospect={prospect({ nextDueDay: '2026-11-20' })} angle={angle} />,
    );
    const text = container.textContent ?? '';
    expect(text).not.toMatch(/follow up|overdue|due today|next on/i);
    expect(text).not.toContain('Jane Doe');
    expect(text).not.toContain('Restate the outcome');
    expect(container.querySelectorAll('button')).toHaveLength(0);
    // One line: the angle's prompt is only a tooltip.
    expect(screen.getByText('Angle: Business value')).toHaveAttribute('title', angle.prompt);
  });

  it('no angle for a prospect who is not in the cadence; page text stays text', () => {
    const { container } = render(
      <RowNudge
        prospect={prospect({ status: 'replied', name: HOSTILE, noCount: 0 })}
        angle={angle}
      />,
    );
    expect(container.textContent).not.toContain('Angle');
    expect(container.querySelector('img')).toBeNull();
  });
});
