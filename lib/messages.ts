// The one protocol between content scripts, the background and extension pages. Verbs first;
// every payload has a schema the receiver parses before acting, so a bad message writes nothing.
import { defineExtensionMessaging } from '@webext-core/messaging';
import * as v from 'valibot';
import {
  detectedSendSchema,
  manualTouchSchema,
  newProspectSchema,
  outcomeInputSchema,
  type Channel,
  type DetectedSend,
  type LocalDay,
  type ManualTouch,
  type NewProspect,
  type OutcomeInput,
  type ProspectStatus,
  type Settings,
} from './model';
import { normalizeEmail } from './identity';
import { LEARN_SOURCES } from './own-addresses';
import { pageReadSchema, type PageRead } from './page-read';
import {
  draftToComposerSchema,
  reportDraftInsertSchema,
  type ComposerTarget,
  type DraftToComposer,
  type InsertResult,
  type ReportDraftInsert,
} from './drafts/composer';

/** Where a prospect stands, as overlays and notifications show it. */
export interface ProspectSummary {
  id: string;
  name: string;
  company: string;
  status: ProspectStatus;
  emails: string[];
  linkedinIds: string[];
  nextDueDay?: LocalDay;
  nextChannels: Channel[];
  nextStep: number;
  totalSteps: number;
  touchCount: number;
  noCount: number;
  lastTouchAt?: number;
  reason: string;
  /** Angle of the last outbound touch, so an overlay never suggests it again. */
  lastAngleId?: string;
}

export interface RecordSendResult {
  /** One entry per recipient that is a prospect (own addresses and ignored ones are skipped). */
  touches: { prospectId: string; touchId: string; duplicate: boolean }[];
  skipped: number;
  /**
   * A send past a rate limit (`overLimit`): `held` for the rep to keep or discard, `known` when it
   * is held or a touch already, `full` when too many wait already (refused, and counted).
   */
  unconfirmed?: { id: string; status: 'held' | 'known' | 'full' };
}

export const lookUpProspectsSchema = v.object({
  emails: v.pipe(v.array(v.pipe(v.string(), v.maxLength(320))), v.maxLength(100)),
  linkedinIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(100)),
});
export type LookUpProspects = v.InferOutput<typeof lookUpProspectsSchema>;

const idSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
export const prospectRefSchema = v.object({ prospectId: idSchema });
export const undoOutcomeSchema = v.object({ outcomeId: idSchema });
export const openSidePanelSchema = v.object({ prospectId: v.optional(idSchema) });

/** An address as a page shows it; the store normalises it (case, `Name <…>`, `mailto:`). */
const emailAddressSchema = v.pipe(
  v.string(),
  v.maxLength(320),
  v.check((value) => normalizeEmail(value) !== null, 'an email address'),
);

/**
 * The user's own addresses a content script saw: the signed-in account Gmail's menu names at load
 * ('account'), or the From of a send both confirmed by the network and started by the rep's own
 * trusted gesture ('send'). The background caps what it learns (lib/own-addresses.ts).
 */
export const learnOwnAddressesSchema = v.object({
  emails: v.pipe(v.array(emailAddressSchema), v.minLength(1), v.maxLength(20)),
  source: v.optional(v.picklist(LEARN_SOURCES), 'send'),
  /** The name Gmail's account menu shows beside the address (source 'account' only): a suggestion for the rep's own name. */
  name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100))),
});
export type LearnOwnAddresses = v.InferInput<typeof learnOwnAddressesSchema>;

/**
 * A detected send that did not go out after all (a Gmail scheduled send cancelled, put back to a
 * draft): every touch recorded for it is removed.
 */
export const withdrawSendSchema = v.object({
  channel: v.picklist(['email', 'linkedin']),
  sendKey: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
});
export type WithdrawSend = v.InferOutput<typeof withdrawSendSchema>;

/** An address a page offers to track (its thread's other party): may it be offered? */
export const checkTrackableSchema = v.object({ email: emailAddressSchema });

/** A learnt own address the rep removed in the options page (never learnt again). */
export const forgetOwnAddressSchema = v.object({ email: emailAddressSchema });

