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
 * The replies (and auto-replies, bounces) prospects wrote in this thread after our last touch to
 * them. Bounces come from a mail system, not the prospect: one after a touch is reported for every
 * active prospect in the thread's recipients of that touch (the caller shows it; the store has no
 * write for it yet).
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
      if (!from || ownAddresses.has(from)) continue;
      const at = messageTimeOf(message);
      if (at === null || at <= prospect.lastTouchAt || !message.messageId) continue;
      const kind = classifyInbound({
        fromEmail: from,
        fromName: message.fromName,
        subject: thread.subject,
      });
      const fromProspect = emails.has(from);
      if (!fromProspect && kind !== 'bounce') continue;
      const email = fromProspect ? from : (prospect.emails[0] ?? '');
      // A real reply outranks an auto-reply or bounce; later outranks earlier.
      if (
        !best ||
        rank(kind) > rank(best.kind) ||
        (rank(kind) === rank(best.kind) && at > best.at)
      ) {
        best = { prospectId: prospect.id, email, messageId: message.messageId, at, kind };
      }
    }
    if (best) replies.push(best);
  }
  return replies;
}

function rank(kind: InboundKind): number {
  return kind === 'reply' ? 2 : kind === 'auto-reply' ? 1 : 0;
}
