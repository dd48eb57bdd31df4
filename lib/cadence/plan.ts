// The follow-up engine: one prospect's touches and outcomes in, the next touch out. Pure: it reads
// only its input (days are the `day` labels recorded with each touch and outcome), so the same
// history gives the same plan in every time zone and in any input order.
import type { Channel, LocalDay, Outcome, OutcomeKind, Settings, Touch } from '../model';
import {
  addDaysToDay,
  compareDays,
  dayNumber,
  isLocalDay,
  localDayOf,
  maxDay,
  shiftOffWeekend,
} from './days';
import type { CadencePhase, FollowUpPlan, PlanInput } from './types';

type PlanTouch = PlanInput['touches'][number];
type PlanOutcome = PlanInput['outcomes'][number];

/** Where the outcomes, read in time order, leave the prospect. */
interface OutcomeState {
  status: 'active' | 'replied' | 'won' | 'lost' | 'paused';
  /** The outcome that set the status (absent while no outcome has). */
  statusDay?: LocalDay;
  noCount: number;
  lastNoDay?: LocalDay;
  /** True when the lead was closed by reaching the nos threshold rather than by "lost". */
  closedByNos: boolean;
  won?: { at: number; day: LocalDay };
  resumeDay?: LocalDay;
  snooze?: { at: number; until: LocalDay };
}

/** Ties between outcomes logged at the same instant resolve in this order, so input order never matters. */
const KIND_ORDER: Record<OutcomeKind, number> = {
  snooze: 0,
  pause: 1,
  reply: 2,
  resume: 3,
  no: 4,
  won: 5,
  lost: 6,
};

export function planFollowUp(input: PlanInput): FollowUpPlan {
  const settings = input.settings;
  const cadence = normaliseCadence(settings.cadence);
  const totalSteps = cadence.length;
  const outbound = input.touches.filter((t) => t.direction === 'out');
  const outboundDays = distinctSortedDays(outbound.map(dayOfTouch));
  const touchCount = outboundDays.length;
  const lastOutDay = outboundDays[touchCount - 1];
  const state = readOutcomes(input.outcomes, settings);

  const base = { totalSteps, touchCount, noCount: state.noCount, step: touchCount + 1 };
  const nothingDue = (
    status: FollowUpPlan['status'],
    phase: CadencePhase,
    reason: string,
  ): FollowUpPlan => ({
    ...base,
    status,
    phase,
    channels: [],
    reason,
  });

  if (input.manualStatus === 'not-prospect') {
    return nothingDue('not-prospect', 'ended', 'Not a prospect: nothing to follow up.');
  }

  switch (state.status) {
    case 'lost':
      return nothingDue(
        'lost',
        'ended',
        state.closedByNos
          ? `${capitalise(ordinal(state.noCount))} no: the lead is closed.`
          : `Lost${onDay(state.statusDay)}: the cadence has ended.`,
      );
    case 'replied':
      return nothingDue(
        'replied',
        'paused',
        `Replied${onDay(state.statusDay)}: paused until you act.`,
      );
    case 'paused':
      return nothingDue(
        'paused',
        'paused',
        `Paused${onDay(state.statusDay)}: nothing is due until you resume.`,
      );
    case 'won':
      return planAfterWin(state, outbound, lastOutDay, settings, base);
    case 'active':
      return planCadence(
        state,
        outbound,
        outboundDays,
        cadence,
        settings,
        input.today,
        base,
        input.notBefore,
      );
  }
}