/** An address a mail system reported as undeliverable (a bounce). */
export const markUndeliverableSchema = v.object({ email: emailAddressSchema });

/** What the in-page overlays need of the settings: whether to show at all, and for the angle hint. */
export type OverlaySettings = Pick<
  Settings,
  | 'showOnLinkedIn'
  | 'nosThreshold'
  | 'disabledAngles'
  | 'angleTemplates'
  | 'customAngles'
  | 'skipWeekends'
>;

/** Something a content script failed to recognise on its site (a selector, a payload shape). */
export const diagnosticSchema = v.object({
  site: v.picklist(['gmail', 'linkedin']),
  /** A stable, short name of what failed, e.g. `sync-payload`, `compose-recipients`. */
  check: v.pipe(v.string(), v.regex(/^[a-z0-9:-]{1,60}$/, 'a short kebab-case name')),
  /** Metadata only (never page text): a count, a shape, a selector name. */
  detail: v.optional(v.pipe(v.string(), v.maxLength(200))),
});
export type Diagnostic = v.InferOutput<typeof diagnosticSchema>;

/** How many follow-ups are due today or overdue, for the badge and the in-page count. */
export interface DueCount {
  due: number;
  overdue: number;
}

/** A draft a content script is handed to put into its page's composer, once. */
export interface DraftInsert {
  id: string;
  target: ComposerTarget;
  subject?: string;
  body: string;
}

/**
 * How putting a draft into a composer ended: the content script's own word, `no-target` when the
 * prospect cannot be reached on that channel, `timeout` when the tab never answered.
 */
export type PutDraftResult = InsertResult | 'no-target' | 'timeout';

export interface ProtocolMap {
  recordSend(send: DetectedSend): RecordSendResult;
  /** Removes the touches of a send that never went out (a cancelled scheduled send). */
  withdrawSend(ref: WithdrawSend): { removedTouches: number };
  logManualTouch(touch: ManualTouch): { touchId: string };
  logOutcome(outcome: OutcomeInput): { outcomeId: string };
  undoOutcome(ref: { outcomeId: string }): { undone: boolean };
  trackProspect(prospect: NewProspect): { prospectId: string };
  /**
   * The undo of a page's "Track … as a prospect": removes the prospect only while it is new and has
   * nothing logged (lib/db/edits.ts untrackProspect); `removed: false` when it is gone already.
   */
  untrackProspect(ref: { prospectId: string }): { removed: boolean };
  /**
   * Whether an address may be offered for tracking: nobody's yet, not own, not ignored; if not,
   * why (`own` tells a page that knew fewer of the rep's addresses to look further).
   */
  checkTrackable(input: { email: string }): {
    trackable: boolean;
    why?: 'invalid' | 'own' | 'ignored' | 'known';
  };
  markNotAProspect(ref: { prospectId: string }): { deletedTouches: number };
  /** Adds the user's own addresses (and their company domain) to the settings; idempotent. */
  learnOwnAddresses(input: LearnOwnAddresses): {
    addedAddresses: string[];
    addedDomains: string[];
  };
  /** The rep's own addresses as the settings hold them, for a Gmail tab (content scripts never read the database). */
  getOwnAddresses(): { addresses: string[] };
  /** Removes a learnt own address and the domains learnt with it; it is never learnt again. */
  forgetOwnAddress(input: { email: string }): { removed: boolean };
  /** Flags a prospect's address as bouncing; never marks a reply. */
  markUndeliverable(input: { email: string }): { prospectId: string; added: boolean };
  lookUpProspects(query: LookUpProspects): ProspectSummary[];
  countDue(): DueCount;
  /** Opens the side panel (on a prospect); needs the user's gesture, so only from a click. */
  openSidePanel(ref: { prospectId?: string }): { opened: boolean };
  /** For content scripts, which cannot read the extension's database themselves. */
  getOverlaySettings(): OverlaySettings;
  /** What a content script failed to recognise on its page (metadata only), for the options page. */
  reportDiagnostic(diagnostic: Diagnostic): { recorded: boolean };
  /** Whether the tab's LinkedIn profile or conversation could be read, for the side panel. */
  reportPageRead(read: PageRead): { stored: boolean };
  /**
   * Opens the prospect's composer (the last thread or conversation, else a new one) in a new tab
   * with the draft put in once; answers when that tab's content script says how it went. Never sends.
   */
  putDraftInComposer(draft: DraftToComposer): { result: PutDraftResult; url?: string };
  /** The draft waiting for this tab (opened by putDraftInComposer), handed over once; else null. */
  takeDraftInsert(): DraftInsert | null;
  /** Whether the tab's content script put the draft it took into the composer. */
  reportDraftInsert(report: ReportDraftInsert): { recorded: boolean };
  ping(): { version: string };
}

