// The suggested angle for the next touch: its name and the one line telling the rep what to say.
import { suggestAngle } from '../../lib/angles/choose';
import type { ProspectSummary } from '../../lib/messages';
import type { Settings } from '../../lib/model';

type AngleSettings = Pick<Settings, 'disabledAngles' | 'angleTemplates' | 'customAngles'>;

export function AngleHint({
  summary,
  settings,
  lastAngleId,
}: {
  summary: ProspectSummary;
  settings: AngleSettings;
  lastAngleId?: string;
}) {
  if (summary.status !== 'active') return null;
  const angle = suggestAngle({
    channel: summary.nextChannels.includes('linkedin') ? 'linkedin' : summary.nextChannels[0],
    step: summary.nextStep,
    phase: summary.totalSteps > 0 && summary.nextStep > summary.totalSteps ? 'nurture' : 'cadence',
    ...(lastAngleId ? { lastAngleId } : {}),
    settings,
  });
  if (!angle) return null;
  return (
    <p className="ft-angle">
      <span className="ft-label">Angle: </span>
      <strong>{angle.label}</strong>
      <span> — {angle.prompt}</span>
    </p>
  );
}