function planCadence(
  state: OutcomeState,
  outbound: PlanTouch[],
  outboundDays: LocalDay[],
  cadence: Settings['cadence'],
  settings: Settings,
  today: LocalDay,
  base: Pick<FollowUpPlan, 'totalSteps' | 'touchCount' | 'noCount' | 'step'>,
  notBefore?: PlanInput['notBefore'],
): FollowUpPlan {
  const done = outboundDays.length;
  const lastOutDay = outboundDays[done - 1];
  const next = cadence[done];
  const inNurture = next === undefined;
  // A step saved without channels still needs one; email is also what nurture uses.
  const channels: Channel[] = next && next.channels.length > 0 ? [...next.channels] : ['email'];
  const stepLabel = `Step ${done + 1} of ${cadence.length}`;

  let due: LocalDay;
  let reason: string;
  if (lastOutDay === undefined) {
    due = today;
    reason = inNurture
      ? `First touch: ${listChannels(channels)}, to start.`
      : `${stepLabel}: ${listChannels(channels)}, to start the cadence.`;
  } else if (next) {
    const previous = cadence[done - 1];
    // Gaps count from the actual last touch, so a late rep is never asked to catch up several steps at once.
    const gap = Math.max(1, next.day - (previous?.day ?? next.day - 1));
    due = addDaysToDay(lastOutDay, gap);
    reason = `${stepLabel}: ${listChannels(channels)}, ${daysPhrase(gap)} after your last touch.`;
  } else {
    const every = Math.max(1, whole(settings.nurtureEveryDays));
    due = addDaysToDay(lastOutDay, every);
    reason = `Nurture: an email ${daysPhrase(every)} after your last touch.`;
  }

  if (lastOutDay !== undefined) {
    const pastBurst =
      inNurture || (next !== undefined && next.day > whole(settings.burstEndsAfterDay));
    const capDay = addDaysToDay(lastOutDay, Math.max(1, whole(settings.minDaysBetweenTouches)));
    // The cap never binds on the default cadence; it stops extra manual touches from piling up.
    if (pastBurst && compareDays(capDay, due) > 0) {
      due = capDay;
      const gap = Math.max(1, whole(settings.minDaysBetweenTouches));
      reason = `${inNurture ? 'Nurture' : stepLabel}: ${listChannels(channels)}, ${daysPhrase(gap)} after your last touch, the closest touches get after the early burst.`;
    }
  }

  if (state.lastNoDay !== undefined) {
    const afterNo = addDaysToDay(state.lastNoDay, whole(settings.daysAfterNo));
    if (compareDays(afterNo, due) > 0) {
      due = afterNo;
      reason = `${state.noCount} of ${Math.max(1, whole(settings.nosThreshold))} nos: next touch ${daysPhrase(whole(settings.daysAfterNo))} after the last no.`;
    }
  }

  if (state.resumeDay !== undefined && compareDays(state.resumeDay, due) > 0) {
    due = state.resumeDay;
    reason = `Resumed on ${state.resumeDay}: ${inNurture ? 'nurture' : stepLabel.toLowerCase()}, ${listChannels(channels)}.`;
  }

  if (
    notBefore &&
    isLocalDay(notBefore.day) &&
    compareDays(notBefore.day, due) > 0 &&
    !outbound.some((t) => t.at > notBefore.at)
  ) {
    due = notBefore.day;
    reason = `${reason.replace(/\.$/, '')}; the import spread new leads over business days, so it starts on ${notBefore.day}.`;
  }

  const snoozed = applySnooze(due, reason, state, outbound);
  return finish(
    { ...base, status: 'active', phase: inNurture ? 'nurture' : 'cadence', channels },
    snoozed.due,
    snoozed.reason,
    settings,
  );
}

/** After a win: a thank-you soon, then a check-in once the deal has been delivered, then nothing. */
function planAfterWin(
  state: OutcomeState,
  outbound: PlanTouch[],
  lastOutDay: LocalDay | undefined,
  settings: Settings,
  base: Pick<FollowUpPlan, 'totalSteps' | 'touchCount' | 'noCount' | 'step'>,
): FollowUpPlan {
  const won = state.won as { at: number; day: LocalDay };
  const afterWinDays = distinctSortedDays(outbound.filter((t) => t.at > won.at).map(dayOfTouch));
  const thankYouDay = afterWinDays[0];
  const checkInDay = addDaysToDay(won.day, whole(settings.checkInAfterWonDays));
  const plan = {
    ...base,
    status: 'won' as const,
    phase: 'after-win' as const,
    channels: ['email' as Channel],
  };

  let due: LocalDay;
  let reason: string;
  if (thankYouDay === undefined) {
    due = addDaysToDay(won.day, whole(settings.thankYouAfterWonDays));
    reason = 'Won: send a thank-you.';
  } else {
    // The thank-you itself never counts as the check-in, even when it was sent late.
    const checkedIn = afterWinDays.some(
      (day) => compareDays(day, thankYouDay) > 0 && compareDays(day, checkInDay) >= 0,
    );
    if (checkedIn) {
      return { ...plan, phase: 'ended', channels: [], reason: 'Won: thank-you and check-in done.' };
    }
    due = checkInDay;
    reason = 'Won: check in after delivery.';
    const capDay = addDaysToDay(
      lastOutDay ?? thankYouDay,
      Math.max(1, whole(settings.minDaysBetweenTouches)),
    );
    due = maxDay(due, capDay);
  }
  if (lastOutDay !== undefined) due = maxDay(due, addDaysToDay(lastOutDay, 1));
  const snoozed = applySnooze(due, reason, state, outbound);
  return finish(plan, snoozed.due, snoozed.reason, settings);
}

/** A snooze holds until its day, but only until the rep touches the prospect again. */
function applySnooze(
  due: LocalDay,
  reason: string,
  state: OutcomeState,
  outbound: PlanTouch[],
): { due: LocalDay; reason: string } {
  const snooze = state.snooze;
  if (!snooze || outbound.some((t) => t.at > snooze.at)) return { due, reason };
  if (compareDays(snooze.until, due) > 0)
    return { due: snooze.until, reason: `Snoozed until ${snooze.until}.` };
  return { due, reason };
}

function finish(
  plan: Omit<FollowUpPlan, 'dueDay' | 'reason'>,
  due: LocalDay,
  reason: string,
  settings: Settings,
): FollowUpPlan {
  if (settings.skipWeekends) {
    const weekday = shiftOffWeekend(due);
    if (weekday !== due) {
      return {
        ...plan,
        dueDay: weekday,
        reason: `${reason.replace(/\.$/, '')}, moved off the weekend to Monday.`,
      };
    }
  }
  return { ...plan, dueDay: due, reason };
}

