// One line where Fifth Touch meets a LinkedIn page it should read (a profile, a conversation) but
// cannot: no silent nothing. What failed is kept in the local diagnostics (options page), not here.
export type UnreadablePage = 'profile' | 'conversation';

export const UNREADABLE_TEXT: Record<UnreadablePage, string> = {
  profile: "Fifth Touch can't read this profile yet",
  conversation: "Fifth Touch can't read this conversation yet",
};

export function UnreadableNotice({ page }: { page: UnreadablePage }) {
  return (
    <section className="ft-box" aria-label="Fifth Touch">
      <p className="ft-notice" role="status">
        {UNREADABLE_TEXT[page]}
      </p>
    </section>
  );
}
