// Beside Gmail's own "Sent N days ago. Follow up?" in a thread-list row: one slim line with only
// what Gmail's nudge cannot say (touch N of the cadence, the nos so far, the angle to use), never
// a second "follow up" of our own.
import type { ProspectSummary } from '../../lib/messages';
import { nosWords, progressWords } from './words';

export interface RowNudgeProps {
  prospect: ProspectSummary;
  angle?: { label: string; prompt: string };
}

export function RowNudge({ prospect, angle }: RowNudgeProps) {
  const active = prospect.status === 'active' || prospect.status === 'paused';
  return (
    <span className="ft ft-row" role="note" aria-label="Fifth Touch: where this prospect stands">
      <span>{progressWords(prospect)}</span>
      <span>{nosWords(prospect.noCount)}</span>
      {angle && active && (
        <span className="ft-angle" title={angle.prompt}>
          Angle: {angle.label}
        </span>
      )}
    </span>
  );
}
