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
import { pageReadSchema, type PageRead } from './page-read';

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

/** The user's own addresses a content script saw (the From of their sends). */
export const learnOwnAddressesSchema = v.object({
  emails: v.pipe(v.array(emailAddressSchema), v.minLength(1), v.maxLength(20)),
});
export type LearnOwnAddresses = v.InferOutput<typeof learnOwnAddressesSchema>;

/**
 * A detected send that did not go out after all (a Gmail scheduled send cancelled, put back to a
 * draft): every touch recorded for it is removed.
 */
export const withdrawSendSchema = v.object({
  channel: v.picklist(['email', 'linkedin']),
  sendKey: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
});
export type WithdrawSend = v.InferOutput<typeof withdrawSendSchema>;

/** An address a mail system reported as undeliverable (a bounce). */
export const markUndeliverableSchema = v.object({ email: emailAddressSchema });

/** What the in-page overlays need of the settings: whether to show at all, and for the angle hint. */
export type OverlaySettings = Pick<
  Settings,
  'showOnLinkedIn' | 'nosThreshold' | 'disabledAngles' | 'angleTemplates' | 'customAngles'
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

export interface ProtocolMap {
  recordSend(send: DetectedSend): RecordSendResult;
  /** Removes the touches of a send that never went out (a cancelled scheduled send). */
  withdrawSend(ref: WithdrawSend): { removedTouches: number };
  logManualTouch(touch: ManualTouch): { touchId: string };
  logOutcome(outcome: OutcomeInput): { outcomeId: string };
  undoOutcome(ref: { outcomeId: string }): { undone: boolean };
  trackProspect(prospect: NewProspect): { prospectId: string };
  markNotAProspect(ref: { prospectId: string }): { deletedTouches: number };
  /** Adds the user's own addresses (and their company domain) to the settings; idempotent. */
  learnOwnAddresses(input: LearnOwnAddresses): { addedAddresses: string[]; addedDomains: string[] };
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
  markNotAProspect: prospectRefSchema,
  learnOwnAddresses: learnOwnAddressesSchema,
  markUndeliverable: markUndeliverableSchema,
  lookUpProspects: lookUpProspectsSchema,
  countDue: v.undefined(),
  openSidePanel: openSidePanelSchema,
  getOverlaySettings: v.undefined(),
  reportDiagnostic: diagnosticSchema,
  reportPageRead: pageReadSchema,
  ping: v.undefined(),
} satisfies { [K in keyof ProtocolMap]: v.GenericSchema<unknown, Parameters<ProtocolMap[K]>[0]> };

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
