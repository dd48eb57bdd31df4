// Reads Gmail composes (popup, pop-out, inline reply/forward) from the DOM nodes it is given.
// Pure: no `document` or `window`; callers pass the root or compose element to read.
import { gmailSendKey, normaliseGmailId } from './ids';
import type { GmailContact } from './parse-sync';
import {
  closestOf,
  COMPOSE_BUTTON,
  GMAIL_SELECTORS,
  queryAll,
  queryFirst,
  queryUnion,
  RECIPIENT_ROLES,
  recipientFieldSelectors,
  recipientHiddenInputSelectors,
  SEND_AND_ARCHIVE_NAMES,
  SEND_BUTTON_NAMES,
  type RecipientRole,
} from './selectors';
import { readThread } from './read-thread';

export interface ComposeState {
  /** `msg-a:r…`, the id the send request will carry; null before Gmail assigns one. */
  draftId: string | null;
  /** The thread a reply belongs to (`thread-a:`/`thread-f:`), when the compose says. */
  threadId: string | null;
  to: GmailContact[];
  cc: GmailContact[];
  bcc: GmailContact[];
  subject: string;
  isInlineReply: boolean;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,255}\.[^\s@<>()[\]\\,;:".]{2,63}$/;
const MAX_RECIPIENTS = 100;

/** Every compose under root, each once, outermost root per compose. */
export function findComposes(root: ParentNode): Element[] {
  const composes: Element[] = [];
  for (const anchor of queryUnion(root, GMAIL_SELECTORS.composeAnchor)) {
    const compose = closestOf(anchor, GMAIL_SELECTORS.composeRoot);
    if (compose && !composes.includes(compose)) composes.push(compose);
  }
  // A compose found through a narrower root (a form) inside one already found is the same compose.
  return composes.filter((c) => !composes.some((other) => other !== c && other.contains(c)));
}

/**
 * The parts of the page composes live in, for an observer narrower than the whole page: the
 * popup compose dock, the full-screen compose container and the main region (inline replies,
 * a pop-out's compose). Empty until Gmail has created its dock (it does so lazily): until then
 * only the whole page is a safe place to watch.
 */
export function composeWatchRoots(root: ParentNode): Element[] {
  const dock = queryFirst(root, GMAIL_SELECTORS.composeDock);
  if (!dock) return [];
  const roots = [
    dock,
    queryFirst(root, GMAIL_SELECTORS.fullscreenComposeContainer),
    queryFirst(root, GMAIL_SELECTORS.mainRegion),
  ].filter((element): element is Element => element !== null);
  // One observer per subtree: a root inside another is already watched.
  return roots.filter((r) => !roots.some((other) => other !== r && other.contains(r)));
}

export function readCompose(compose: Element): ComposeState {
  const draftInput = queryFirst(compose, GMAIL_SELECTORS.draftInput);
  const threadInput = queryFirst(compose, GMAIL_SELECTORS.threadRefInput);
  const draftId = normaliseGmailId(valueOf(draftInput));
  const threadRef = normaliseGmailId(valueOf(threadInput));
  const isInlineReply =
    !closestOf(compose, GMAIL_SELECTORS.composeDialog) &&
    !!closestOf(compose, GMAIL_SELECTORS.inlineReplyHost);
  const [to, cc, bcc] = RECIPIENT_ROLES.map((role) => readField(compose, role)) as [
    GmailContact[],
    GmailContact[],
    GmailContact[],
  ];
  return {
    draftId: draftId?.startsWith('msg-') ? draftId : null,
    threadId: threadRef?.startsWith('thread-') ? threadRef : null,
    to,
    cc,
    bcc,
    subject: subjectOf(compose),
    isInlineReply,
  };
}

/** The DetectedSend key the network layer will use for the same message. */
export function sendKeyOfCompose(state: ComposeState): string | null {
  return state.draftId ? gmailSendKey(state.draftId) : null;
}

/** Parses "Name <a@b.com>, c@d.com; \"Last, First\" <e@f.com>" into contacts; junk is skipped. */
export function parseAddressList(text: string): GmailContact[] {
  const contacts: GmailContact[] = [];
  for (const part of splitAddresses(text.slice(0, 20_000))) {
    const angled = /^(.*)<([^<>]+)>\s*$/.exec(part);
    const rawEmail = (angled ? angled[2] : part)!.trim().toLowerCase();
    if (!EMAIL.test(rawEmail)) continue;
    const rawName = angled
      ? angled[1]!
          .trim()
          .replace(/^"(.*)"$/, '$1')
          .trim()
      : '';
    contacts.push(rawName ? { email: rawEmail, name: rawName.slice(0, 200) } : { email: rawEmail });
    if (contacts.length >= MAX_RECIPIENTS) break;
  }
  return contacts;
}

/**
 * Gmail's Send (or Send and archive) button, by its ARIA name or tooltip in any listed language;
 * Gmail's blue button classes only as a last resort. "More send options" is not Send.
 */
export function isSendButton(element: Element): boolean {
  const isButton = element.getAttribute('role') === 'button' || element.tagName === 'BUTTON';
  if (!isButton || element.getAttribute('aria-haspopup') === 'true') return false;
  const names = [element.getAttribute('aria-label'), element.getAttribute('data-tooltip')];
  const text = (element.textContent ?? '').trim();
  if (text.length <= 40) names.push(text);
  if (names.some((name) => name !== null && isSendName(name))) return true;
  // Last resort, for locales the name list misses: Gmail's blue Send button classes.
  return matches(element, GMAIL_SELECTORS.sendButtonByClass.selectors);
}

/** The button a click or key landed on, if it is (inside) a Send button. */
export function sendButtonOf(target: Element): Element | null {
  const button = target.closest(COMPOSE_BUTTON);
  return button && isSendButton(button) ? button : null;
}

export function findSendButton(compose: Element): Element | null {
  const candidates = queryUnion(compose, GMAIL_SELECTORS.composeButton);
  const named = candidates.find(isSendButton);
  if (named) return named;
  return queryFirst(compose, GMAIL_SELECTORS.sendButtonByClass);
}

// ---- internals ----

function isSendName(raw: string): boolean {
  const name = raw
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s*[(（][^()（）]*[)）]\s*$/, '')
    .trim()
    .toLowerCase();
  return SEND_BUTTON_NAMES.includes(name) || SEND_AND_ARCHIVE_NAMES.includes(name);
}

