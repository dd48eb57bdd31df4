// The few settings content scripts need (whether to show overlays, which angles to suggest),
// asked of the background: content scripts never read the extension's database themselves.
import { sendMessage, type OverlaySettings } from '../../lib/messages';
import { DEFAULT_SETTINGS } from '../../lib/settings';

export function defaultOverlaySettings(): OverlaySettings {
  const { showOnLinkedIn, nosThreshold, disabledAngles, angleTemplates, customAngles } =
    DEFAULT_SETTINGS;
  return {
    showOnLinkedIn,
    nosThreshold,
    disabledAngles,
    angleTemplates,
    customAngles,
    skipWeekends: DEFAULT_SETTINGS.skipWeekends,
  };
}

/** The user's overlay settings, or the defaults when the background cannot answer (never throws). */
export async function loadOverlaySettings(): Promise<OverlaySettings> {
  try {
    const settings = await sendMessage('getOverlaySettings', undefined);
    if (settings && typeof settings.showOnLinkedIn === 'boolean') {
      // An older background leaves skipWeekends out: the default then.
      return { ...settings, skipWeekends: settings.skipWeekends ?? DEFAULT_SETTINGS.skipWeekends };
    }
  } catch {
    // An older or sleeping background: the defaults (overlays on, every angle).
  }
  return defaultOverlaySettings();
}
