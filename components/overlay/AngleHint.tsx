// The suggested angle for the next touch: its name and the one line telling the rep what to say.
import type { ProspectSummary } from '../../lib/messages';
import { nextAngle, type AngleSettings } from './angle';

export function AngleHint({
  summary,
  settings,
  lastAngleId,
}: {
  summary: ProspectSummary;
  settings: AngleSettings;
  /** Overrides the summary's own last angle (one the rep just used). */
  lastAngleId?: string;
}) {
  if (summary.status !== 'active') return null;
  const angle = nextAngle(lastAngleId ? { ...summary, lastAngleId } : summary, settings);
  if (!angle) return null;
  return (
    <p className="ft-angle">
      <span className="ft-label">Angle: </span>
      <strong>{angle.label}</strong>
      <span> — {angle.prompt}</span>
    </p>
  );
}
