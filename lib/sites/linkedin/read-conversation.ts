// Reads a LinkedIn conversation as the user sees it: the thread page or a floating bubble, in the
// Ember UI or the 2026 UI (including bubbles inside #interop-outlet's shadow root). Who it is with,
// its id when visible, the latest message from the other side, the composer and how it sends.
// Read-only: nothing here clicks, types, scrolls or marks LinkedIn's elements.
import { linkedInIdFromUrl, normalizeLinkedInId } from '../../identity';
import {
  closestOf,
  findLabelledButton,
  hrefOf,
  isButtonLike,
  isElement,
  isShown,
  labelOf,
  matchesCss,
  queryAll,
  queryFirst,
  searchRoots,
  textOf,
  type ReadRoot,
} from './dom';
import { conversationIdFromMessageId } from './parse-messaging';
import { containsLabel, matchesLabel, SELECTORS } from './selectors';
import { conversationIdFromUrl, isConversationId } from './urls';

export interface ConversationPerson {
  name?: string;
  /** Vanity or member id, normalised (identity.ts). */
  profileId?: string;
}

export interface MessageFromOther extends ConversationPerson {
  /** What the page shows ("Jun 10, 2024 12:18 PM", "Today 9:05 AM"). */
  atText?: string;
  /** Epoch ms, when the page's date can be read (absolute dates; relative ones given `now`). */
  at?: number;
}

/** What a conversation shows outside its messages: enough to match a person and a send. */
export interface ConversationHeader {
  kind: 'thread' | 'bubble';
  element: Element;
  /** A minimised bubble shows its header only. */
  minimized: boolean;
  who: ConversationPerson;
  /** The `2-…` id, when a link, the page URL or a message id shows it. */
  conversationId?: string;
  composer: Element | null;
  sendButton: Element | null;
  /** "button": a visible Send button; "enter": Enter sends; "none": no composer (minimised). */
  sendMode: 'button' | 'enter' | 'none';
}

/** A conversation with its messages read (what reply detection needs). */
export interface ConversationView extends ConversationHeader {
  lastMessageFromOther?: MessageFromOther;
  /** True when the newest visible message is from the other side. */
  lastMessageIsFromOther: boolean;
}

export interface ReadOptions {
  /** The page URL: a thread page's URL carries its conversation id. */
  pageUrl?: string;
  /** Resolves relative day headings ("Today", "Tuesday", "Apr 8"). */
  now?: number;
}

/** What a conversation container can match (each candidate is checked by looksLikeConversation). */
export const CONTAINER_CSS = [
  SELECTORS.conversationWrapper.css,
  SELECTORS.overlayBubble.css,
  SELECTORS.conversationComponent.css,
].join(', ');
export const MAX_CONTAINERS = 20;
const MAX_CLIMB = 15;

const EMBER_CONTAINER_CSS = `${SELECTORS.conversationWrapper.css}, ${SELECTORS.overlayBubble.css}`;

/** A container that really holds a conversation, not any dialog (the post editor is one too). */
export function looksLikeConversation(element: Element): boolean {
  if (matchesCss(element, EMBER_CONTAINER_CSS)) return true;
  if (queryFirst(element, SELECTORS.messageItem.css)) return true;
  return queryAll(element, SELECTORS.composer.css, 5).some(isMessageComposer);
}

/** A message composer, not a feed comment or post editor (which are textboxes too). */
function isMessageComposer(composer: Element): boolean {
  if (closestOf(composer, EMBER_CONTAINER_CSS)) return true;
  const label =
    composer.getAttribute('aria-label') ??
    composer.getAttribute('aria-placeholder') ??
    composer.getAttribute('data-placeholder') ??
    '';
  return containsLabel(label, 'writeMessage');
}

/** From a composer up to the nearest ancestor that also shows a profile link: the 2026 fallback. */
export function containerAround(composer: Element): Element | null {
  if (!isMessageComposer(composer)) return null;
  let node: Element | null = composer.parentElement;
  for (let i = 0; node && i < MAX_CLIMB; i++) {
    if (queryFirst(node, SELECTORS.profileLink.css)) return node;
    node = node.parentElement;
  }
  return null;
}

