// Turns what the user just did (a click or an Enter, with the event's composedPath, which crosses
// #interop-outlet's shadow root) into the DOM layer's view of a send: message or invitation, who
// the page shows it is to, the conversation id when visible. And, for a network event no gesture
// was seen for, who the page shows for that conversation or invitee. Read-only; never throws.
import { isMemberId, linkedInIdFromUrl, normalizeLinkedInId } from '../../identity';
import { inviteeIdsOf, type BridgeEvent } from './bridge';
import { hrefOf, queryAll, queryFirst, type ReadRoot } from './dom';
import type { PersonOnPage } from './parse-messaging';
import type { DomSend } from './pairing';
import {
  findConversationHeaders,
  readConversationHeader,
  sendTargetFromPath,
  type ConversationHeader,
} from './read-conversation';
import { findProfileTopCard, readInvitation, readProfile } from './read-profile';
import { normalizeLabel, SELECTORS } from './selectors';
import { inviteeIdFromCustomInviteUrl } from './urls';

export interface Gesture {
  type: 'click' | 'keydown';
  key?: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  isComposing?: boolean;
}

const MAX_CLIMB = 15;

function isDisabled(element: Element): boolean {
  return element.hasAttribute('disabled') || element.getAttribute('aria-disabled') === 'true';
}

function hasText(composer: Element | null): boolean {
  // Only whether something is there; the text itself is never kept.
  return !!composer && (composer.textContent ?? '').trim().length > 0;
}

/**
 * A conversation not matched by the container selectors (a hashed-class thread page): the nearest
 * ancestor holding a composer and a link to a profile (its header), else the nearest with a
 * composer alone.
 */
function conversationAround(element: Element): Element | null {
  let withComposer: Element | null = null;
  let node: Element | null = element.parentElement;
  for (let i = 0; node && i < MAX_CLIMB; i++) {
    if (queryFirst(node, SELECTORS.composer.css)) {
      withComposer ??= node;
      if (queryFirst(node, SELECTORS.profileLink.css)) return node;
    }
    node = node.parentElement;
  }
  return withComposer;
}

function personOf(view: ConversationHeader): PersonOnPage[] {
  const { name, profileId } = view.who;
  return name || profileId
    ? [{ ...(name ? { name } : {}), ...(profileId ? { profileId } : {}) }]
    : [];
}

function messageSend(view: ConversationHeader, now: number): DomSend {
  return {
    kind: 'message',
    at: now,
    people: personOf(view),
    ...(view.conversationId ? { conversationId: view.conversationId } : {}),
  };
}

function sameName(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && normalizeLabel(a) === normalizeLabel(b);
}

/** Who an invitation sent from this page is to: the profile shown, when the dialog names them. */
function invitee(root: Document, pageUrl: string, dialogName: string | undefined): PersonOnPage[] {
  const profile = readProfile(root, pageUrl);
  if (profile && (!dialogName || sameName(dialogName, profile.name))) {
    return [
      {
        profileIds: profile.profileIds,
        ...(profile.name ? { name: profile.name } : {}),
      },
    ];
  }
  const fromUrl = inviteeIdFromCustomInviteUrl(pageUrl);
  if (fromUrl) return [{ profileId: fromUrl, ...(dialogName ? { name: dialogName } : {}) }];
  // Someone else's Connect (a sidebar, search results): the network names them.
  return dialogName ? [{ name: dialogName }] : [];
}

const INVITE_LABEL = /^Invite (.{1,120}) to connect$/i;

/** The one person a Connect's surroundings (a "People you may know" card) link to, if just one. */
function personAround(element: Element): string | undefined {
  let node: Element | null = element.parentElement;
  for (let i = 0; node && i < 6; i++) {
    const ids = new Set<string>();
    for (const link of queryAll(node, SELECTORS.profileLink.css, 20)) {
      const id = linkedInIdFromUrl(hrefOf(link) ?? '');
      if (id && id !== 'me') ids.add(id);
    }
    if (ids.size === 1) return [...ids][0];
    if (ids.size > 1) return undefined;
    node = node.parentElement;
  }
  return undefined;
}

