// Gmail's ids as both layers see them, so a send seen by the network and by the DOM gets one key.
import { SYNC_ID_PATTERNS } from './selectors';

/**
 * `#msg-a:r-767…` (the compose's hidden draft input) and `msg-a:r-767…` (the sync request) are the
 * same message; `#thread-a:r-…` likewise. Returns null for anything that is not such an id.
 */
export function normaliseGmailId(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const id = raw.trim().replace(/^#/, '').split('|')[0] ?? '';
  return SYNC_ID_PATTERNS.message.test(id) || SYNC_ID_PATTERNS.thread.test(id) ? id : null;
}

/** The DetectedSend key for a message or draft id; the same from the network and the DOM. */
export function gmailSendKey(messageOrDraftId: string): string | null {
  const id = normaliseGmailId(messageOrDraftId);
  return id && id.startsWith('msg-') ? `gmail:${id}` : null;
}