/** Splits on commas and semicolons outside quotes and angle brackets. */
function splitAddresses(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === '<' && !quoted) angled = true;
    else if (char === '>' && !quoted) angled = false;
    if ((char === ',' || char === ';') && !quoted && !angled) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

function readField(compose: Element, role: RecipientRole): GmailContact[] {
  const contacts = new Map<string, GmailContact>();
  const add = (contact: GmailContact) => {
    const known = contacts.get(contact.email);
    if (!known || (!known.name && contact.name)) contacts.set(contact.email, contact);
  };
  for (const scope of fieldScopes(compose, role)) {
    for (const chip of queryUnion(scope, GMAIL_SELECTORS.recipientChip)) {
      const contact = chipContact(chip);
      if (contact) add(contact);
    }
    for (const input of queryAll(scope, recipientHiddenInputSelectors(role))) {
      parseAddressList(valueOf(input) ?? '').forEach(add);
    }
    // What the user typed but Gmail has not turned into a chip yet still goes out.
    const typed = isFormControl(scope) ? [scope] : queryAll(scope, GMAIL_SELECTORS.recipientTyping);
    for (const control of typed) {
      if (control.getAttribute('type') === 'hidden') continue;
      parseAddressList(valueOf(control) ?? '').forEach(add);
    }
    if (contacts.size >= MAX_RECIPIENTS) break;
  }
  return [...contacts.values()].slice(0, MAX_RECIPIENTS);
}

/** The 2021+ container div, or the classic textarea's table row (where its chips live). */
function fieldScopes(compose: Element, role: RecipientRole): Element[] {
  const scopes: Element[] = [];
  for (const field of queryUnion(compose, recipientFieldSelectors(role))) {
    const scope = isFormControl(field)
      ? (closestOf(field, GMAIL_SELECTORS.recipientFieldRow) ?? field)
      : field;
    if (!scopes.some((known) => known === scope || known.contains(scope))) scopes.push(scope);
  }
  return scopes;
}

function chipContact(chip: Element): GmailContact | null {
  const rawEmail = chip.getAttribute('data-hovercard-id') ?? chip.getAttribute('email') ?? '';
  const email = rawEmail.trim().toLowerCase();
  if (!EMAIL.test(email)) return null;
  const label =
    chip.getAttribute('data-name') ??
    chip.getAttribute('name') ??
    (chip.textContent ?? '').replace(/\s+/g, ' ');
  const name = label.trim().slice(0, 200);
  return name && name.toLowerCase() !== email && !name.includes('@') ? { email, name } : { email };
}

function subjectOf(compose: Element): string {
  const typed = valueOf(queryFirst(compose, GMAIL_SELECTORS.subjectInput))?.trim();
  if (typed) return typed;
  // An inline reply has no subject box of its own: it replies under the thread's subject.
  const doc = compose.ownerDocument;
  return doc ? (readThread(doc)?.subject ?? '') : '';
}

function valueOf(element: Element | null): string | null {
  if (!element) return null;
  const value = (element as { value?: unknown }).value;
  return typeof value === 'string' ? value : element.getAttribute('value');
}

function isFormControl(element: Element): boolean {
  return element.tagName === 'TEXTAREA' || element.tagName === 'INPUT';
}

function matches(element: Element, selectors: readonly string[]): boolean {
  return selectors.some((selector) => {
    try {
      return element.matches(selector);
    } catch {
      return false;
    }
  });
}