export function innermost(candidates: Element[]): Element[] {
  return candidates.filter(
    (candidate) => !candidates.some((other) => other !== candidate && candidate.contains(other)),
  );
}

/** The innermost conversation containers under `root`: the thread pane and each bubble. */
function findContainers(root: ReadRoot): Element[] {
  const found: Element[] = [];
  for (const searchRoot of searchRoots(root)) {
    for (const element of queryAll(searchRoot, CONTAINER_CSS, 100)) {
      if (!found.includes(element) && looksLikeConversation(element)) found.push(element);
    }
    for (const composer of queryAll(searchRoot, SELECTORS.composer.css, 20)) {
      if (found.some((element) => element.contains(composer))) continue;
      const around = containerAround(composer);
      if (around && !found.includes(around)) found.push(around);
    }
  }
  return innermost(found).slice(0, MAX_CONTAINERS);
}

/**
 * Every open conversation under `root` without reading its messages (who, composer, how it
 * sends): what matching a person or a send needs, at a cost that does not grow with the thread.
 */
export function findConversationHeaders(
  root: ReadRoot,
  options: ReadOptions = {},
): ConversationHeader[] {
  try {
    const headers: ConversationHeader[] = [];
    for (const element of findContainers(root)) {
      const header = readConversationHeader(element, options);
      if (header) headers.push(header);
    }
    return headers;
  } catch {
    return [];
  }
}

/** Every open conversation under `root`, messages read: the thread pane and each bubble, shadow roots included. */
export function findConversations(root: ReadRoot, options: ReadOptions = {}): ConversationView[] {
  try {
    const views: ConversationView[] = [];
    for (const element of findContainers(root)) {
      const view = readConversation(element, options);
      if (view) views.push(view);
    }
    return views;
  } catch {
    return [];
  }
}

// ---- Who ----

function idFromLink(link: Element): string | undefined {
  const href = hrefOf(link);
  if (!href) return undefined;
  const id = linkedInIdFromUrl(href);
  return id && id !== 'me' ? id : undefined;
}

function nameFromLink(link: Element): string | undefined {
  const heading = queryFirst(link, 'h1, h2, h3, h4, dt, [class*="title" i]');
  const fromHeading = heading ? textOf(heading, 120) : '';
  if (fromHeading) return fromHeading;
  const image = queryFirst(link, 'img[alt]');
  const alt = image?.getAttribute('alt')?.trim();
  if (alt) return alt.slice(0, 120);
  const text = textOf(link, 120);
  return text && text.split(' ').length <= 6 ? text : undefined;
}

function isInsideMessage(element: Element, container: Element): boolean {
  const item = closestOf(element, SELECTORS.messageItem.css);
  return !!item && container.contains(item);
}

/** The header's profile link: the thread header, else a link in a header, else one outside messages. */
function headerLink(container: Element): Element | null {
  const explicit = queryFirst(container, SELECTORS.threadHeaderProfileLink.css);
  if (explicit) return explicit;
  const links = queryAll(container, SELECTORS.profileLink.css, 200).filter(
    (link) => !isInsideMessage(link, container) && idFromLink(link),
  );
  return links.find((link) => closestOf(link, 'header, [role="banner"]')) ?? links[0] ?? null;
}

function readWho(container: Element): ConversationPerson {
  const link = headerLink(container);
  const profileId = link ? idFromLink(link) : undefined;
  let name = link ? nameFromLink(link) : undefined;
  if (!name) {
    const title =
      queryFirst(container, SELECTORS.bubbleHeaderTitle.css) ??
      queryFirst(container, 'header h2, header h3, h2');
    const text = title ? textOf(title, 120) : '';
    if (text) name = text;
  }
  return { ...(name ? { name } : {}), ...(profileId ? { profileId } : {}) };
}

// ---- Messages ----

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_MS = 86_400_000;

