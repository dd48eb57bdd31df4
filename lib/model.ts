// The product's nouns, shared by every context. Schemas parse untrusted input (messages, imports)
// into these types at the boundary; everything past the boundary trusts them.
import * as v from 'valibot';
import type { StyleNote } from './drafts/style';

export const CHANNELS = ['email', 'linkedin', 'call', 'twitter', 'meeting', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PROSPECT_STATUSES = [
  'active',
  'replied',
  'won',
  'lost',
  'paused',
  'not-prospect',
] as const;
export type ProspectStatus = (typeof PROSPECT_STATUSES)[number];

export const OUTCOME_KINDS = ['reply', 'no', 'won', 'lost', 'snooze', 'pause', 'resume'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const TOUCH_SOURCES = ['detected', 'manual', 'import'] as const;
export type TouchSource = (typeof TOUCH_SOURCES)[number];

/** A local calendar day, `yyyy-MM-dd`. Due dates are days, so time zones and DST never move them. */
export type LocalDay = string;

export const SUMMARY_MAX = 200;
export const NOTE_MAX = 2000;

export interface Prospect {
  id: string;
  name: string;
  company: string;
  /** Normalised (lower-case, trimmed) addresses; a multi-entry index. */
  emails: string[];
  /** Normalised LinkedIn ids: public vanity ids (`jane-doe-42`) and member ids (`ACoAA…`). */
  linkedinIds: string[];
  status: ProspectStatus;
  tags: string[];
  createdAt: number;
  /** Recomputed by the engine whenever touches or outcomes change; absent when nothing is due. */
  nextDueDay?: LocalDay;
  nextChannels: Channel[];
  /** 1-based cadence step the next touch is (touch N of M). */
  nextStep: number;
  totalSteps: number;
  /** Why the next touch is when it is, in one human sentence. */
  reason: string;
  touchCount: number;
  noCount: number;
  lastTouchAt?: number;
  /**
   * Derived by the store on every write (lib/db/work-order.ts): `lastTouchAt`, or `createdAt` for
   * a prospect never touched. Indexed with the due day, it orders the daily lists.
   */
  waitingSince?: number;
  /** Angle of the most recent outbound touch, so the next suggestion differs. */
  lastAngleId?: string;
  /** Addresses that bounced; shown as undeliverable. */
  undeliverable?: string[];
  /** Not indexed: shown where a cadence step calls for them (a tel: link, an x.com profile). */
  phone?: string;
  title?: string;
  /** A Twitter/X handle, without the "@". */
  twitter?: string;
  /**
   * Set by an import that spread its leads over business days: the next touch is due no earlier
   * than this day, until the rep's first touch after the import (`createdAt`).
   */
  startsOn?: LocalDay;
}

export interface Touch {
  id: string;
  prospectId: string;
  channel: Channel;
  direction: 'out' | 'in';
  /** Epoch milliseconds. */
  at: number;
  /** The local calendar day of `at` when it was recorded. */
  day: LocalDay;
  /** Subject or a one-line summary, never a message body. */
  summary: string;
  /** Link back to the thread, conversation or profile. */
  link?: string;
  threadId?: string;
  /** The mailbox or account it was sent from (`/mail/u/1`, an address). */
  account?: string;
  source: TouchSource;
  /** False when only the page's DOM saw the send and the network never confirmed it. */
  confirmed: boolean;
  /** Unique: the same send is never stored twice. */
  dedupeKey: string;
  angleId?: string;
  /** A note the rep typed when logging a touch by hand. */
  note?: string;
  /**
   * Present while the send may still be taken back (Gmail's undo window is open in its tab): the
   * touch counts already, so nobody is asked to follow up twice, but an Undo removes it. Removed
   * once the window ends or the tab is gone (a closed tab cannot undo).
   */
  sending?: TouchSending;
}

export interface TouchSending {
  /** Epoch ms after which no Undo can take the send back any more. */
  until: number;
  /** The send created the prospect: an Undo removes the prospect too when nothing else is left. */
  newProspect?: true;
}

/** Which limit a send came past: too many at once for a person, or over the page's whole budget. */
export const OVER_LIMIT_REASONS = ['rate', 'page-cap'] as const;
export type OverLimitReason = (typeof OVER_LIMIT_REASONS)[number];

/**
 * A send the network confirmed that came past a rate limit (no Send gesture seen, or more than a
 * person sends at once): kept, not a touch, until the rep keeps or discards it. It may be real (a
 * batch, a path the DOM layer missed) or forged, so it neither creates a prospect nor moves a
 * cadence before the rep says so.
 */
export interface UnconfirmedSend {
  /** `${channel}:${sendKey}`: the same send is held once. */
  id: string;
  send: DetectedSend;
  reason: OverLimitReason;
  receivedAt: number;
}

export interface Outcome {
  id: string;
  prospectId: string;
  kind: OutcomeKind;
  at: number;
  day: LocalDay;
  /** For a snooze: the day it ends. */
  until?: LocalDay;
  note?: string;
}

export interface CadenceStep {
  /** Day number counted from the first touch (day 1). */
  day: number;
  channels: Channel[];
}

export interface Settings {
  cadence: CadenceStep[];
  /** Days between nurture touches once the cadence is done. */
  nurtureEveryDays: number;
  /** A "no" means "not now" until this many. */
  nosThreshold: number;
  /** The next touch after a "no" is at least this many days out. */
  daysAfterNo: number;
  /** The early burst ends after this cadence day; after it, touches are at least `minDaysBetweenTouches` apart. */
  burstEndsAfterDay: number;
  minDaysBetweenTouches: number;
  skipWeekends: boolean;
  /** After a win: a thank-you this many days later, then a check-in after delivery. */
  thankYouAfterWonDays: number;
  checkInAfterWonDays: number;
  /** Daily digest time, `HH:mm` local. */
  notifyAt: string;
  notifyOnWeekends: boolean;
  quietHours: { start: string; end: string } | null;
  notificationCap: number;
  ownAddresses: string[];
  ownDomains: string[];
  ignoreList: string[];
  trackCc: boolean;
  showOnLinkedIn: boolean;
  /** The rep's own name, as drafts sign off ({myName}); empty until the rep says it. */
  myName: string;
  /** Whether the first-run welcome was finished or skipped ('due' shows it). */
  onboarding: 'due' | 'done' | 'skipped';
  /** Angle ids turned off, and user-edited templates by angle id. */
  disabledAngles: string[];
  angleTemplates: Record<string, string>;
  customAngles: {
    id: string;
    label: string;
    prompt: string;
    template: string;
    channels: Channel[];
  }[];
  /** The side panel's Draft button (the on-device model, else the angle's template); off hides it. */
  drafting: boolean;
  /** What the rep's edits to drafts taught (lib/drafts/style.ts), kept only here; null until then. */
  draftStyle: StyleNote | null;
}

// ---- Schemas for what crosses a boundary ----

const text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));
const epochMs = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
export const localDaySchema = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as yyyy-MM-dd'),
);
const httpsLink = v.pipe(v.string(), v.maxLength(2048), v.url(), v.startsWith('https://'));

