// Where a draft the rep asked for goes on a LinkedIn page: the message box of the prospect's
// conversation (only once the page shows that very conversation), or, on their profile, the
// message box the top card's Message control opens. Reads only; the one action it can name is
// that Message control, for a box not yet open.
import { normalizeLinkedInId } from '../../identity';
import type { ComposerTarget } from '../../drafts/composer';
import { findLabelledButton, isShown, labelOf, queryAll, queryFirst, type ReadRoot } from './dom';
import { findConversationHeaders } from './read-conversation';
import { readProfilePage } from './read-profile';
import { SELECTORS, startsWithLabel } from './selectors';
import { conversationIdFromUrl } from './urls';

export type LinkedInDraftSpot =
  | { kind: 'body'; body: Element }
  | { kind: 'message-control'; control: Element }
  | { kind: 'wait' };

type LinkedInTarget = Extract<
  ComposerTarget,
  { kind: 'linkedin-conversation' | 'linkedin-profile' }
>;

export function findLinkedInDraftSpot(
  root: ReadRoot,
  target: LinkedInTarget,
  pageUrl: string,
): LinkedInDraftSpot {
  const conversations = findConversationHeaders(root, { pageUrl }).filter(
    (view) => view.composer && !view.minimized,
  );
  if (target.kind === 'linkedin-conversation') {
    if (conversationIdFromUrl(pageUrl) !== target.conversationId) return { kind: 'wait' };
    const view = conversations.find(
      (candidate) =>
        candidate.kind === 'thread' &&
        (candidate.conversationId === undefined ||
          candidate.conversationId === target.conversationId),
    );
    return view?.composer ? { kind: 'body', body: view.composer } : { kind: 'wait' };
  }
  const wanted = normalizeLinkedInId(target.profileId);
  const page = readProfilePage(root, pageUrl);
  if (page.kind !== 'read') return { kind: 'wait' };
  const ids = page.profile.profileIds;
  if (!wanted || !ids.includes(wanted)) return { kind: 'wait' };
  // A bubble with this person already open takes the draft.
  const bubble = conversations.find(
    (view) =>
      view.kind === 'bubble' &&
      ((view.who.profileId && ids.includes(view.who.profileId)) ||
        (!!view.who.name && view.who.name === page.profile.name)),
  );
  if (bubble?.composer) return { kind: 'body', body: bubble.composer };
  const control =
    queryFirst(page.card, SELECTORS.composeLink.css) ??
    findLabelledButton(page.card, ['message']) ??
    messageButtonNaming(page.card, page.profile.name);
  return control ? { kind: 'message-control', control } : { kind: 'wait' };
}

/**
 * The Ember top card's Message button, whose label names the person ("Message Rowan", shown as
 * "Message"): a shown button labelled Message followed only by words of the card owner's name.
 */
function messageButtonNaming(card: Element, name: string | undefined): Element | null {
  const words = new Set((name ?? '').toLowerCase().split(/\s+/).filter(Boolean));
  if (words.size === 0) return null;
  for (const element of queryAll(card, SELECTORS.buttonLike.css, 300)) {
    const label = labelOf(element).replace(/\s+/g, ' ').trim();
    if (!startsWithLabel(label, 'message')) continue;
    const rest = label.split(' ').slice(1);
    if (
      rest.length > 0 &&
      rest.every((word) => words.has(word.toLowerCase())) &&
      isShown(element)
    ) {
      return element;
    }
  }
  return null;
}
