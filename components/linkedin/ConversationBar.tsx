// Above a conversation's composer (thread page or bubble): the prospect's status line, a notice
// with Undo when Fifth Touch just marked them replied, and the lazy-line coach for the draft.
import type { LocalDay } from '../../lib/model';
import type { ProspectSummary } from '../../lib/messages';
import { StatusLine } from '../overlay/StatusLine';

export interface ConversationBarProps {
  summary: ProspectSummary;
  today: LocalDay;
  /** Set when a reply was just logged from this conversation; Undo removes it. */
  replyLogged?: { undo(): Promise<unknown> } | undefined;
  /** The lazy phrases the draft holds ("just checking in"), when it says nothing else. */
  lazyPhrases?: readonly string[];
}

export function ConversationBar({
  summary,
  today,
  replyLogged,
  lazyPhrases = [],
}: ConversationBarProps) {
  return (
    <section className="ft-box" aria-label="Fifth Touch">
      <StatusLine summary={summary} today={today} />
      {replyLogged ? (
        <p className="ft-notice" role="status">
          Marked replied: their message came after your last touch.{' '}
          <button type="button" onClick={() => void replyLogged.undo().catch(() => undefined)}>
            Undo
          </button>
        </p>
      ) : null}
      {lazyPhrases.length > 0 ? (
        <p className="ft-coach" role="note">
          “{lazyPhrases[0]}” gives them no reason to answer: add something worth their time.
        </p>
      ) : null}
    </section>
  );
}