/** The schema each message's payload must satisfy at the receiver. */
export const messageSchemas = {
  recordSend: detectedSendSchema,
  withdrawSend: withdrawSendSchema,
  logManualTouch: manualTouchSchema,
  logOutcome: outcomeInputSchema,
  undoOutcome: undoOutcomeSchema,
  trackProspect: newProspectSchema,
  untrackProspect: prospectRefSchema,
  checkTrackable: checkTrackableSchema,
  markNotAProspect: prospectRefSchema,
  learnOwnAddresses: learnOwnAddressesSchema,
  getOwnAddresses: v.undefined(),
  forgetOwnAddress: forgetOwnAddressSchema,
  markUndeliverable: markUndeliverableSchema,
  lookUpProspects: lookUpProspectsSchema,
  countDue: v.undefined(),
  openSidePanel: openSidePanelSchema,
  getOverlaySettings: v.undefined(),
  reportDiagnostic: diagnosticSchema,
  reportPageRead: pageReadSchema,
  putDraftInComposer: draftToComposerSchema,
  takeDraftInsert: v.undefined(),
  reportDraftInsert: reportDraftInsertSchema,
  ping: v.undefined(),
} satisfies {
  [K in keyof ProtocolMap]: v.GenericSchema<unknown, Parameters<ProtocolMap[K]>[0]>;
};

// ---- Who may send what ----

/**
 * Where a message may come from. `content`: one of our content scripts on a Gmail or LinkedIn tab,
 * page-adjacent, so it may record and look up what its page shows, and carry the rep's one-click
 * actions from our overlays (closed shadow roots that only a trusted click can reach); `extension`:
 * our own pages (side panel, options), which may do everything.
 */
export type SenderRole = 'content' | 'extension';

const CONTENT_AND_PAGES: readonly SenderRole[] = ['content', 'extension'];
const CONTENT_ONLY: readonly SenderRole[] = ['content'];
const PAGES_ONLY: readonly SenderRole[] = ['extension'];

/** Each message type names who may send it; the background refuses anyone else. */
export const MESSAGE_SENDERS: { readonly [K in keyof ProtocolMap]: readonly SenderRole[] } = {
  recordSend: CONTENT_ONLY,
  withdrawSend: CONTENT_ONLY,
  learnOwnAddresses: CONTENT_ONLY,
  getOwnAddresses: CONTENT_ONLY,
  markUndeliverable: CONTENT_ONLY,
  reportDiagnostic: CONTENT_ONLY,
  reportPageRead: CONTENT_ONLY,
  getOverlaySettings: CONTENT_ONLY,
  takeDraftInsert: CONTENT_ONLY,
  reportDraftInsert: CONTENT_ONLY,
  lookUpProspects: CONTENT_AND_PAGES,
  countDue: CONTENT_AND_PAGES,
  logOutcome: CONTENT_AND_PAGES,
  undoOutcome: CONTENT_AND_PAGES,
  trackProspect: CONTENT_AND_PAGES,
  untrackProspect: CONTENT_AND_PAGES,
  checkTrackable: CONTENT_AND_PAGES,
  markNotAProspect: CONTENT_AND_PAGES,
  openSidePanel: CONTENT_AND_PAGES,
  ping: CONTENT_AND_PAGES,
  logManualTouch: PAGES_ONLY,
  forgetOwnAddress: PAGES_ONLY,
  putDraftInComposer: PAGES_ONLY,
};

