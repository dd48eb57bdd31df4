// What the toolbar badge shows: the follow-ups due today or overdue, red when any are overdue.
import type { DueCount } from '../messages';

export const BADGE_DUE_COLOR = '#1A73E8';
export const BADGE_OVERDUE_COLOR = '#D93025';

export interface Badge {
  /** Empty when nothing is due, so the icon carries no badge at all. */
  text: string;
  color: string;
  /** The icon's tooltip, in words. */
  title: string;
}

export function badgeFor({ due, overdue }: DueCount): Badge {
  const total = Math.max(0, Math.trunc(due));
  const late = Math.min(total, Math.max(0, Math.trunc(overdue)));
  if (total === 0) return { text: '', color: BADGE_DUE_COLOR, title: 'Fifth Touch: nothing due' };
  return {
    // The badge fits about four characters.
    text: total > 999 ? '999+' : String(total),
    color: late > 0 ? BADGE_OVERDUE_COLOR : BADGE_DUE_COLOR,
    title: `Fifth Touch: ${followUps(total)} due${late > 0 ? `, ${late} overdue` : ''}`,
  };
}

export function followUps(count: number): string {
  return `${count} follow-up${count === 1 ? '' : 's'}`;
}