export const channelSchema = v.picklist(CHANNELS);
export const outcomeKindSchema = v.picklist(OUTCOME_KINDS);

/** Someone a send went to, as a page saw them. At least one identity is required. */
export const recipientSchema = v.pipe(
  v.object({
    email: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(320), v.email())),
    linkedinId: v.optional(text(200)),
    /** Further ids of the same person seen with it (a vanity id beside a member id), so both link. */
    otherLinkedinIds: v.optional(v.pipe(v.array(text(200)), v.maxLength(4))),
    name: v.optional(text(200)),
    role: v.optional(v.picklist(['to', 'cc', 'bcc'])),
  }),
  v.check((r) => !!(r.email || r.linkedinId), 'a recipient needs an email or a LinkedIn id'),
);
export type Recipient = v.InferOutput<typeof recipientSchema>;

/** A send a content script saw: one message to one or more recipients. */
export const detectedSendSchema = v.object({
  channel: v.picklist(['email', 'linkedin']),
  at: epochMs,
  /** Identifies the send (message id, draft id…); combined with the prospect into each touch's dedupe key. */
  sendKey: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  summary: v.pipe(v.string(), v.trim(), v.maxLength(1000)),
  link: v.optional(httpsLink),
  threadId: v.optional(text(300)),
  account: v.optional(text(320)),
  confirmed: v.boolean(),
  /** When the send is scheduled for later (Gmail's schedule send). */
  scheduledFor: v.optional(epochMs),
  recipients: v.pipe(v.array(recipientSchema), v.minLength(1), v.maxLength(100)),
  /**
   * Gmail's undo window is open until then: stored as a touch that is still *sending* (see
   * Touch.sending). The same send without it later settles that touch.
   */
  sendingUntil: v.optional(epochMs),
  /** The send came past a rate limit: held as an UnconfirmedSend for the rep, not a touch. */
  overLimit: v.optional(v.picklist(OVER_LIMIT_REASONS)),
});
export type DetectedSend = v.InferOutput<typeof detectedSendSchema>;

export const manualTouchSchema = v.object({
  prospectId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  channel: channelSchema,
  at: epochMs,
  summary: text(SUMMARY_MAX),
  note: v.optional(text(NOTE_MAX)),
  link: v.optional(httpsLink),
  angleId: v.optional(text(100)),
});
export type ManualTouch = v.InferOutput<typeof manualTouchSchema>;

/** A prospect added by hand ("track as prospect"); identities are normalised by the store. */
export const newProspectSchema = v.object({
  name: v.optional(text(200)),
  company: v.optional(text(200)),
  emails: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(320))), v.maxLength(20)), []),
  linkedinIds: v.optional(
    v.pipe(v.array(v.pipe(v.string(), v.maxLength(300))), v.maxLength(20)),
    [],
  ),
  tags: v.optional(v.pipe(v.array(text(50)), v.maxLength(50)), []),
});
export type NewProspect = v.InferInput<typeof newProspectSchema>;

export const outcomeInputSchema = v.object({
  prospectId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  kind: outcomeKindSchema,
  at: v.optional(epochMs),
  until: v.optional(localDaySchema),
  note: v.optional(text(NOTE_MAX)),
});
export type OutcomeInput = v.InferOutput<typeof outcomeInputSchema>;

/** Cuts a subject or summary to one line of at most SUMMARY_MAX characters. */
export function oneLine(value: string, max = SUMMARY_MAX): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
