// Which angle to suggest for the next touch. Deterministic: the same step, channel and history
// always give the same suggestion, so the side panel and the overlays agree.
import type { Channel, Settings } from '../model';
import type { CadencePhase } from '../cadence/types';
import { ANGLE_PHASES, BUILT_IN_ANGLES } from './library';
import type { Angle, AnglePhase } from './library';

type AngleSettings = Pick<Settings, 'disabledAngles' | 'angleTemplates' | 'customAngles'>;

export interface AngleRequest {
  /** The channel of the touch; absent when any channel will do. */
  channel?: Channel;
  /** 1-based cadence step of the touch. */
  step: number;
  phase: AnglePhase | CadencePhase;
  /** The angle of the previous touch to this prospect: never suggested again unless nothing else is allowed. */
  lastAngleId?: string;
  /** Angles of earlier touches, avoided where possible. */
  recentAngleIds?: readonly string[];
  settings: AngleSettings;
}

/** The angles the user can pick from: built-ins with their edited templates, then their own, minus disabled ones. */
export function listAngles(
  settings: AngleSettings,
  options: { includeDisabled?: boolean } = {},
): Angle[] {
  const templates = settings.angleTemplates ?? {};
  const builtIns = BUILT_IN_ANGLES.map((angle) => {
    const edited = Object.hasOwn(templates, angle.id) ? templates[angle.id] : undefined;
    return {
      ...angle,
      channels: [...angle.channels],
      phases: [...angle.phases],
      template: typeof edited === 'string' && edited.trim() !== '' ? edited : angle.template,
    };
  });
  const taken = new Set(builtIns.map((angle) => angle.id));
  const custom: Angle[] = [];
  for (const angle of settings.customAngles ?? []) {
    // A custom angle cannot shadow a built-in or another custom one: ids identify touches' angles.
    if (!angle.id || taken.has(angle.id)) continue;
    taken.add(angle.id);
    custom.push({
      id: angle.id,
      label: angle.label,
      prompt: angle.prompt,
      template: angle.template,
      channels: [...angle.channels],
      phases: ['cadence', 'nurture'],
      builtIn: false,
    });
  }
  const all = [...builtIns, ...custom];
  if (options.includeDisabled) return all;
  const disabled = new Set(settings.disabledAngles ?? []);
  return all.filter((angle) => !disabled.has(angle.id));
}

/**
 * The angle for the next touch, or undefined when the user has disabled every angle.
 * Preference, most important first: the right phase, not the last angle, the right channel, not a
 * recent angle. Along the cadence the starting point moves one angle per step, so steps vary.
 */
export function suggestAngle(request: AngleRequest): Angle | undefined {
  const angles = listAngles(request.settings);
  if (angles.length === 0) return undefined;
  const phase = anglePhaseOf(request.phase);
  const recent = new Set(request.recentAngleIds ?? []);
  const inPhase = (a: Angle) => a.phases.includes(phase);
  const notLast = (a: Angle) => a.id !== request.lastAngleId;
  const fitsChannel = (a: Angle) =>
    request.channel === undefined || a.channels.includes(request.channel);
  const notRecent = (a: Angle) => !recent.has(a.id);

  const tiers: ((a: Angle) => boolean)[] = [
    (a) => inPhase(a) && notLast(a) && fitsChannel(a) && notRecent(a),
    (a) => inPhase(a) && notLast(a) && fitsChannel(a),
    (a) => inPhase(a) && notLast(a),
    (a) => inPhase(a) && fitsChannel(a),
    inPhase,
    notLast,
    () => true,
  ];
  // After a win the angles are a sequence (thank-you, then check-in), not a rotation.
  const start =
    phase === 'after-win'
      ? 0
      : Math.max(0, Math.trunc(Number.isFinite(request.step) ? request.step : 1) - 1);
  // Rotating over the phase's own angles makes consecutive steps start on consecutive angles.
  const order = angles.some(inPhase) ? angles.filter(inPhase) : angles;
  for (const fits of tiers) {
    const candidates = angles.filter(fits);
    if (candidates.length > 0) return rotate(candidates, order, start);
  }
  return undefined;
}

/** The first candidate at or after position `start` in `order`, wrapping around; else the first candidate. */
function rotate(candidates: Angle[], order: Angle[], start: number): Angle {
  const allowed = new Set(candidates.map((a) => a.id));
  for (let i = 0; i < order.length; i += 1) {
    const angle = order[(start + i) % order.length] as Angle;
    if (allowed.has(angle.id)) return angle;
  }
  return candidates[0] as Angle;
}

/** Paused and ended prospects get prospecting angles if the rep touches them anyway. */
function anglePhaseOf(phase: AnglePhase | CadencePhase): AnglePhase {
  return (ANGLE_PHASES as readonly string[]).includes(phase) ? (phase as AnglePhase) : 'cadence';
}
