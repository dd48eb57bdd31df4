// What the toolbar badge shows: the follow-ups due today or overdue, red when any are overdue; its
// title also names the sends still in flight.
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

/** Sends not settled yet: in their undo window, or waiting for the rep's Keep or Discard. */
export interface InFlightCount {
  sending: number;
  unconfirmed: number;
}

export function badgeFor(
  { due, overdue }: DueCount,
  inFlight: InFlightCount = { sending: 0, unconfirmed: 0 },
): Badge {
  const total = Math.max(0, Math.trunc(due));
  const late = Math.min(total, Math.max(0, Math.trunc(overdue)));
  const extra = inFlightWords(inFlight);
  if (total === 0) {
    return { text: '', color: BADGE_DUE_COLOR, title: `Fifth Touch: nothing due${extra}` };
  }
  return {
    // The badge fits about four characters.
    text: total > 999 ? '999+' : String(total),
    color: late > 0 ? BADGE_OVERDUE_COLOR : BADGE_DUE_COLOR,
    title: `Fifth Touch: ${followUps(total)} due${late > 0 ? `, ${late} overdue` : ''}${extra}`,
  };
}

/** A prospect being sent to is counted touched already; the title says the send is in flight. */
function inFlightWords(inFlight: InFlightCount): string {
  const count = (n: number) => (Number.isFinite(n) ? Math.max(0, Math.trunc(n)) : 0);
  const sending = count(inFlight.sending);
  const unconfirmed = count(inFlight.unconfirmed);
  const parts: string[] = [];
  if (sending > 0) {
    parts.push(`${sending} sending (Gmail can still undo ${sending === 1 ? 'it' : 'them'})`);
  }
  if (unconfirmed > 0) {
    parts.push(`${unconfirmed} unconfirmed send${unconfirmed === 1 ? '' : 's'} to keep or discard`);
  }
  return parts.map((part) => ` · ${part}`).join('');
}

export function followUps(count: number): string {
  return `${count} follow-up${count === 1 ? '' : 's'}`;
}
