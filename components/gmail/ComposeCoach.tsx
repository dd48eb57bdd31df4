// Inside a compose: where its prospects stand, a warning when the draft only says "just checking
// in" (with an angle to use instead), and the per-email "track" switch.
import type { LazyLine } from '../../lib/angles/lazy-lines';
import type { LocalDay } from '../../lib/model';
import type { ProspectSummary } from '../../lib/messages';
import { dueWords, progressWords } from './words';

export interface ComposeCoachProps {
  prospects: ProspectSummary[];
  today: LocalDay;
  lazyLines: LazyLine[];
  angle?: { label: string; prompt: string };
  tracking: boolean;
  onToggleTracking(next: boolean): void;
}

export function ComposeCoach(props: ComposeCoachProps) {
  const { prospects, today, lazyLines, angle, tracking } = props;
  if (prospects.length === 0 && lazyLines.length === 0) {
    return <TrackSwitch tracking={tracking} onChange={props.onToggleTracking} />;
  }
  return (
    <div className="ft ft-coach" role="region" aria-label="Fifth Touch: compose coach">
      {prospects.slice(0, 5).map((prospect) => (
        <span key={prospect.id}>
          <span className="ft-name" title={prospect.name}>
            {prospect.name}
          </span>
          {': '}
          {progressWords(prospect)}, {prospect.touchCount} sent, {dueWords(prospect, today)}
        </span>
      ))}
      {prospects.length > 5 && <span>and {prospects.length - 5} more prospects</span>}
      {lazyLines.length > 0 && (
        <span className="ft-warn" role="status">
          “{lazyLines[0]!.text}” gives them nothing.
          {angle ? ` Try instead: ${angle.label} — ${angle.prompt}` : ''}
        </span>
      )}
      <TrackSwitch tracking={tracking} onChange={props.onToggleTracking} />
    </div>
  );
}

function TrackSwitch({ tracking, onChange }: { tracking: boolean; onChange(next: boolean): void }) {
  return (
    <label className="ft">
      <input
        type="checkbox"
        checked={tracking}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />{' '}
      Track this email in Fifth Touch
    </label>
  );
}
