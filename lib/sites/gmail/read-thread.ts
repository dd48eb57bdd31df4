// Reads the open Gmail thread (ids, subject, who wrote each message) from the nodes it is given.
import { normalizeEmail } from '../../identity';
import { normaliseGmailId } from './ids';
import { GMAIL_SELECTORS, queryAll, queryFirst, SYNC_ID_PATTERNS } from './selectors';

export interface ThreadMessage {
  /** `msg-f:…` or `msg-a:…`, from data-message-id. */
  messageId: string | null;
  legacyMessageId: string | null;
  fromEmail: string | null;
  fromName: string | null;
  /** Whom the header says it went to (at most 20), when it shows anyone. Read in the page, never stored. */
  to?: { email: string; name: string | null }[];
  /**
   * Addresses the message's shown body names outside quoted mail ("wasn't delivered to
   * jane@acme.com"), for telling which address a bounce is about. Absent when it names none or
   * the message is collapsed. Read in the page, never stored.
   */
  namedEmails?: string[];
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
  const read: ThreadMessage = {
    messageId: id?.startsWith('msg-') ? id : null,
    legacyMessageId: legacy && SYNC_ID_PATTERNS.legacyHex.test(legacy) ? legacy : null,
    fromEmail: email && email.includes('@') ? email : null,
    fromName: name ? name.slice(0, 200) : null,
  };
  const to = recipientsOf(message);
  if (to.length > 0) read.to = to;
  const named = namedEmailsOf(message);
  if (named.length > 0) read.namedEmails = named;
  return read;
}

const RECIPIENTS_MAX = 20;

function recipientsOf(message: Element): { email: string; name: string | null }[] {
  const seen = new Map<string, string | null>();
  for (const element of queryAll(message, GMAIL_SELECTORS.messageRecipient)) {
    const email = normalizeEmail(element.getAttribute('email'));
    if (!email || seen.has(email)) continue;
    const name = element.getAttribute('name')?.trim() || element.textContent?.trim() || null;
    seen.set(email, name ? name.slice(0, 200) : null);
    if (seen.size >= RECIPIENTS_MAX) break;
  }
  return [...seen].map(([email, name]) => ({ email, name }));
}

const BODY_TEXT_MAX = 10_000;
const NAMED_MAX = 20;
const ADDRESS_IN_TEXT = /[^\s@<>(),;:"'[\]\\]+@[\p{L}\p{N}.-]+\.[\p{L}\p{N}-]{2,}/gu;
// Where a report starts quoting the mail it returns (its headers name every recipient).
const ORIGINAL_MESSAGE =
  /-{2,}\s*(?:original message|forwarded message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale)/i;

function namedEmailsOf(message: Element): string[] {
  const body = queryFirst(message, GMAIL_SELECTORS.messageBody);
  if (!body) return [];
  const quoted = queryAll(body, GMAIL_SELECTORS.quotedText);
  let text = '';
  const walker = body.ownerDocument.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  for (
    let node = walker.nextNode();
    node && text.length < BODY_TEXT_MAX;
    node = walker.nextNode()
  ) {
    if (quoted.some((block) => block.contains(node))) continue;
    text += `${node.nodeValue ?? ''} `;
  }
  text = text.slice(0, BODY_TEXT_MAX);
  const cut = ORIGINAL_MESSAGE.exec(text);
  if (cut) text = text.slice(0, cut.index);
  const emails = new Set<string>();
  for (const match of text.matchAll(ADDRESS_IN_TEXT)) {
    const email = normalizeEmail(match[0]);
    if (email) emails.add(email);
    if (emails.size >= NAMED_MAX) break;
  }
  return [...emails];
}

function closestMain(element: Element): Element | null {
  for (const selector of GMAIL_SELECTORS.mainRegion.selectors) {
    const found = element.closest(selector);
    if (found) return found;
  }
  return null;
}