function readOutcomes(outcomes: PlanOutcome[], settings: Settings): OutcomeState {
  const threshold = Math.max(1, whole(settings.nosThreshold));
  const state: OutcomeState = { status: 'active', noCount: 0, closedByNos: false };
  const setStatus = (status: OutcomeState['status'], day: LocalDay) => {
    state.status = status;
    state.statusDay = day;
    state.closedByNos = false;
    if (status !== 'won') state.won = undefined;
  };
  for (const outcome of [...outcomes].sort(compareOutcomes)) {
    const day = dayOfOutcome(outcome);
    switch (outcome.kind) {
      case 'reply':
        // Once won or closed, a reply is conversation, not a reason to pause.
        if (state.status !== 'won' && state.status !== 'lost') setStatus('replied', day);
        break;
      case 'no':
        state.noCount += 1;
        state.lastNoDay = day;
        if (state.noCount >= threshold) {
          setStatus('lost', day);
          state.closedByNos = true;
        } else {
          // A no answers a reply too: "not now" puts the prospect back on the cadence.
          setStatus('active', day);
        }
        break;
      case 'won':
        setStatus('won', day);
        state.won = { at: outcome.at, day };
        break;
      case 'lost':
        setStatus('lost', day);
        break;
      case 'pause':
        // A closed lead has nothing to pause; only resume, won or another no reopens it.
        if (state.status !== 'lost') setStatus('paused', day);
        break;
      case 'resume':
        setStatus('active', day);
        state.resumeDay = day;
        break;
      case 'snooze':
        if (isLocalDay(outcome.until)) state.snooze = { at: outcome.at, until: outcome.until };
        break;
    }
  }
  return state;
}

function compareOutcomes(a: PlanOutcome, b: PlanOutcome): number {
  return (
    a.at - b.at ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareText(a.day, b.day) ||
    compareText(a.until ?? '', b.until ?? '')
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The recorded day; a record without a valid one falls back to the day of its instant here. */
function dayOfTouch(touch: Pick<Touch, 'at' | 'day'>): LocalDay {
  return isLocalDay(touch.day) ? touch.day : localDayOf(touch.at);
}

function dayOfOutcome(outcome: Pick<Outcome, 'at' | 'day'>): LocalDay {
  return isLocalDay(outcome.day) ? outcome.day : localDayOf(outcome.at);
}

function distinctSortedDays(days: LocalDay[]): LocalDay[] {
  return [...new Set(days)].sort(compareDays);
}

/** Steps in day order with whole day numbers, whatever order the user saved them in. */
function normaliseCadence(cadence: Settings['cadence']): Settings['cadence'] {
  // Settings come from storage and imports: a missing list reads as empty rather than throwing.
  return (cadence ?? [])
    .map((step, index) => ({
      step: { day: whole(step.day), channels: [...(step.channels ?? [])] },
      index,
    }))
    .sort((a, b) => a.step.day - b.step.day || a.index - b.index)
    .map(({ step }) => step);
}

/** A non-negative whole number from a setting, 0 for anything unusable. */
function whole(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.trunc(value)) : 0;
}

// ---- Helpers the UI uses ----

export type DueState = 'overdue' | 'today' | 'upcoming' | 'none';

export function dueState(dueDay: LocalDay | undefined, today: LocalDay): DueState {
  if (dueDay === undefined) return 'none';
  const diff = dayNumber(dueDay) - dayNumber(today);
  return diff < 0 ? 'overdue' : diff === 0 ? 'today' : 'upcoming';
}

/** True when the plan's touch is due today or earlier. */
export function isDue(plan: Pick<FollowUpPlan, 'dueDay'>, today: LocalDay): boolean {
  const state = dueState(plan.dueDay, today);
  return state === 'overdue' || state === 'today';
}

// ---- Words ----

const CHANNEL_WORDS: Record<Channel, string> = {
  email: 'email',
  linkedin: 'LinkedIn',
  call: 'call',
  twitter: 'Twitter',
  meeting: 'meeting',
  other: 'another channel',
};

export function channelWord(channel: Channel): string {
  return CHANNEL_WORDS[channel] ?? String(channel);
}

/** "call and email", "email, LinkedIn and call". */
export function listChannels(channels: readonly Channel[]): string {
  const words = channels.map(channelWord);
  if (words.length === 0) return 'any channel';
  if (words.length === 1) return words[0] as string;
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function daysPhrase(days: number): string {
  if (days === 1) return '1 day';
  if (days === 7) return 'a week';
  if (days === 14) return 'two weeks';
  return `${days} days`;
}

const ORDINALS = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];

function ordinal(n: number): string {
  return ORDINALS[n] ?? `${n}th`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function onDay(day: LocalDay | undefined): string {
  return day ? ` on ${day}` : '';
}
