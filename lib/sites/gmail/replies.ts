// Who answered in the open thread: for each tracked prospect, their latest message written after
// our last touch to them. Gmail's legacy message ids carry the time the message arrived (the id's
// upper bits are epoch milliseconds, as the captures show: 196195b51bdb9ff3 → 2025-04-09 07:02 UTC),
// so no localised date text is parsed. Auto-replies and bounces are told apart (lib/replies).
import { classifyInbound, type InboundKind } from '../../replies/classify';
import { normalizeEmail } from '../../identity';
import type { ProspectSummary } from '../../messages';
import type { ThreadMessage, ThreadView } from './read-thread';

/** Statuses in which a reply changes nothing (already replied, closed, or not tracked). */
const SETTLED = new Set(['replied', 'won', 'lost', 'not-prospect']);

export interface ThreadReply {
  prospectId: string;
  email: string;
  /** The message that counts: the prospect's latest after the last touch. */
  messageId: string;
  at: number;
  kind: InboundKind;
}

/** When Gmail received a message, from its legacy hex id or its `msg-f:` decimal id. */
export function messageTimeOf(
  message: Pick<ThreadMessage, 'messageId' | 'legacyMessageId'>,
): number | null {
  try {
    let id: bigint | null = null;
    if (message.legacyMessageId && /^[0-9a-f]{12,16}$/.test(message.legacyMessageId)) {
      id = BigInt(`0x${message.legacyMessageId}`);
    } else if (message.messageId?.startsWith('msg-f:')) {
      id = BigInt(message.messageId.slice('msg-f:'.length));
    }
    if (id === null) return null;
    const at = Number(id >> 20n);
    // Only plausible times: Gmail's launch to a day ahead of anything a clock could say.
    return at > 1_072_915_200_000 && at < 4_102_444_800_000 ? at : null;
  } catch {
    return null;
  }
}

/**
 * The replies (and auto-replies) prospects wrote in this thread after their last touch, on any
 * channel: the touch time is the prospect's (ProspectSummary.lastTouchAt), not this thread's, so
 * a prospect who answers in a new thread counts as much as one who answers in ours. A reply is per
 * person: prospects who already replied (or are closed, or not tracked) give nothing. Bounces come
 * from a mail system, not the prospect: see findThreadBounces.
 */
export function findThreadReplies(
  thread: ThreadView,
  prospects: readonly ProspectSummary[],
  ownAddresses: ReadonlySet<string> = new Set(),
): ThreadReply[] {
  const replies: ThreadReply[] = [];
  for (const prospect of prospects) {
    if (SETTLED.has(prospect.status) || prospect.lastTouchAt === undefined) continue;
    const emails = new Set(prospect.emails.map((e) => normalizeEmail(e)).filter(Boolean));
    let best: ThreadReply | null = null;
    for (const message of thread.messages) {
      const from = normalizeEmail(message.fromEmail);
      if (!from || ownAddresses.has(from) || !emails.has(from)) continue;
      const at = messageTimeOf(message);
      if (at === null || at <= prospect.lastTouchAt || !message.messageId) continue;
      const kind = classifyInbound({
        fromEmail: from,
        fromName: message.fromName,
        subject: thread.subject,
      });
      // A prospect's own address never sends a bounce; a mail system's would not be theirs.
      if (kind === 'bounce') continue;
      // A real reply outranks an auto-reply; later outranks earlier.
      if (
        !best ||
        rank(kind) > rank(best.kind) ||
        (rank(kind) === rank(best.kind) && at > best.at)
      ) {
        best = { prospectId: prospect.id, email: from, messageId: message.messageId, at, kind };
      }
    }
    if (best) replies.push(best);
  }
  return replies;
}

export interface ThreadBounce {
  prospectId: string;
  /** The prospect's address the report names; null when its body is not shown (collapsed). */
  email: string | null;
  messageId: string;
  at: number;
}

/**
 * Delivery failures (mailer-daemon, postmaster…) in this thread after a prospect's last touch. A
 * report that names one of the prospect's addresses outside the mail it quotes is about that
 * address, and only that one (co-recipients of the same send are not flagged); a report whose body
 * is not shown is returned with no address, for a notice only. Never a reply.
 */
export function findThreadBounces(
  thread: ThreadView,
  prospects: readonly ProspectSummary[],
  ownAddresses: ReadonlySet<string> = new Set(),
): ThreadBounce[] {
  const bounces: ThreadBounce[] = [];
  for (const prospect of prospects) {
    if (prospect.status === 'not-prospect' || prospect.lastTouchAt === undefined) continue;
    const emails = prospect.emails.map((e) => normalizeEmail(e)).filter((e): e is string => !!e);
    const found = new Map<string, ThreadBounce>();
    let unnamed: ThreadBounce | null = null;
    for (const message of thread.messages) {
      const from = normalizeEmail(message.fromEmail);
      if (!from || ownAddresses.has(from) || emails.includes(from) || !message.messageId) continue;
      const at = messageTimeOf(message);
      if (at === null || at <= prospect.lastTouchAt) continue;
      const kind = classifyInbound({
        fromEmail: from,
        fromName: message.fromName,
        subject: thread.subject,
      });
      if (kind !== 'bounce') continue;
      const named = new Set(message.namedEmails ?? []);
      const hits = emails.filter((email) => named.has(email));
      for (const email of hits) {
        found.set(email, { prospectId: prospect.id, email, messageId: message.messageId, at });
      }
      // A report naming only other people is about them, not this prospect.
      if (hits.length === 0 && named.size === 0) {
        unnamed ??= { prospectId: prospect.id, email: null, messageId: message.messageId, at };
      }
    }
    if (found.size > 0) bounces.push(...found.values());
    else if (unnamed) bounces.push(unnamed);
  }
  return bounces;
}

function rank(kind: InboundKind): number {
  return kind === 'reply' ? 2 : 1;
}
