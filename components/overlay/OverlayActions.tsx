// The one-click actions an overlay offers on a tracked prospect. The overlay passes what each does
// (a message to the background); failures are shown, never thrown into the page.
import { useState } from 'react';

export interface OverlayActionHandlers {
  logReply(): Promise<unknown>;
  logNo(): Promise<unknown>;
  snooze(): Promise<unknown>;
  openSidePanel(): Promise<unknown>;
  notAProspect(): Promise<unknown>;
}

const ACTIONS: { key: keyof OverlayActionHandlers; label: string }[] = [
  { key: 'logReply', label: 'Log reply' },
  { key: 'logNo', label: 'Log no' },
  { key: 'snooze', label: 'Snooze a week' },
  { key: 'openSidePanel', label: 'Open side panel' },
  { key: 'notAProspect', label: 'Not a prospect' },
];

export function OverlayActions({ handlers }: { handlers: OverlayActionHandlers }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (key: keyof OverlayActionHandlers) => {
    setBusy(true);
    setError(null);
    handlers[key]()
      .catch((reason: unknown) =>
        setError(reason instanceof Error ? reason.message : String(reason)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <div className="ft-actions">
      {ACTIONS.map(({ key, label }) => (
        <button key={key} type="button" disabled={busy} onClick={() => run(key)}>
          {label}
        </button>
      ))}
      {error ? (
        <p role="alert" className="ft-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
