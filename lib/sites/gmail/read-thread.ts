// Reads the open Gmail thread (ids, subject, who wrote each message) from the nodes it is given.
import { normaliseGmailId } from './ids';
import { GMAIL_SELECTORS, queryAll, queryFirst, SYNC_ID_PATTERNS } from './selectors';

export interface ThreadMessage {
  /** `msg-f:…` or `msg-a:…`, from data-message-id. */
  messageId: string | null;
  legacyMessageId: string | null;
  fromEmail: string | null;
  fromName: string | null;
}

export interface ThreadView {
  /** `thread-f:…` / `thread-a:…`, the id sync payloads use. */
  threadPermId: string | null;
  /** The 16-hex id URLs use. */
  legacyThreadId: string | null;
  subject: string;
  messages: ThreadMessage[];
}

/** The thread open under root, or null when no thread is open (a list, settings…). */
export function readThread(root: ParentNode): ThreadView | null {
  const heading = queryFirst(root, GMAIL_SELECTORS.threadSubject);
  if (!heading) return null;
  const permId = normaliseGmailId(heading.getAttribute('data-thread-perm-id'));
  const legacy = heading.getAttribute('data-legacy-thread-id');
  // The inbox list stays in the DOM, hidden, beside the thread: read messages from the thread's region.
  const region = closestMain(heading) ?? root;
  return {
    threadPermId: permId?.startsWith('thread-') ? permId : null,
    legacyThreadId: legacy && SYNC_ID_PATTERNS.legacyHex.test(legacy) ? legacy : null,
    subject: (heading.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 1000),
    messages: queryAll(region, GMAIL_SELECTORS.threadMessage).map(readMessage),
  };
}

function readMessage(message: Element): ThreadMessage {
  const id = normaliseGmailId(message.getAttribute('data-message-id'));
  const legacy = message.getAttribute('data-legacy-message-id');
  const sender = queryFirst(message, GMAIL_SELECTORS.messageSender);
  const email = sender?.getAttribute('email')?.trim().toLowerCase() || null;
  const name = sender?.getAttribute('name')?.trim() || sender?.textContent?.trim() || null;
  return {
    messageId: id?.startsWith('msg-') ? id : null,
    legacyMessageId: legacy && SYNC_ID_PATTERNS.legacyHex.test(legacy) ? legacy : null,
    fromEmail: email && email.includes('@') ? email : null,
    fromName: name ? name.slice(0, 200) : null,
  };
}

function closestMain(element: Element): Element | null {
  for (const selector of GMAIL_SELECTORS.mainRegion.selectors) {
    const found = element.closest(selector);
    if (found) return found;
  }
  return null;
}
