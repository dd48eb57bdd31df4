// Whether Fifth Touch's toolbar icon is pinned: the due-today badge is only seen when it is.
// Chrome 91+ says so (action.getUserSettings → isOnToolbar) and tells when it changes
// (action.onUserSettingsChanged, Chrome 130+); Firefox has neither, so it is 'unknown' there.
import { browser } from 'wxt/browser';

export type PinState = 'pinned' | 'unpinned' | 'unknown';

/** Calls back with the pin state now and whenever it changes; returns an unsubscribe. */
export type PinWatcher = (onState: (state: PinState) => void) => () => void;

interface ActionUserSettings {
  isOnToolbar?: boolean;
}
interface ActionWithUserSettings {
  getUserSettings?: () => Promise<ActionUserSettings>;
  onUserSettingsChanged?: {
    addListener(listener: (settings: ActionUserSettings) => void): void;
    removeListener(listener: (settings: ActionUserSettings) => void): void;
  };
}

const stateOf = (settings: ActionUserSettings | undefined): PinState =>
  typeof settings?.isOnToolbar === 'boolean'
    ? settings.isOnToolbar
      ? 'pinned'
      : 'unpinned'
    : 'unknown';

export const watchToolbarPin: PinWatcher = (onState) => {
  const action = (browser as unknown as { action?: ActionWithUserSettings }).action;
  if (typeof action?.getUserSettings !== 'function') {
    onState('unknown');
    return () => undefined;
  }
  let live = true;
  const ask = () => {
    try {
      void Promise.resolve(action.getUserSettings!())
        .then((settings) => live && onState(stateOf(settings)))
        .catch(() => live && onState('unknown'));
    } catch {
      // A browser (or a test double) that lists the function but cannot answer.
      onState('unknown');
    }
  };
  ask();
  const onChanged = (settings: ActionUserSettings) => {
    if (live) onState(stateOf(settings));
  };
  const events = action.onUserSettingsChanged;
  try {
    if (events && typeof events.addListener === 'function') events.addListener(onChanged);
  } catch {
    // No change event here: the visibility and focus checks below still notice a pin.
  }
  // Where the change event is missing (Chrome 91–129), look again when the rep comes back.
  const onVisible = () => {
    if (document.visibilityState === 'visible') ask();
  };
  document.addEventListener('visibilitychange', onVisible);
  addEventListener('focus', ask);
  return () => {
    live = false;
    try {
      events?.removeListener?.(onChanged);
    } catch {
      // Never added.
    }
    document.removeEventListener('visibilitychange', onVisible);
    removeEventListener('focus', ask);
  };
};
