// Where a draft goes: the composer to open for a prospect (the last Gmail thread's reply box, a new
// Gmail compose to their address, the last LinkedIn conversation, or their profile's message box),
// what a content script is handed to put into it once, and which angle a later send used.
import * as v from 'valibot';
import { threadIdFromHash } from '../sites/gmail/urls';
import { conversationIdFromUrl, profileLink } from '../sites/linkedin/urls';
import type { Prospect, Touch } from '../model';
import type { DraftChannel } from './channel';
import { EMAIL_MAX_WORDS, LINKEDIN_MAX_CHARS, SUBJECT_MAX_CHARS } from './limits';

export type ComposerTarget =
  | { kind: 'gmail-thread'; url: string; threadId: string }
  | { kind: 'gmail-compose'; url: string; to: string }
  | { kind: 'linkedin-conversation'; url: string; conversationId: string }
  | { kind: 'linkedin-profile'; url: string; profileId: string };

/** A Gmail account path (`/mail/u/1`) when a touch names one, else the first account. */
function accountPathOf(touch: Pick<Touch, 'account'> | undefined): string {
  const match = /^\/mail\/u\/(\d{1,2})$/.exec(touch?.account ?? '');
  return `/mail/u/${match ? match[1] : '0'}`;
}

/**
 * The composer to open for `prospect` on `channel`, from its touches in time order; null when the
 * prospect cannot be reached there (no address, no LinkedIn id).
 */
export function composerTargetOf(
  prospect: Pick<Prospect, 'emails' | 'linkedinIds'>,
  touches: readonly Pick<Touch, 'direction' | 'channel' | 'link' | 'account'>[],
  channel: DraftChannel,
  subject = '',
): ComposerTarget | null {
  const outbound = touches.filter(
    (touch) => touch.direction === 'out' && touch.channel === channel,
  );
  if (channel === 'email') {
    for (let i = outbound.length - 1; i >= 0; i -= 1) {
      const touch = outbound[i]!;
      const url = safeUrl(touch.link, 'mail.google.com');
      const threadId = url ? threadIdFromHash(url.hash) : null;
      if (url && threadId) return { kind: 'gmail-thread', url: url.href, threadId };
    }
    const to = prospect.emails[0];
    if (!to) return null;
    const compose = new URL(`https://mail.google.com${accountPathOf(outbound.at(-1))}/`);
    compose.searchParams.set('view', 'cm');
    compose.searchParams.set('fs', '1');
    compose.searchParams.set('to', to);
    if (subject) compose.searchParams.set('su', subject);
    return { kind: 'gmail-compose', url: compose.href, to };
  }
  for (let i = outbound.length - 1; i >= 0; i -= 1) {
    const url = safeUrl(outbound[i]!.link, 'www.linkedin.com');
    const conversationId = url ? conversationIdFromUrl(url.href) : null;
    if (url && conversationId) {
      return { kind: 'linkedin-conversation', url: url.href, conversationId };
    }
  }
  // A vanity id opens the page people see; a member id works too.
  const profileId =
    prospect.linkedinIds.find((id) => !id.startsWith('ACoA') && !id.includes(':')) ??
    prospect.linkedinIds.find((id) => !id.includes(':'));
  const link = profileId ? profileLink(profileId) : null;
  return profileId && link ? { kind: 'linkedin-profile', url: link, profileId } : null;
}

function safeUrl(link: string | undefined, host: string): URL | null {
  if (!link) return null;
  try {
    const url = new URL(link);
    return url.protocol === 'https:' && url.host === host ? url : null;
  } catch {
    return null;
  }
}

// ---- What a content script is handed ----

const idText = v.pipe(v.string(), v.minLength(1), v.maxLength(300));

export const composerTargetSchema = v.variant('kind', [
  v.object({ kind: v.literal('gmail-thread'), url: v.string(), threadId: idText }),
  v.object({ kind: v.literal('gmail-compose'), url: v.string(), to: idText }),
  v.object({ kind: v.literal('linkedin-conversation'), url: v.string(), conversationId: idText }),
  v.object({ kind: v.literal('linkedin-profile'), url: v.string(), profileId: idText }),
]);

/** A draft the side panel asks to put into a composer. */
export const draftToComposerSchema = v.object({
  prospectId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  channel: v.picklist(['email', 'linkedin']),
  angleId: v.optional(v.pipe(v.string(), v.maxLength(100))),
  subject: v.optional(v.pipe(v.string(), v.maxLength(SUBJECT_MAX_CHARS * 2))),
  // Room for the rep's own edits past the draft's limit; the composer is theirs.
  body: v.pipe(
    v.string(),
    v.minLength(1, 'an empty draft'),
    v.maxLength(Math.max(EMAIL_MAX_WORDS * 40, LINKEDIN_MAX_CHARS * 10)),
  ),
});
export type DraftToComposer = v.InferOutput<typeof draftToComposerSchema>;

/** What the background keeps for the tab it opened, until its content script takes it (once). */
export interface PendingInsert {
  id: string;
  tabId: number;
  channel: DraftChannel;
  target: ComposerTarget;
  subject?: string;
  body: string;
  /** Epoch ms after which it is dropped (the tab never loaded our script). */
  until: number;
}

export const INSERT_RESULTS = ['inserted', 'no-composer', 'not-empty'] as const;
export type InsertResult = (typeof INSERT_RESULTS)[number];

export const reportDraftInsertSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  result: v.picklist(INSERT_RESULTS),
});
export type ReportDraftInsert = v.InferOutput<typeof reportDraftInsertSchema>;

// ---- Which angle a send used ----

/**
 * A draft put into a composer: the next send to this prospect on this channel, within the window,
 * is stored with its angle, so the next suggestion moves on.
 */
export interface AwaitingSend {
  prospectId: string;
  channel: DraftChannel;
  angleId: string;
  since: number;
  until: number;
}

/** How long a draft waits for the rep to press Send. */
export const AWAITING_SEND_MS = 24 * 60 * 60_000;

/** The angle of a send at `at` to `prospectId` on `channel`: the newest matching awaiting draft. */
export function angleOfSend(
  awaiting: readonly AwaitingSend[],
  prospectId: string,
  channel: string,
  at: number,
): string | undefined {
  let best: AwaitingSend | undefined;
  for (const entry of awaiting) {
    if (entry.prospectId !== prospectId || entry.channel !== channel) continue;
    // A little slack: a page's clock and the worker's may differ by a moment.
    if (at < entry.since - 60_000 || at > entry.until) continue;
    if (!best || entry.since > best.since) best = entry;
  }
  return best?.angleId;
}

/** The awaiting drafts still open at `now`, and at most `max` of them (newest kept). */
export function pruneAwaiting(
  awaiting: readonly AwaitingSend[],
  now: number,
  max = 200,
): AwaitingSend[] {
  return awaiting
    .filter((entry) => entry.until > now)
    .sort((a, b) => a.since - b.since)
    .slice(-max);
}
