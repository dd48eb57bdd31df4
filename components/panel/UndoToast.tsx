import { useEffect, useState } from 'react';
import { usePanelStore } from '../store';

export const UNDO_WINDOW_MS = 8000;

/** The last action's confirmation, with an Undo button for a few seconds. */
export function UndoToast() {
  const pending = usePanelStore((s) => s.pendingUndo);
  const clearUndo = usePanelStore((s) => s.clearUndo);
  const setError = usePanelStore((s) => s.setError);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => clearUndo(pending.id), UNDO_WINDOW_MS);
    return () => clearTimeout(timer);
  }, [pending, clearUndo]);

  if (!pending) return null;
  async function undo() {
    if (!pending) return;
    setBusy(true);
    try {
      await pending.undo();
      clearUndo(pending.id);
    } catch (error) {
      setError(`Could not undo: ${error instanceof Error ? error.message : String(error)}`);
      clearUndo(pending.id);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="toast" role="status" aria-live="polite">
      <span className="toast-message">{pending.message}</span>
      <button type="button" disabled={busy} onClick={() => void undo()} aria-keyshortcuts="u">
        Undo
      </button>
      <button type="button" aria-label="Dismiss" onClick={() => clearUndo(pending.id)}>
        ×
      </button>
    </div>
  );
}
