// The one line every in-page overlay shows for a prospect: "touch 4 of 9 · 2 nos · due today".
// Pure, so Gmail's and LinkedIn's overlays and the tests say exactly the same thing.
import { daysBetween } from '../../lib/cadence/days';
import { dueState, type DueState } from '../../lib/cadence/plan';
import type { LocalDay } from '../../lib/model';
import type { ProspectSummary } from '../../lib/messages';
import { touchProgress } from '../format';

export type { DueState };

export function dueStateOf(
  summary: Pick<ProspectSummary, 'nextDueDay'>,
  today: LocalDay,
): DueState {
  return dueState(summary.nextDueDay, today);
}

/** "1 no", "2 nos". */
export function nosText(noCount: number): string {
  return noCount === 1 ? '1 no' : `${noCount} nos`;
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
  if (summary.totalSteps > 0) parts.push(touchProgress(summary));
  if (summary.noCount > 0) parts.push(nosText(summary.noCount));
  const settled = SETTLED_TEXT[summary.status];
  if (settled) parts.push(settled);
  else {
    const due = dueText(summary, today);
    if (due) parts.push(due);
  }
  return parts.join(' · ');
}
