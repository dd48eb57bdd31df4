// Where a Gmail send becomes the DetectedSend the background records: from the network event the
// isolated side made of a sync request (bridge.ts, recipients with their roles), or from what the
// DOM layer read of a compose (To, Cc and Bcc). Pure; null when nothing valid is left.
import * as v from 'valibot';
import { detectedSendSchema, oneLine, type DetectedSend, type Recipient } from '../../model';
import { gmailSendKey } from './ids';
import { threadLink } from './urls';

export interface GmailContact {
  email: string;
  name?: string;
}

type Role = 'to' | 'cc' | 'bcc';

/** At most this many recipients are recorded for one send (as the sync parser reads). */
export const MAX_RECIPIENTS = 100;

/** A send's To, Cc and Bcc as recipients with their roles (names cut to one line). */
export function recipientsOf(send: {
  to: readonly GmailContact[];
  cc: readonly GmailContact[];
  bcc: readonly GmailContact[];
}): Recipient[] {
  const recipients: Recipient[] = [];
  const roles = [
    ['to', send.to],
    ['cc', send.cc],
    ['bcc', send.bcc],
  ] as const;
  for (const [role, contacts] of roles) {
    for (const contact of contacts) {
      recipients.push({
        email: contact.email,
        role,
        ...(contact.name ? { name: oneLine(contact.name) } : {}),
      });
    }
  }
  return recipients;
}

/** What a send must say to be recorded: its people by role, or by contact list. */
export type SendFields = {
  messageId: string;
  threadId?: string;
  /** The 16-hex thread id URLs use. */
  legacyThreadId?: string;
  subject: string;
  scheduledFor?: number;
} & (
  | { recipients: readonly { email: string; name?: string; role: Role }[] }
  | { to: readonly GmailContact[]; cc: readonly GmailContact[]; bcc: readonly GmailContact[] }
);

export interface ToDetectedSendOptions {
  /** The account path, 'u/1'. */
  account: string;
  at: number;
  confirmed: boolean;
}

/**
 * The DetectedSend the background records, or null when nothing valid is left (no recipient with
 * an address). The key is the message id, which the DOM layer reads as the draft id.
 */
export function toDetectedSend(
  send: SendFields,
  { account, at, confirmed }: ToDetectedSendOptions,
): DetectedSend | null {
  const sendKey = gmailSendKey(send.messageId);
  if (!sendKey) return null;
  const recipients =
    'recipients' in send
      ? recipientsOf({
          to: send.recipients.filter((r) => r.role === 'to'),
          cc: send.recipients.filter((r) => r.role === 'cc'),
          bcc: send.recipients.filter((r) => r.role === 'bcc'),
        })
      : recipientsOf(send);
  const linkId = send.legacyThreadId ?? send.threadId;
  const link = linkId ? threadLink(account, linkId) : undefined;
  const candidate: DetectedSend = {
    channel: 'email',
    at,
    sendKey,
    summary: oneLine(send.subject) || '(no subject)',
    confirmed,
    account: `/mail/${account}`,
    recipients: recipients.slice(0, MAX_RECIPIENTS),
    ...(link ? { link } : {}),
    ...(send.threadId ? { threadId: send.threadId } : {}),
    ...(send.scheduledFor !== undefined ? { scheduledFor: send.scheduledFor } : {}),
  };
  const result = v.safeParse(detectedSendSchema, candidate);
  return result.success ? result.output : null;
}
