// Recognising a full disk. IndexedDB reports it as a QuotaExceededError, which Dexie may hand back
// as is, as the `inner` of the AbortError of the transaction it aborted, or inside a BulkError's
// failures; each aborted transaction rolled back, so what was stored before is intact. Pure.

export const STORAGE_FULL_MESSAGE =
  'The browser has no room left to store this, so nothing was changed and everything stored before is intact. Free some disk space and try again.';

/** True when `error` (or what it wraps) is the browser's storage quota being exhausted. */
export function isStorageFull(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const candidate = error as {
    name?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  if (candidate.name === 'QuotaExceededError' || candidate.name === 'StorageFullError') return true;
  if (isStorageFull(candidate.inner, depth + 1) || isStorageFull(candidate.cause, depth + 1)) {
    return true;
  }
  return (
    Array.isArray(candidate.failures) &&
    candidate.failures.some((failure) => isStorageFull(failure, depth + 1))
  );
}
