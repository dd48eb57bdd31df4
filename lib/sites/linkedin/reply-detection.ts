// Where a LinkedIn reply becomes an outcome: a prospect whose message in a conversation the page
// shows came after their last touch is marked replied, once per person per page (the finder skips
// settled prospects, so a reply seen on another channel is not counted twice). Takes what the page
// scan read (read-conversation.ts) and acts through `logReply`, so a test runs it on a fixture; the
// overlays' page scan (entrypoints/linkedin.content/overlays/index.ts) runs it on every scan.
import type { ProspectSummary } from '../../messages';
import type { ConversationView } from './read-conversation';
import { findConversationReplies } from './replies';

export interface LinkedInReplyOutlets {
  logReply(reply: { prospectId: string; at: number }): Promise<{ outcomeId: string }>;
}

/**
 * Logs each new reply once; `logged` (prospect id → outcome id, '' while in flight) is the page's
 * memory, kept by the caller for Undo. Returns how many were logged. Never throws.
 */
export async function detectConversationReplies(
  conversations: readonly ConversationView[],
  prospects: readonly ProspectSummary[],
  logged: Map<string, string>,
  outlets: LinkedInReplyOutlets,
): Promise<number> {
  let count = 0;
  for (const reply of findConversationReplies(conversations, prospects)) {
    if (logged.has(reply.prospectId)) continue;
    logged.set(reply.prospectId, '');
    try {
      const { outcomeId } = await outlets.logReply({ prospectId: reply.prospectId, at: reply.at });
      logged.set(reply.prospectId, outcomeId);
      count += 1;
    } catch {
      logged.delete(reply.prospectId);
    }
  }
  return count;
}