/** What the background knows of a message's sender (runtime.MessageSender, the parts used). */
export interface MessageSenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

export type SenderKind =
  | { role: 'extension' }
  | { role: 'content'; site: 'gmail' | 'linkedin' }
  | { role: 'unknown'; why: string };

const CONTENT_SITES: Record<string, 'gmail' | 'linkedin'> = {
  'mail.google.com': 'gmail',
  'www.linkedin.com': 'linkedin',
};

/**
 * Who sent a message: our own page (its URL in our origin, in no web page's tab), our content
 * script on a tracked site (its frame's URL an https page of Gmail or LinkedIn, in a tab), or
 * anyone else. `self` is this extension's id and origin (`chrome-extension://<id>/`).
 */
export function classifySender(
  sender: MessageSenderInfo | undefined,
  self: { id: string; origin: string },
): SenderKind {
  if (!sender || sender.id !== self.id) return { role: 'unknown', why: 'another extension' };
  const url = typeof sender.url === 'string' ? sender.url : '';
  if (url.startsWith(self.origin)) {
    const tabUrl = sender.tab?.url;
    // Our page inside someone else's tab (an embedded frame) is not our page.
    if (typeof tabUrl === 'string' && !tabUrl.startsWith(self.origin)) {
      return { role: 'unknown', why: 'an extension page framed in a web page' };
    }
    return { role: 'extension' };
  }
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  const site = parsed?.protocol === 'https:' ? CONTENT_SITES[parsed.host] : undefined;
  if (site && sender.tab) return { role: 'content', site };
  return { role: 'unknown', why: 'no page of ours and no tracked site' };
}

export class ForbiddenSenderError extends Error {
  override name = 'ForbiddenSenderError';
}

/** Throws unless `type` may come from this sender. */
export function authorizeSender(type: keyof ProtocolMap, sender: SenderKind): void {
  if (sender.role === 'unknown') {
    throw new ForbiddenSenderError(`${type} refused: the sender is ${sender.why}`);
  }
  if (!MESSAGE_SENDERS[type].includes(sender.role)) {
    const who = sender.role === 'content' ? 'a content script' : 'an extension page';
    throw new ForbiddenSenderError(`${type} refused: ${who} may not send it`);
  }
}

/**
 * A content script speaks for its own site only: Gmail's records email sends and learns own
 * addresses, LinkedIn's records LinkedIn sends and says whether its page could be read. Throws
 * otherwise. Checked after parsing.
 */
export function authorizeSite<K extends keyof ProtocolMap>(
  type: K,
  sender: SenderKind,
  payload: Parameters<ProtocolMap[K]>[0],
): void {
  if (sender.role !== 'content') return;
  const channel = sender.site === 'gmail' ? 'email' : 'linkedin';
  const data = payload as { channel?: unknown; site?: unknown } | undefined;
  const gmailOnly =
    type === 'learnOwnAddresses' || type === 'getOwnAddresses' || type === 'markUndeliverable';
  const linkedinOnly = type === 'reportPageRead';
  const wrongChannel =
    (type === 'recordSend' || type === 'withdrawSend') && data?.channel !== channel;
  const wrongSite = type === 'reportDiagnostic' && data?.site !== sender.site;
  if (
    (gmailOnly && sender.site !== 'gmail') ||
    (linkedinOnly && sender.site !== 'linkedin') ||
    wrongChannel ||
    wrongSite
  ) {
    throw new ForbiddenSenderError(`${type} refused: not for a ${sender.site} content script`);
  }
}

export class UnknownMessageError extends Error {
  override name = 'UnknownMessageError';
}

/** Whether `type` names a message of the protocol. */
export function isProtocolMessage(type: unknown): type is keyof ProtocolMap {
  return typeof type === 'string' && Object.hasOwn(messageSchemas, type);
}

// ---- The sends port ----