/** Local midnight of the day a heading names, or undefined. English headings only. */
function dayOf(heading: string, now: number | undefined): Date | undefined {
  const text = heading.trim().toLowerCase();
  const absolute = /^([a-z]{3})[a-z]* (\d{1,2}), (\d{4})$/.exec(text);
  if (absolute) {
    const month = MONTHS.indexOf(absolute[1]!);
    if (month >= 0) return new Date(Number(absolute[3]), month, Number(absolute[2]));
  }
  if (now === undefined || !Number.isFinite(now)) return undefined;
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  if (text === 'today') return today;
  if (text === 'yesterday') return new Date(today.getTime() - DAY_MS);
  const weekday = WEEKDAYS.indexOf(text);
  if (weekday >= 0) {
    const back = (today.getDay() - weekday + 7) % 7 || 7;
    return new Date(today.getFullYear(), today.getMonth(), today.getDate() - back);
  }
  const short = /^([a-z]{3})[a-z]* (\d{1,2})$/.exec(text);
  if (short) {
    const month = MONTHS.indexOf(short[1]!);
    if (month < 0) return undefined;
    const day = new Date(today.getFullYear(), month, Number(short[2]));
    return day.getTime() > today.getTime()
      ? new Date(today.getFullYear() - 1, month, Number(short[2]))
      : day;
  }
  return undefined;
}

function timeOf(day: Date | undefined, clock: string): number | undefined {
  if (!day) return undefined;
  const match = /^(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?$/i.exec(clock.trim());
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const half = match[3]?.toLowerCase().replace(/\./g, '');
  if (half === 'pm' && hours < 12) hours += 12;
  if (half === 'am' && hours === 12) hours = 0;
  if (hours > 23 || minutes > 59) return undefined;
  const at = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes).getTime();
  return Number.isFinite(at) ? at : undefined;
}

