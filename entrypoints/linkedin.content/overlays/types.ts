// What every LinkedIn overlay is told on each scan of the page (the contract itself is
// components/overlay/types.ts): LinkedIn's overlays are mounted once and updated with the state.
import type { Overlay } from '../../../components/overlay/types';
import type { UnreadablePage } from '../../../components/linkedin/UnreadableNotice';
import type { OverlaySettings, ProspectSummary } from '../../../lib/messages';
import type { ConversationHeader } from '../../../lib/sites/linkedin/read-conversation';
import type { ProfileView } from '../../../lib/sites/linkedin/read-profile';

/** What every overlay module gets on each scan. */
export interface PageState {
  today: string;
  settings: OverlaySettings;
  /** The profile read from its top card (with a name), or null. */
  profile: ProfileView | null;
  /** The owner's top card the profile was read from. */
  profileCard: Element | null;
  /** The open conversations, messages unread (reply detection reads those it needs). */
  conversations: ConversationHeader[];
  /** Set when this page should show a person and, after a grace period, still does not. */
  unreadable?: UnreadablePage;
  prospects: ProspectSummary[];
  /** Outcome ids of replies this page logged, by prospect, for Undo. */
  loggedReplies: ReadonlyMap<string, string>;
  /** Re-reads the page and the store now (after an action). */
  refresh(): void;
}

export type LinkedInOverlay = Overlay<void, PageState>;
