// The line an overlay shows right after "Track … as a prospect": who is tracked now, and the Undo
// that removes them again while nothing is logged for them (lib/db/edits.ts untrackProspect).
// The name is page text: rendered as text.

export interface TrackedNoticeProps {
  name: string;
  busy?: boolean;
  /** Why the Undo failed (the background's reason), if it did. */
  error?: string;
  onUndo(): void;
}

/** "Now tracking <name>. Undo", in a Gmail thread bar or a LinkedIn profile card right after a track. */
export function TrackedNotice({ name, busy, error, onUndo }: TrackedNoticeProps) {
  return (
    <span className="ft-note" role="status">
      Now tracking {name}.{' '}
      <button type="button" disabled={busy} onClick={onUndo}>
        Undo
      </button>
      {error && (
        <span className="ft-error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}
