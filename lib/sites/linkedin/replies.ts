// Who answered on LinkedIn: for each tracked prospect shown in an open conversation, whether their
// latest visible message came after our last touch to them (on any channel: the touch time is the
// prospect's, not the conversation's). A reply is per person, so a prospect already replied, won,
// lost or not tracked gives nothing, and one reply is reported once however often the page is read.
// LinkedIn shows times to the minute, so a message in the same minute as the touch is not counted.
import { normalizeLinkedInId } from '../../identity';
import type { ProspectSummary } from '../../messages';
import type { ConversationView } from './read-conversation';

const SETTLED = new Set(['replied', 'won', 'lost', 'not-prospect']);

export interface ConversationReply {
  prospectId: string;
  /** When the prospect's message was written (epoch ms, to the minute). */
  at: number;
  conversationId?: string;
}

/** The prospect a conversation is with, by the header's id. */
export function prospectOfConversation(
  view: Pick<ConversationView, 'who'>,
  prospects: readonly ProspectSummary[],
): ProspectSummary | undefined {
  const id = normalizeLinkedInId(view.who.profileId ?? null);
  if (!id) return undefined;
  return prospects.find((prospect) => prospect.linkedinIds.includes(id));
}

/**
 * The prospect a conversation is with when a message from them could still be a reply (tracked,
 * touched, not settled): only such a conversation needs its messages read.
 */
export function prospectAwaitingReply(
  view: Pick<ConversationView, 'who'>,
  prospects: readonly ProspectSummary[],
): ProspectSummary | undefined {
  const prospect = prospectOfConversation(view, prospects);
  if (!prospect || SETTLED.has(prospect.status) || prospect.lastTouchAt === undefined) return;
  return prospect;
}

export function findConversationReplies(
  views: readonly ConversationView[],
  prospects: readonly ProspectSummary[],
): ConversationReply[] {
  const replies = new Map<string, ConversationReply>();
  for (const view of views) {
    const prospect = prospectAwaitingReply(view, prospects);
    const message = view.lastMessageFromOther;
    if (!prospect || prospect.lastTouchAt === undefined) continue;
    if (!message || message.at === undefined) continue;
    // The message must be the prospect's, not someone else's in a group conversation.
    const sender = normalizeLinkedInId(message.profileId ?? null);
    const shown = normalizeLinkedInId(view.who.profileId ?? null);
    if (sender && sender !== shown && !prospect.linkedinIds.includes(sender)) continue;
    if (message.at <= prospect.lastTouchAt) continue;
    const known = replies.get(prospect.id);
    if (!known || message.at > known.at) {
      replies.set(prospect.id, {
        prospectId: prospect.id,
        at: message.at,
        ...(view.conversationId ? { conversationId: view.conversationId } : {}),
      });
    }
  }
  return [...replies.values()];
}
