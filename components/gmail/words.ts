// The words Gmail's overlays show, from a prospect summary. Page data stays text: these return
// strings that React renders as text nodes.

import { dueState } from '../../lib/cadence/plan';
import type { LocalDay } from '../../lib/model';
import type { ProspectSummary } from '../../lib/messages';
import { formatDay, touchProgress } from '../format';

/** "overdue since Mon, Mar 9", "due today", "next on Thu, Mar 12", or "nothing due". */
export function dueWords(prospect: Pick<ProspectSummary, 'nextDueDay'>, today: LocalDay): string {
  const state = dueState(prospect.nextDueDay, today);
  if (state === 'overdue') return `overdue since ${formatDay(prospect.nextDueDay!)}`;
  if (state === 'today') return 'due today';
  if (state === 'upcoming') return `next on ${formatDay(prospect.nextDueDay!)}`;
  return 'nothing due';
}

export function progressWords(prospect: ProspectSummary): string {
  const progress = touchProgress(prospect);
  return progress.charAt(0).toUpperCase() + progress.slice(1);
}

export { nosText as nosWords } from '../overlay/status';