/**
 * The port a content script keeps open to the background while it has sends in flight: held in
 * Gmail's undo window, or handed to the outbox and not yet stored. Its disconnect (the tab closed,
 * navigated away or crashed) tells the background to settle what the page can no longer undo.
 */
export const SENDS_PORT = 'fifth-touch:sends';

const portSendKeySchema = v.pipe(v.string(), v.minLength(1), v.maxLength(300));
const portChannelSchema = v.picklist(['email', 'linkedin']);

/** What a content script says over the sends port; the background parses each message. */
export const sendsPortMessageSchema = v.variant('type', [
  /** Network-confirmed, undo window open until `send.sendingUntil`: stored as sending. */
  v.object({
    type: v.literal('hold'),
    send: v.pipe(
      detectedSendSchema,
      v.check((send) => send.sendingUntil !== undefined, 'a held send needs sendingUntil'),
      v.check((send) => send.overLimit === undefined, 'a held send is not over a limit'),
    ),
  }),
  /** Undone, failed or excluded while held: its sending touches go. */
  v.object({ type: v.literal('release'), channel: portChannelSchema, sendKey: portSendKeySchema }),
  /** Handed to the outbox: if the page goes before it is stored, the background stores it. */
  v.object({ type: v.literal('claim'), channel: portChannelSchema, sendKey: portSendKeySchema }),
  /** Stored (or given up on): nothing more for the background to do for this page. */
  v.object({ type: v.literal('done'), channel: portChannelSchema, sendKey: portSendKeySchema }),
  /** Keeps the worker up while something is held (an idle worker stops after 30 s). */
  v.object({ type: v.literal('ping') }),
]);
export type SendsPortMessage = v.InferOutput<typeof sendsPortMessageSchema>;

/** Each port names who may open it, as each message type does; the background refuses anyone else. */
export const PORT_SENDERS: { readonly [SENDS_PORT]: readonly SenderRole[] } = {
  // Page-adjacent like recordSend: what a content script holds is its own page's sends.
  [SENDS_PORT]: CONTENT_ONLY,
};

/** Throws unless this sender may open a port of that name. */
export function authorizePort(name: string, sender: SenderKind): void {
  const allowed = Object.hasOwn(PORT_SENDERS, name)
    ? PORT_SENDERS[name as keyof typeof PORT_SENDERS]
    : undefined;
  if (!allowed) throw new ForbiddenSenderError(`port ${name.slice(0, 60)} refused: no such port`);
  if (sender.role === 'unknown') {
    throw new ForbiddenSenderError(`port ${name} refused: the sender is ${sender.why}`);
  }
  if (!allowed.includes(sender.role)) {
    const who = sender.role === 'content' ? 'a content script' : 'an extension page';
    throw new ForbiddenSenderError(`port ${name} refused: ${who} may not open it`);
  }
}

/**
 * A content script's sends port speaks for its own site only, as its recordSend does: Gmail's
 * holds and claims email sends, LinkedIn's LinkedIn sends.
 */
export function portMessageFitsSender(message: SendsPortMessage, sender: SenderKind): boolean {
  if (message.type === 'ping') return true;
  if (sender.role !== 'content') return false;
  const channel = message.type === 'hold' ? message.send.channel : message.channel;
  return channel === (sender.site === 'gmail' ? 'email' : 'linkedin');
}

export class InvalidMessageError extends Error {
  override name = 'InvalidMessageError';
}

/** Parses a payload, or throws an error that says which field is wrong and why. */
export function parseMessage<K extends keyof ProtocolMap>(
  type: K,
  data: unknown,
): Parameters<ProtocolMap[K]>[0] {
  const result = v.safeParse(messageSchemas[type], data);
  if (!result.success) {
    const detail = result.issues
      .slice(0, 3)
      .map((issue) => `${v.getDotPath(issue) ?? 'payload'}: ${issue.message}`)
      .join('; ');
    throw new InvalidMessageError(`Invalid ${type} message: ${detail}`);
  }
  return result.output as Parameters<ProtocolMap[K]>[0];
}

export const { sendMessage, onMessage, removeAllListeners } =
  defineExtensionMessaging<ProtocolMap>();