/** Who a Connect control invites: the profile when it is the owner's, else what it shows. */
function connectPeople(element: Element, root: Document, pageUrl: string): PersonOnPage[] {
  const name = INVITE_LABEL.exec((element.getAttribute('aria-label') ?? '').trim())?.[1];
  let fromLink: string | null = null;
  const href = hrefOf(element);
  if (href) {
    try {
      const params = new URL(href).searchParams;
      fromLink = normalizeLinkedInId(params.get('vanityName') ?? params.get('profileUrn'));
    } catch {
      fromLink = null;
    }
  }
  const card = findProfileTopCard(root, pageUrl);
  const profile = card ? readProfile(root, pageUrl) : null;
  const owners =
    profile?.name &&
    (card!.element.contains(element) ||
      (fromLink ? profile.profileIds.includes(fromLink) : sameName(name, profile.name)));
  if (owners) return [{ profileIds: profile.profileIds, name: profile.name }];
  const id = fromLink ?? personAround(element);
  if (!id && !name) return [];
  return [{ ...(id ? { profileId: id } : {}), ...(name ? { name } : {}) }];
}

/**
 * The send a gesture made, or null when it was not one: Enter (without Shift) in a message
 * composer that sends on Enter, Ctrl/Cmd+Enter in any, a click on an enabled Send button, or a
 * click on "Send invitation" / "Send without a note".
 */
export function domSendOfGesture(
  path: readonly unknown[],
  gesture: Gesture,
  root: Document,
  pageUrl: string,
  now: number,
): DomSend | null {
  try {
    if (gesture.type === 'keydown') {
      if (gesture.key !== 'Enter' || gesture.shiftKey || gesture.altKey || gesture.isComposing) {
        return null;
      }
    }
    const target = sendTargetFromPath(path);
    if (!target) return null;
    if (target.kind === 'composer') {
      if (gesture.type !== 'keydown' || !target.conversation) return null;
      const view = readConversationHeader(target.conversation, { pageUrl, now });
      if (!view) return null;
      const modified = !!(gesture.ctrlKey || gesture.metaKey);
      if (!modified && view.sendMode !== 'enter') return null;
      if (!hasText(target.element)) return null;
      return messageSend(view, now);
    }
    if (gesture.type !== 'click' || isDisabled(target.element)) return null;
    if (target.kind === 'connect') {
      const people = connectPeople(target.element, root, pageUrl);
      return { kind: 'invitation', at: now, people, confirmOnly: true };
    }
    if (target.kind === 'send-button') {
      const container = target.conversation ?? conversationAround(target.element);
      const view = container ? readConversationHeader(container, { pageUrl, now }) : null;
      if (!view || !view.composer) return null;
      return messageSend(view, now);
    }
    const dialog = target.dialog;
    const invitation = dialog ? readInvitation(dialog.parentNode as ReadRoot) : null;
    const dialogName =
      invitation?.inviteeName ??
      (dialog
        ? /^Invite (.+?) to connect$/i.exec(dialog.getAttribute('aria-label') ?? '')?.[1]
        : undefined);
    return {
      kind: 'invitation',
      at: now,
      people: invitee(root, pageUrl, dialogName),
      hasNote: !!invitation?.hasNote,
    };
  } catch {
    return null;
  }
}

/** Who the page shows for a send only the network saw (no gesture paired with it). */
export function peopleForNetworkSend(
  event: BridgeEvent,
  root: Document,
  pageUrl: string,
): PersonOnPage[] {
  try {
    if (event.kind === 'invitation') {
      const profile = readProfile(root, pageUrl);
      if (profile?.name && inviteeIdsOf(event).some((id) => profile.profileIds.includes(id))) {
        return [
          { profileIds: profile.profileIds, ...(profile.name ? { name: profile.name } : {}) },
        ];
      }
      return [];
    }
    const views = findConversationHeaders(root, { pageUrl });
    const view =
      (event.conversationId &&
        views.find((candidate) => candidate.conversationId === event.conversationId)) ||
      views.find(
        (candidate) =>
          !!candidate.who.profileId &&
          isMemberId(candidate.who.profileId) &&
          event.recipientMemberIds.includes(candidate.who.profileId),
      );
    return view ? personOf(view) : [];
  } catch {
    return [];
  }
}
