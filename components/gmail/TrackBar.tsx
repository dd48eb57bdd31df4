// "Track <name> as a prospect" over a Gmail thread whose other party is nobody in the store yet
// (one click: name and address from the thread); the line the thread bar shows right after, with
// its Undo, is components/overlay/TrackedNotice. Names and addresses are page text: rendered as text.

export interface TrackBarProps {
  /** The thread's other party, as the thread showed them. */
  person: { name: string; email: string };
  busy?: boolean;
  /** Said after an Undo, or when tracking failed (the background's reason). */
  notice?: { kind: 'untracked' } | { kind: 'error'; message: string };
  onTrack(): void;
}

export function TrackBar({ person, busy, notice, onTrack }: TrackBarProps) {
  const label = person.name || person.email;
  return (
    <div className="ft ft-bar" role="region" aria-label="Fifth Touch: not tracked">
      <span className="ft-name" title={person.email}>
        {label}
      </span>
      {person.name && <span className="ft-muted">{person.email}</span>}
      {notice?.kind === 'untracked' && <span role="status">No longer tracked.</span>}
      {notice?.kind === 'error' && (
        <span className="ft-error" role="alert">
          {notice.message}
        </span>
      )}
      <span className="ft-actions">
        <button type="button" disabled={busy} onClick={onTrack}>
          Track {label} as a prospect
        </button>
      </span>
    </div>
  );
}
