// The card on a LinkedIn profile: where a tracked prospect stands (touch N, nos, due), the angle for
// the next touch and one-click actions; an untracked profile offers "Track as prospect", and the
// card that follows a track says so with an Undo until anything is logged for them.
import { useState } from 'react';
import type { LocalDay } from '../../lib/model';
import type { OverlaySettings, ProspectSummary } from '../../lib/messages';
import { AngleHint } from '../overlay/AngleHint';
import { OverlayActions, type OverlayActionHandlers } from '../overlay/OverlayActions';
import { StatusLine } from '../overlay/StatusLine';
import { TrackedNotice } from '../overlay/TrackedNotice';

export interface ProfileCardProps {
  /** The tracked prospect, or undefined for someone not tracked yet. */
  summary: ProspectSummary | undefined;
  /** The name the profile shows (page data: rendered as text). */
  profileName: string;
  today: LocalDay;
  settings: OverlaySettings;
  actions: OverlayActionHandlers;
  /** Tracks the profile's person; answers with the prospect it made or found. */
  track(): Promise<{ prospectId: string }>;
  /** The Undo of a track made here (the background refuses once anything is logged). */
  untrack(prospectId: string): Promise<unknown>;
}

const messageOf = (reason: unknown) => (reason instanceof Error ? reason.message : String(reason));

export function ProfileCard({
  summary,
  profileName,
  today,
  settings,
  actions,
  track,
  untrack,
}: ProfileCardProps) {
  const [error, setError] = useState<string | null>(null);
  // The prospect a click here made (someone new, not one marked "not a prospect" before): its Undo.
  const [tracked, setTracked] = useState<string | null>(null);
  const [undoing, setUndoing] = useState(false);
  const [undoError, setUndoError] = useState<string | undefined>();
  if (!summary || summary.status === 'not-prospect') {
    const isNew = !summary;
    return (
      <section className="ft-box" aria-label="Fifth Touch">
        <button
          type="button"
          onClick={() => {
            setError(null);
            setUndoError(undefined);
            track().then(
              ({ prospectId }) => setTracked(isNew ? prospectId : null),
              (reason: unknown) => setError(messageOf(reason)),
            );
          }}
        >
          Track {profileName || 'this person'} as a prospect
        </button>
        {error ? (
          <p role="alert" className="ft-error">
            {error}
          </p>
        ) : null}
      </section>
    );
  }
  const justTracked = tracked !== null && tracked === summary.id;
  // Anything logged makes the track part of a history: its Undo goes.
  const logging = (run: () => Promise<unknown>) => () => {
    setTracked(null);
    return run();
  };
  const handlers: OverlayActionHandlers = justTracked
    ? {
        logReply: logging(actions.logReply),
        logNo: logging(actions.logNo),
        snooze: logging(actions.snooze),
        openSidePanel: actions.openSidePanel,
        notAProspect: logging(actions.notAProspect),
      }
    : actions;
  return (
    <section className="ft-box" aria-label="Fifth Touch">
      <StatusLine summary={summary} today={today} />
      {justTracked && (
        <TrackedNotice
          name={summary.name}
          busy={undoing}
          error={undoError}
          onUndo={() => {
            if (undoing) return;
            setUndoing(true);
            setUndoError(undefined);
            untrack(summary.id).then(
              () => {
                setTracked(null);
                setUndoing(false);
              },
              (reason: unknown) => {
                setUndoError(messageOf(reason));
                setUndoing(false);
              },
            );
          }}
        />
      )}
      <AngleHint summary={summary} settings={settings} />
      <OverlayActions handlers={handlers} />
    </section>
  );
}
