// The angle an in-page overlay suggests for a prospect's next touch: the user's own angle settings
// (from getOverlaySettings), the prospect's step and phase, and never the angle of the last touch.
// One function, so Gmail's and LinkedIn's overlays and the side panel suggest the same thing.
import { suggestAngle } from '../../lib/angles/choose';
import type { Angle } from '../../lib/angles/library';
import type { ProspectSummary } from '../../lib/messages';
import type { Channel, Settings } from '../../lib/model';

export type AngleSettings = Pick<Settings, 'disabledAngles' | 'angleTemplates' | 'customAngles'>;

type AngleFacts = Pick<ProspectSummary, 'nextStep' | 'totalSteps' | 'nextChannels' | 'lastAngleId'>;

/**
 * The suggestion for `prospect`'s next touch (step 1 when nobody is known yet), on `channel` when
 * given (a Gmail compose is an email whatever the cadence says), else on the cadence's channel.
 */
export function nextAngle(
  prospect: AngleFacts | undefined,
  settings: AngleSettings,
  channel?: Channel,
): Angle | undefined {
  const channels = prospect?.nextChannels ?? [];
  const nextStep = prospect?.nextStep ?? 1;
  const totalSteps = prospect?.totalSteps ?? 0;
  return suggestAngle({
    channel: channel ?? (channels.includes('linkedin') ? 'linkedin' : channels[0]),
    step: nextStep,
    phase: totalSteps > 0 && nextStep > totalSteps ? 'nurture' : 'cadence',
    ...(prospect?.lastAngleId ? { lastAngleId: prospect.lastAngleId } : {}),
    settings,
  });
}
