// Turns what the user just did (a click or an Enter, with the event's composedPath, which crosses
// #interop-outlet's shadow root) into the DOM layer's view of a send: message or invitation, who
// the page shows it is to, the conversation id when visible. And, for a network event no gesture
// was seen for, who the page shows for that conversation or invitee. Read-only; never throws.
import { isMemberId } from '../../identity';
import type { BridgeEvent } from './bridge';
import { queryFirst, type ReadRoot } from './dom';
import type { PersonOnPage } from './parse-messaging';
import type { DomSend } from './pairing';
import {
  findConversations,
  readConversation,
  sendTargetFromPath,
  type ConversationView,
} from './read-conversation';
import { readInvitation, readProfile } from './read-profile';
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

/** A 2026 conversation not matched by the container selectors: the nearest ancestor with a composer. */
function conversationAround(element: Element): Element | null {
  let node: Element | null = element.parentElement;
  for (let i = 0; node && i < MAX_CLIMB; i++) {
    if (queryFirst(node, SELECTORS.composer.css)) return node;
    node = node.parentElement;
  }
  return null;
}

function personOf(view: ConversationView): PersonOnPage[] {
  const { name, profileId } = view.who;
  return name || profileId
    ? [{ ...(name ? { name } : {}), ...(profileId ? { profileId } : {}) }]
    : [];
}

function messageSend(view: ConversationView, now: number): DomSend {
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
      const view = readConversation(target.conversation, { pageUrl, now });
      if (!view) return null;
      const modified = !!(gesture.ctrlKey || gesture.metaKey);
      if (!modified && view.sendMode !== 'enter') return null;
      if (!hasText(target.element)) return null;
      return messageSend(view, now);
    }
    if (gesture.type !== 'click' || isDisabled(target.element)) return null;
    if (target.kind === 'send-button') {
      const container = target.conversation ?? conversationAround(target.element);
      const view = container ? readConversation(container, { pageUrl, now }) : null;
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
      if (profile?.profileIds.includes(event.inviteeId)) {
        return [
          { profileIds: profile.profileIds, ...(profile.name ? { name: profile.name } : {}) },
        ];
      }
      return [];
    }
    const views = findConversations(root, { pageUrl });
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
