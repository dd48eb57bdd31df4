// The card on a LinkedIn profile: where a tracked prospect stands (touch N, nos, due), the angle for
// the next touch and one-click actions; an untracked profile offers "Track as prospect".
import { useState } from 'react';
import type { LocalDay } from '../../lib/model';
import type { OverlaySettings, ProspectSummary } from '../../lib/messages';
import { AngleHint } from '../overlay/AngleHint';
import { OverlayActions, type OverlayActionHandlers } from '../overlay/OverlayActions';
import { StatusLine } from '../overlay/StatusLine';

export interface ProfileCardProps {
  /** The tracked prospect, or undefined for someone not tracked yet. */
  summary: ProspectSummary | undefined;
  /** The name the profile shows (page data: rendered as text). */
  profileName: string;
  today: LocalDay;
  settings: OverlaySettings;
  actions: OverlayActionHandlers;
  track(): Promise<unknown>;
}

export function ProfileCard({
  summary,
  profileName,
  today,
  settings,
  actions,
  track,
}: ProfileCardProps) {
  const [error, setError] = useState<string | null>(null);
  if (!summary || summary.status === 'not-prospect') {
    return (
      <section className="ft-box" aria-label="Fifth Touch">
        <button
          type="button"
          onClick={() => {
            setError(null);
            track().catch((reason: unknown) =>
              setError(reason instanceof Error ? reason.message : String(reason)),
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
  return (
    <section className="ft-box" aria-label="Fifth Touch">
      <StatusLine summary={summary} today={today} />
      <AngleHint summary={summary} settings={settings} />
      <OverlayActions handlers={actions} />
    </section>
  );
}
