// Who the rep is talking to in a thread, for "Track <name> as a prospect": the last person who
// wrote who is neither the rep nor a machine; in a thread only the rep wrote in, whom they wrote
// to. Pure: the thread comes in as what a page showed, already read.
import { cleanDisplayName, normalizeEmail } from './identity';

/** Someone a thread names: an address, and the name shown beside it (page text, maybe empty). */
export interface ThreadPerson {
  email: string;
  name: string;
}

/** One message of a thread as far as who wrote it and to whom. */
export interface ThreadMessageParties {
  from: { email: string | null; name?: string | null } | null;
  to: readonly { email: string | null; name?: string | null }[];
}

// Local parts that belong to machines, not people: no-reply senders, notification and list
// robots, delivery reports. A suffix after a separator counts too (`noreply-billing@`, `bounces+x@`).
const AUTOMATED_LOCAL_PART =
  /^(?:no[._-]?reply|do[._-]?not[._-]?reply|dont[._-]?reply|notifications?|notify|alerts?|mailer[._-]?daemon|mail[._-]?daemon|postmaster|bounces?|nobody|newsletters?|digest|automated|system|listserv|majordomo)(?:[+._-].*)?$/i;
// A list's own addresses (`team-request@`, `dev-bounces@`, `x-owner@`), GitHub's reply robots.
const AUTOMATED_LOCAL_SUFFIX = /[+._-](?:request|bounces?|owner|noreply|no-reply|unsubscribe)$/i;
const AUTOMATED_LOCAL_PREFIX = /^(?:reply|bounce|noreply|no-reply)[+=]/i;
// Domains used only by machines (a no-reply domain, a bounce domain, a list server).
const AUTOMATED_DOMAIN_LABEL =
  /^(?:no[._-]?reply|bounces?|mailer[._-]?daemon|lists?|listserv|notifications?)$/i;

/**
 * Whether an address is a machine's: no-reply, notifications, mailer-daemon, a mailing list's
 * robot. Such a sender is never offered as a prospect. Anything that is not an address is too.
 */
export function isAutomatedAddress(raw: string | null | undefined): boolean {
  const email = normalizeEmail(raw);
  if (!email) return true;
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (AUTOMATED_LOCAL_PART.test(local)) return true;
  if (AUTOMATED_LOCAL_SUFFIX.test(local) || AUTOMATED_LOCAL_PREFIX.test(local)) return true;
  // `noreply.github.com`, `bounces.example.org`: any label but the last two (the registered name).
  const labels = domain.split('.');
  return labels.slice(0, -2).some((label) => AUTOMATED_DOMAIN_LABEL.test(label));
}

/**
 * The thread's other party: the sender of the last message that is not from one of `own` nor from
 * a machine; when no such message exists (a thread the rep started, nobody answered), the first
 * person the rep's last message went to who is neither. Null when there is nobody to offer.
 */
export function otherPartyOf(
  messages: readonly ThreadMessageParties[],
  own: ReadonlySet<string>,
): ThreadPerson | null {
  const person = (raw: { email: string | null; name?: string | null } | null) => {
    const email = normalizeEmail(raw?.email);
    if (!email || own.has(email) || isAutomatedAddress(email)) return null;
    return { email, name: cleanDisplayName(raw?.name ?? undefined).slice(0, 200) };
  };
  for (let i = messages.length - 1; i >= 0; i--) {
    const sender = person(messages[i]!.from);
    if (sender) return sender;
  }
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    const fromOwn = normalizeEmail(message.from?.email);
    if (!fromOwn || !own.has(fromOwn)) continue;
    for (const recipient of message.to) {
      const found = person(recipient);
      if (found) return found;
    }
  }
  return null;
}
