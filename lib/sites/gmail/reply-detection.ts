// Where a Gmail reply becomes an outcome: on an open thread, a prospect who wrote after their last
// touch (on any channel) is marked replied, once per message across page loads (the rep may undo
// it); an auto-reply is said, never counted; a bounce naming a prospect's address flags that
// address undeliverable, never a reply. Reads the thread the page shows (read-thread.ts, finders in
// replies.ts) and acts through `outlets`, so a test runs it on a fixture. The thread bar
// (entrypoints/gmail.content/overlays/thread-bar.tsx) runs it before it shows the prospect.
import type { ProspectSummary } from '../../messages';
import type { ThreadView } from './read-thread';
import { findThreadBounces, findThreadReplies } from './replies';

/** What the thread bar says about a prospect after detection. */
export type ReplyNotice =
  | { kind: 'marked'; outcomeId: string }
  | { kind: 'undone' }
  | { kind: 'auto-reply' }
  | { kind: 'bounce'; email: string | null };

/** Replies already acted on (marked, or the mark undone), by message id, across page loads. */
export type SeenReplies = Record<string, 'marked' | 'undone'>;

export interface ReplyOutlets {
  logReply(reply: { prospectId: string; at: number }): Promise<{ outcomeId: string }>;
  markUndeliverable(email: string): Promise<unknown>;
  loadSeen(): Promise<SeenReplies>;
  saveSeen(seen: SeenReplies): Promise<void>;
}

/** Acts on the thread's replies and bounces; returns what to say, by prospect id. Never throws. */
export async function detectThreadReplies(
  thread: ThreadView,
  prospects: readonly ProspectSummary[],
  own: ReadonlySet<string>,
  outlets: ReplyOutlets,
): Promise<Map<string, ReplyNotice>> {
  const notices = new Map<string, ReplyNotice>();
  const seen = await outlets.loadSeen().catch((): SeenReplies => ({}));
  for (const bounce of findThreadBounces(thread, prospects, own)) {
    notices.set(bounce.prospectId, { kind: 'bounce', email: bounce.email });
    if (!bounce.email) continue;
    try {
      await outlets.markUndeliverable(bounce.email);
    } catch (error) {
      console.debug('[Fifth Touch] could not flag the bounce:', error);
    }
  }
  for (const reply of findThreadReplies(thread, prospects, own)) {
    if (reply.kind === 'auto-reply') notices.set(reply.prospectId, { kind: 'auto-reply' });
    else if (!seen[reply.messageId]) {
      try {
        const { outcomeId } = await outlets.logReply({
          prospectId: reply.prospectId,
          at: reply.at,
        });
        seen[reply.messageId] = 'marked';
        notices.set(reply.prospectId, { kind: 'marked', outcomeId });
      } catch (error) {
        console.debug('[Fifth Touch] could not mark the reply:', error);
      }
    }
  }
  await outlets.saveSeen(seen).catch(() => undefined);
  return notices;
}
