// The slim bar over a Gmail thread with a tracked prospect: where they stand in the cadence, the
// nos so far, the due state, the angle to use next, and the one-click actions. Where Gmail shows
// its own "Sent N days ago. Follow up?" nudge the bar shrinks to one line and adds only what
// Gmail's cannot know (touch N, nos, the angle).
import { useState, type ReactNode } from 'react';
import { dueState } from '../../lib/cadence/plan';
import type { LocalDay } from '../../lib/model';
import type { ProspectSummary } from '../../lib/messages';
import { formatDay } from '../format';
import { snoozeChoices } from '../overlay/snooze';
import { dueWords, nosWords, progressWords } from './words';

export type ReplyNotice =
  | { kind: 'marked'; outcomeId: string }
  | { kind: 'undone' }
  | { kind: 'auto-reply' }
  | { kind: 'bounce'; email: string | null };

export interface ThreadBarProps {
  prospect: ProspectSummary;
  today: LocalDay;
  angle?: { label: string; prompt: string };
  /** Gmail's own follow-up nudge is on screen. */
  gmailNudge?: boolean;
  replyNotice?: ReplyNotice;
  busy?: boolean;
  /** Whether weekends are skipped, so each snooze choice names the day it really lands on. */
  skipWeekends?: boolean;
  onLogReply(): void;
  onLogNo(): void;
  /** Snoozes until the day picked from the menu (tomorrow, 3 days, next week). */
  onSnooze(until: LocalDay): void;
  onOpenPanel(): void;
  onUndoReply(outcomeId: string): void;
  /** Removes their touches and ignores the address from then on. */
  onNotAProspect(): void;
  /** A line of the bar's own (the notice after "Track … as a prospect", with its Undo). */
  children?: ReactNode;
}

export function ThreadBar(props: ThreadBarProps) {
  const { prospect, today, angle, gmailNudge, replyNotice, busy } = props;
  const state = dueState(prospect.nextDueDay, today);
  const active = prospect.status === 'active' || prospect.status === 'paused';
  const [snoozing, setSnoozing] = useState(false);
  return (
    <div
      className={`ft ft-bar${gmailNudge ? ' ft-slim' : ''}`}
      role="region"
      aria-label="Fifth Touch: follow-up status"
    >
      {!gmailNudge && (
        <span className="ft-name" title={prospect.name}>
          {prospect.name}
        </span>
      )}
      <span>{progressWords(prospect)}</span>
      <span>{nosWords(prospect.noCount)}</span>
      {!gmailNudge && active && (
        <span className={state === 'overdue' || state === 'today' ? `ft-due-${state}` : undefined}>
          {dueWords(prospect, today)}
        </span>
      )}
      {!active && <span>{statusWords(prospect.status)}</span>}
      {angle && active && (
        <span className="ft-angle" title={angle.prompt}>
          Angle: {angle.label}
          {gmailNudge ? '' : ` — ${angle.prompt}`}
        </span>
      )}
      {replyNotice?.kind === 'marked' && (
        <span className="ft-note" role="status">
          Marked replied.{' '}
          <button type="button" onClick={() => props.onUndoReply(replyNotice.outcomeId)}>
            Undo
          </button>
        </span>
      )}
      {replyNotice?.kind === 'undone' && <span role="status">Reply mark undone.</span>}
      {props.children}
      {replyNotice?.kind === 'auto-reply' && (
        <span className="ft-warn" role="status">
          Auto-reply only: not counted as a reply.
        </span>
      )}
      {replyNotice?.kind === 'bounce' && (
        <span className="ft-warn" role="status">
          {replyNotice.email
            ? `Delivery failed to ${replyNotice.email}: marked undeliverable.`
            : 'A delivery failure in this thread (expand it to see which address).'}
        </span>
      )}
      <span className="ft-actions">
        {active && (
          <>
            <button type="button" disabled={busy} onClick={props.onLogReply}>
              Log reply
            </button>
            <button type="button" disabled={busy} onClick={props.onLogNo}>
              Log no
            </button>
            <button
              type="button"
              disabled={busy}
              aria-expanded={snoozing}
              onClick={() => setSnoozing(!snoozing)}
            >
              Snooze
            </button>
            {snoozing && (
              <span className="ft-menu" role="group" aria-label="Snooze until">
                {snoozeChoices(today, { skipWeekends: props.skipWeekends ?? true }).map(
                  ({ label, until }) => (
                    <button
                      key={label}
                      type="button"
                      disabled={busy}
                      title={formatDay(until)}
                      onClick={() => {
                        setSnoozing(false);
                        props.onSnooze(until);
                      }}
                    >
                      {label}
                    </button>
                  ),
                )}
              </span>
            )}
          </>
        )}
        <button type="button" onClick={props.onOpenPanel}>
          Side panel
        </button>
        {prospect.status !== 'not-prospect' && !gmailNudge && (
          <button type="button" disabled={busy} onClick={props.onNotAProspect}>
            Not a prospect
          </button>
        )}
      </span>
    </div>
  );
}

function statusWords(status: ProspectSummary['status']): string {
  switch (status) {
    case 'replied':
      return 'replied';
    case 'won':
      return 'won';
    case 'lost':
      return 'closed';
    case 'not-prospect':
      return 'not a prospect';
    default:
      return status;
  }
}