/** The conversation's own member id, from the mailbox part of message URNs. */
function mailboxOf(container: Element): string | undefined {
  const urn =
    queryFirst(container, SELECTORS.messageEventUrn.css)?.getAttribute('data-event-urn') ?? '';
  const match = /^urn:li:msg_message:\(urn:li:fsd_profile:([\w-]+),/.exec(urn);
  return match ? (normalizeLinkedInId(match[1]!) ?? undefined) : undefined;
}

interface MessageSeen extends MessageFromOther {
  fromOther: boolean;
}

function readMessages(
  container: Element,
  who: ConversationPerson,
  now: number | undefined,
): MessageSeen[] {
  const items = queryAll(container, SELECTORS.messageItem.css, 400);
  const innerItems = items.filter((item, i) => !(items[i + 1] && item.contains(items[i + 1]!)));
  const mailbox = mailboxOf(container);
  const headings = queryAll(container, 'time', 800).filter(
    (time) => !isInsideMessage(time, container),
  );
  const messages: MessageSeen[] = [];
  let previous: MessageSeen | undefined;
  let nextHeading = 0;
  let heading: Element | undefined;
  for (const item of innerItems) {
    while (
      nextHeading < headings.length &&
      headings[nextHeading]!.compareDocumentPosition(item) & 4
    ) {
      heading = headings[nextHeading++];
    }
    const link = queryAll(item, SELECTORS.profileLink.css, 5).find((candidate) =>
      idFromLink(candidate),
    );
    const senderId = link ? idFromLink(link) : undefined;
    const nameNode = queryFirst(item, SELECTORS.messageSenderName.css);
    const image = queryFirst(item, 'img[alt]');
    const name =
      (nameNode ? textOf(nameNode, 120) : '') || image?.getAttribute('alt')?.trim() || undefined;

    let fromOther: boolean;
    if (matchesCss(item, SELECTORS.messageFromOther.css)) fromOther = true;
    else if (senderId && who.profileId) fromOther = senderId === who.profileId;
    else if (senderId && mailbox) fromOther = senderId !== mailbox;
    else if (previous && !senderId && !name) fromOther = previous.fromOther;
    else fromOther = false;

    const ownTime = queryAll(item, 'time', 5).pop();
    const datetime = ownTime?.getAttribute('datetime');
    const headingText = heading ? textOf(heading, 40) : '';
    const clock = ownTime ? textOf(ownTime, 40) : '';
    const atText = [headingText, clock].filter(Boolean).join(' ') || undefined;
    let at: number | undefined;
    if (datetime) {
      const parsed = Date.parse(datetime);
      if (Number.isFinite(parsed)) at = parsed;
    }
    at ??= timeOf(dayOf(headingText, now), clock);
    // A follow-on message in a group shows no time of its own; it shares the group's.
    const grouped = !ownTime && previous && previous.fromOther === fromOther ? previous : undefined;

    const message: MessageSeen = {
      fromOther,
      ...(name
        ? { name }
        : fromOther && previous?.fromOther && previous.name
          ? { name: previous.name }
          : {}),
      ...(senderId ? { profileId: senderId } : {}),
      ...(grouped?.atText ? { atText: grouped.atText } : atText ? { atText } : {}),
      ...(grouped?.at !== undefined ? { at: grouped.at } : at !== undefined ? { at } : {}),
    };
    messages.push(message);
    previous = message;
  }
  return messages;
}

// ---- Composer and sending ----

function findComposer(container: Element): Element | null {
  const composers = queryAll(container, SELECTORS.composer.css, 10);
  return composers.find(isShown) ?? null;
}

/**
 * The composer's Send button: looked for in the composer's own form when it has one (a long
 * thread's messages hold many buttons, some labelled "Send" in a shared post, none of them this),
 * else anywhere in the conversation.
 */
function findSendButton(container: Element, composer: Element): Element | null {
  const form = closestOf(composer, SELECTORS.composerForm.css);
  const scope = form && container.contains(form) ? form : container;
  for (const button of queryAll(scope, SELECTORS.sendButton.css, 20)) {
    if (isShown(button)) return button;
  }
  return findLabelledButton(scope, ['send']);
}

function conversationIdIn(
  container: Element,
  kind: ConversationView['kind'],
  pageUrl?: string,
): string | undefined {
  for (const link of queryAll(container, SELECTORS.threadLink.css, 20)) {
    const id = conversationIdFromUrl(hrefOf(link));
    if (id) return id;
  }
  // A conversation URN or a keyed component (`…Conversation_2-…`) on the container itself.
  for (const name of container.getAttributeNames().slice(0, 40)) {
    const match = /(?:^|[_:,(])(2-[A-Za-z0-9+/_-]{20,300}={0,2})(?:$|[),])/.exec(
      (container.getAttribute(name) ?? '').slice(0, 600),
    );
    if (match && isConversationId(match[1])) return match[1];
  }
  // The messages on screen beat the URL, which moves first when the app navigates between threads.
  const urn =
    queryFirst(container, SELECTORS.messageEventUrn.css)?.getAttribute('data-event-urn') ?? '';
  const message = /,(2-[A-Za-z0-9+/=_-]+)\)$/.exec(urn);
  const fromMessage = message ? conversationIdFromMessageId(message[1]!) : null;
  if (fromMessage) return fromMessage;
  return (kind === 'thread' && pageUrl && conversationIdFromUrl(pageUrl)) || undefined;
}

function kindOf(container: Element): ConversationView['kind'] {
  if (matchesCss(container, SELECTORS.overlayBubble.css)) return 'bubble';
  if (container.getAttribute('role') === 'dialog') return 'bubble';
  if (closestOf(container, SELECTORS.messagingOverlay.css)) return 'bubble';
  // Only the overlay lives in the shadow root; the thread page is light DOM.
  const root = container.getRootNode?.();
  return root && root !== container.ownerDocument ? 'bubble' : 'thread';
}

/** Reads one conversation container but not its messages; null if it cannot be read. Never throws. */
export function readConversationHeader(
  container: Element,
  options: ReadOptions = {},
): ConversationHeader | null {
  try {
    if (!isElement(container)) return null;
    const kind = kindOf(container);
    const who = readWho(container);
    const composer = findComposer(container);
    const sendButton = composer ? findSendButton(container, composer) : null;
    const conversationId = conversationIdIn(container, kind, options.pageUrl);
    return {
      kind,
      element: container,
      minimized: matchesCss(container, SELECTORS.minimizedBubble.css),
      who,
      ...(conversationId ? { conversationId } : {}),
      composer,
      sendButton,
      sendMode: !composer ? 'none' : sendButton ? 'button' : 'enter',
    };
  } catch {
    return null;
  }
}

