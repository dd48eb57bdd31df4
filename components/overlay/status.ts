// The one line every in-page overlay shows for a prospect: "touch 4 of 9 · 2 nos · due today".
// Pure, so Gmail's and LinkedIn's overlays and the tests say exactly the same thing.
import { daysBetween } from '../../lib/cadence/days';
import type { LocalDay } from '../../lib/model';
import type { ProspectSummary } from '../../lib/messages';

export type DueState = 'overdue' | 'today' | 'upcoming' | 'none';

export function dueStateOf(
  summary: Pick<ProspectSummary, 'nextDueDay'>,
  today: LocalDay,
): DueState {
  if (!summary.nextDueDay) return 'none';
  if (summary.nextDueDay < today) return 'overdue';
  return summary.nextDueDay === today ? 'today' : 'upcoming';
}

function dueText(summary: ProspectSummary, today: LocalDay): string | null {
  const state = dueStateOf(summary, today);
  if (state === 'none') return null;
  const days = Math.abs(daysBetween(today, summary.nextDueDay!));
  if (state === 'today') return 'due today';
  if (state === 'overdue') return days === 1 ? 'overdue by 1 day' : `overdue by ${days} days`;
  return days === 1 ? 'due tomorrow' : `due in ${days} days`;
}

const SETTLED_TEXT: Partial<Record<ProspectSummary['status'], string>> = {
  replied: 'replied',
  won: 'won',
  lost: 'lost',
  paused: 'paused',
  'not-prospect': 'not a prospect',
};

/** "touch 4 of 9 · 2 nos · due today"; settled prospects say so instead of a due date. */
export function statusLine(summary: ProspectSummary, today: LocalDay): string {
  const parts: string[] = [];
  if (summary.totalSteps > 0 && summary.nextStep > summary.totalSteps) parts.push('nurture');
  else if (summary.totalSteps > 0) parts.push(`touch ${summary.nextStep} of ${summary.totalSteps}`);
  if (summary.noCount > 0) parts.push(summary.noCount === 1 ? '1 no' : `${summary.noCount} nos`);
  const settled = SETTLED_TEXT[summary.status];
  if (settled) parts.push(settled);
  else {
    const due = dueText(summary, today);
    if (due) parts.push(due);
  }
  return parts.join(' · ');
}
