// What a draft may know about a prospect: the few facts the extension already stores, each reduced
// to one line of plain text. Nothing else about the prospect (addresses, ids, tags, other people)
// ever reaches a prompt, so this type is the whole of what the on-device model is told.
import { plain } from '../angles/fill';
import type { Prospect, Touch } from '../model';

import { DRAFT_CHANNELS, type DraftChannel } from './channel';

export { DRAFT_CHANNELS, type DraftChannel } from './channel';

export interface DraftFacts {
  name: string;
  company: string;
  channel: DraftChannel;
  /** 1-based cadence step this touch is, and how many the cadence has (0 when unknown). */
  step: number;
  totalSteps: number;
  /** Outbound touches so far, on any channel. */
  touchesSoFar: number;
  /** The subject of the last email to them, when there is one. */
  lastSubject?: string;
  /** The last outbound touches as stored (their one-line summaries and the rep's notes), oldest first. */
  lastLines: string[];
}

/** At most this many earlier touches are named in a prompt. */
export const LAST_LINES_MAX = 3;

/** Gmail stores this when a send had no subject: it says nothing worth repeating. */
const NO_SUBJECT = '(no subject)';

/**
 * The facts of `prospect` for a draft on `channel`, from its touches in time order (as `touchesOf`
 * reads them). Pure: the same rows always give the same facts.
 */
export function draftFactsOf(
  prospect: Pick<Prospect, 'name' | 'company' | 'nextStep' | 'totalSteps'>,
  touches: readonly Pick<Touch, 'direction' | 'channel' | 'summary' | 'note'>[],
  channel: DraftChannel,
): DraftFacts {
  const outbound = touches.filter((touch) => touch.direction === 'out');
  const lastEmail = outbound.filter((touch) => touch.channel === 'email').pop();
  const lastSubject = lastEmail ? plain(lastEmail.summary) : '';
  const facts: DraftFacts = {
    name: plain(prospect.name),
    company: plain(prospect.company),
    channel,
    step: wholeOr(prospect.nextStep, 1),
    totalSteps: wholeOr(prospect.totalSteps, 0),
    touchesSoFar: outbound.length,
    lastLines: outbound.slice(-LAST_LINES_MAX).map(lineOf),
  };
  if (lastSubject && lastSubject !== NO_SUBJECT) facts.lastSubject = lastSubject;
  return facts;
}

function lineOf(touch: Pick<Touch, 'channel' | 'summary' | 'note'>): string {
  const summary = plain(touch.summary);
  const note = plain(touch.note);
  return plain(note ? `${touch.channel}: ${summary} (${note})` : `${touch.channel}: ${summary}`);
}

function wholeOr(value: number, fallback: number): number {
  return Number.isFinite(value) && value >= 0 ? Math.trunc(value) : fallback;
}

/** The channel a draft is for: the first written channel due, else the one the prospect can be reached on. */
export function draftChannelOf(
  prospect: Pick<Prospect, 'nextChannels' | 'emails' | 'linkedinIds'>,
): DraftChannel | undefined {
  const reachable = reachableChannels(prospect);
  const due = prospect.nextChannels.find(
    (channel): channel is DraftChannel =>
      (DRAFT_CHANNELS as readonly string[]).includes(channel) &&
      reachable.includes(channel as DraftChannel),
  );
  return due ?? reachable[0];
}

/** The written channels the extension can open a composer on for this prospect. */
export function reachableChannels(
  prospect: Pick<Prospect, 'emails' | 'linkedinIds'>,
): DraftChannel[] {
  const channels: DraftChannel[] = [];
  if (prospect.emails.length > 0) channels.push('email');
  if (prospect.linkedinIds.length > 0) channels.push('linkedin');
  return channels;
}