/** A header read by readConversationHeader with its messages read now. Never throws. */
export function withMessages(
  header: ConversationHeader,
  options: ReadOptions = {},
): ConversationView {
  try {
    const messages = readMessages(header.element, header.who, options.now);
    const fromOther = messages.filter((message) => message.fromOther);
    const last = fromOther[fromOther.length - 1];
    let lastMessageFromOther: MessageFromOther | undefined;
    if (last) {
      const { fromOther: _fromOther, ...rest } = last;
      const name = header.who.name;
      lastMessageFromOther = { ...rest, ...(rest.name ? {} : name ? { name } : {}) };
    }
    return {
      ...header,
      ...(lastMessageFromOther ? { lastMessageFromOther } : {}),
      lastMessageIsFromOther: messages.length > 0 && messages[messages.length - 1]!.fromOther,
    };
  } catch {
    return { ...header, lastMessageIsFromOther: false };
  }
}

/** Reads one conversation container, messages included; null if it cannot be read. Never throws. */
export function readConversation(
  container: Element,
  options: ReadOptions = {},
): ConversationView | null {
  const header = readConversationHeader(container, options);
  return header ? withMessages(header, options) : null;
}

// ---- Events ----

export interface SendTarget {
  /**
   * What the event came from: the message Send button, the composer (Enter), an invitation send,
   * or a Connect control (which may send at once or open the invitation modal).
   */
  kind: 'send-button' | 'composer' | 'invitation-send' | 'connect';
  element: Element;
  /** The conversation the event happened in (message sends), when found on the path. */
  conversation: Element | null;
  /** The invitation dialog (invitation sends). */
  dialog: Element | null;
}

function isInvitationDialog(dialog: Element): boolean {
  return (
    queryFirst(dialog, SELECTORS.invitationMarker.css) !== null ||
    findLabelledButton(dialog, ['addNote', 'sendWithoutNote', 'sendInvitation']) !== null
  );
}

/** A Connect link or button ("Invite <Name> to connect", a custom-invite link, "Connect"). */
export function isConnectControl(element: Element): boolean {
  if (matchesCss(element, SELECTORS.pendingControl.css)) return false;
  if (matchesCss(element, SELECTORS.connectControl.css)) return true;
  return isButtonLike(element) && matchesLabel(labelOf(element), 'connect');
}

/**
 * What a click or keydown came from, given `event.composedPath()` (which crosses the shadow
 * boundary of #interop-outlet): the first button or Connect control on the path decides; a
 * composer counts only when no button is on the path. Null for anything that is not a send.
 */
export function sendTargetFromPath(path: readonly unknown[]): SendTarget | null {
  try {
    if (!Array.isArray(path)) return null;
    const elements = path.slice(0, 60).filter(isElement);
    const conversation =
      elements.find(
        (element) => matchesCss(element, CONTAINER_CSS) && looksLikeConversation(element),
      ) ?? null;
    const dialog = elements.find((element) => matchesCss(element, SELECTORS.dialog.css)) ?? null;
    for (const element of elements) {
      if (isConnectControl(element)) {
        return { kind: 'connect', element, conversation: null, dialog: null };
      }
      if (isButtonLike(element)) {
        const label = labelOf(element);
        if (matchesLabel(label, 'sendInvitation') || matchesLabel(label, 'sendWithoutNote')) {
          return { kind: 'invitation-send', element, conversation: null, dialog };
        }
        const isSend = matchesLabel(label, 'send') || matchesCss(element, SELECTORS.sendButton.css);
        if (!isSend) return null;
        if (dialog && !conversation && isInvitationDialog(dialog)) {
          return { kind: 'invitation-send', element, conversation: null, dialog };
        }
        return { kind: 'send-button', element, conversation, dialog: null };
      }
      if (
        matchesCss(element, SELECTORS.composer.css) ||
        element.getAttribute('contenteditable') === 'true'
      ) {
        const around = conversation ?? containerAround(element);
        if (!around || !isMessageComposer(element)) return null;
        return { kind: 'composer', element, conversation: around, dialog: null };
      }
    }
    return null;
  } catch {
    return null;
  }
}
