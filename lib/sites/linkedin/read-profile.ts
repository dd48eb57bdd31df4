// Reads a LinkedIn profile page (who it is, its ids, whether a 1st-degree connection) and the
// connection invitation modal ("Add a note" / "Send invitation" / "Send without a note"), in the
// Ember UI or the 2026 server-driven UI (SDUI), whose modal lives in #interop-outlet's shadow
// root. The person is read from the owner's top card only: a profile page also shows other
// people (sidebars, hover cards, menus), each with their own ids. Only whether an invitation had a
// note is read, never the note.
import { isMemberId, linkedInIdFromUrl, normalizeLinkedInId } from '../../identity';
import {
  closestOf,
  findLabelledButton,
  hrefOf,
  isShown,
  labelOf,
  matchesCss,
  queryAll,
  queryFirst,
  searchRoots,
  textOf,
  type ReadRoot,
} from './dom';
import { matchesLabel, PROFILE_TITLE, SELECTORS, TOP_CARD_KEY } from './selectors';
import { isProfileMainUrl, profileIdFromPageUrl, urlPatternOf } from './urls';

export interface ProfileView {
  /** The name in the top card (or the title, when the card shows none). */
  name?: string;
  /** The id the page URL names (vanity, or member id on `/in/ACoAA…` pages). */
  profileId: string;
  vanityId?: string;
  memberId?: string;
  /** LinkedIn's numeric member id as an id of its own kind, `member:<n>`, where the page shows it. */
  memberNumber?: string;
  /** Every id known for the person, for linking the prospect: vanity first. */
  profileIds: string[];
  headline?: string;
  company?: string;
  isFirstDegree: boolean;
}

const FIRST_DEGREE = /^(?:·\s*)?(?:1st|1er|1\.|1º|1°|1e)(?: degree connection)?$/i;
const ANY_DEGREE =
  /^(?:·\s*)?(?:1st|2nd|3rd\+?|1er|2e|3e\+?|[123]\.|[123][º°]|[123]e)(?: degree connection)?$/i;
const PRONOUNS = /^\(?[\p{L}]{1,12}\/[\p{L}]{1,12}(?:\/[\p{L}]{1,12})?\)?$/u;
const MEMBER_NUMBER = /urn(?::|%3A)li(?::|%3A)member(?::|%3A)(\d{1,15})(?!\d)/i;
const FOLLOWING = 4;

function paramsOf(href: string): URLSearchParams | null {
  try {
    return new URL(href, 'https://www.linkedin.com').searchParams;
  } catch {
    return null;
  }
}

function memberFrom(value: string | null | undefined): string | undefined {
  const id = value ? normalizeLinkedInId(value) : null;
  return id && isMemberId(id) ? id : undefined;
}

function urnParam(href: string): string | undefined {
  const params = paramsOf(href);
  if (!params) return undefined;
  for (const key of ['profileUrn', 'miniProfileUrn']) {
    const id = memberFrom(params.get(key));
    if (id) return id;
  }
  return undefined;
}

/** Vanity ↔ member id pairs from links that carry both (`/in/<vanity>/…?profileUrn=…`). */
function idPairs(root: ReadRoot): { vanity: string; member: string }[] {
  const pairs: { vanity: string; member: string }[] = [];
  for (const link of queryAll(root, SELECTORS.profileUrnLink.css, 400)) {
    const href = hrefOf(link);
    if (!href) continue;
    const vanity = linkedInIdFromUrl(href);
    const member = urnParam(href);
    if (vanity && member && !isMemberId(vanity)) pairs.push({ vanity, member });
  }
  return pairs;
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

function documentOf(root: ReadRoot): Document | null {
  if ((root as Document).nodeType === 9) return root as Document;
  return (root as Node).ownerDocument ?? null;
}

/** The name `<title>` gives ("(3) Jane Doe | LinkedIn" → "Jane Doe"), if any. */
export function nameFromTitle(title: string | null | undefined): string | undefined {
  if (typeof title !== 'string' || title.length > 300) return undefined;
  const name = PROFILE_TITLE.pattern.exec(title.replace(/\s+/g, ' ').trim())?.[1]?.trim();
  return name && name.toLowerCase() !== 'linkedin' ? name.slice(0, 120) : undefined;
}

// ---- The top card ----

export interface TopCard {
  element: Element;
  ui: 'ember' | 'sdui';
  /** The heading with the name, when the card shows one. */
  heading: Element | null;
  /** The member id the 2026 card's key names. */
  keyMemberId?: string;
  /** The ids the card itself shows for its owner (its key, name link, Message, Connect…). */
  ownerIds: string[];
}

/** The ids a card shows for its owner: never any link to someone else inside it. */
function ownerIdsOf(card: Element, heading: Element | null, keyMemberId?: string): string[] {
  const ids: string[] = [];
  const add = (id: string | null | undefined) => {
    if (id && id !== 'me' && !ids.includes(id)) ids.push(id);
  };
  add(keyMemberId);
  const nameLink = heading ? closestOf(heading, 'a[href]') : null;
  const nameHref = nameLink ? hrefOf(nameLink) : null;
  if (nameHref) add(linkedInIdFromUrl(nameHref));
  const number = card.getAttribute('data-member-id');
  if (number && /^\d{1,15}$/.test(number)) add(`member:${number}`);
  for (const link of queryAll(card, 'a[href]', 200)) {
    const href = hrefOf(link);
    if (!href) continue;
    const params = paramsOf(href);
    // Message (compose) and Connect (custom invite) name the card's owner.
    if (matchesCss(link, SELECTORS.composeLink.css)) {
      add(memberFrom(params?.get('recipient')) ?? memberFrom(params?.get('profileUrn')));
    } else if (matchesCss(link, SELECTORS.customInviteLink.css)) {
      add(normalizeLinkedInId(params?.get('vanityName') ?? params?.get('profileUrn') ?? null));
    } else if (/\/in\/[^/]+\/overlay\/contact-info/i.test(href)) {
      add(linkedInIdFromUrl(href));
    } else if (params?.has('connectionOf')) {
      // The owner's connections search: `connectionOf=["ACoAA…"]`.
      add(/ACoA[A-Za-z0-9_-]{10,200}/.exec(params.get('connectionOf') ?? '')?.[0]);
    }
  }
  return ids;
}

function keyOf(element: Element): string {
  return (element.getAttribute('componentkey') ?? element.getAttribute('id') ?? '').slice(0, 400);
}

/** Whom the Message and Connect links under `node` are for (at most a few). */
function linkedPeople(node: Element): Set<string> {
  const people = new Set<string>();
  for (const link of queryAll(
    node,
    `${SELECTORS.composeLink.css}, ${SELECTORS.customInviteLink.css}`,
    20,
  )) {
    const params = paramsOf(hrefOf(link) ?? '');
    const id =
      memberFrom(params?.get('recipient')) ??
      memberFrom(params?.get('profileUrn')) ??
      normalizeLinkedInId(params?.get('vanityName') ?? null);
    if (id) people.add(id);
  }
  return people;
}

/**
 * The card a name heading sits in: its section or keyed component; else the widest ancestor (a
 * few levels up, below the page's main region) that names no one else: no other name heading,
 * Message and Connect links for one person at most.
 */
function cardAround(heading: Element): Element | null {
  const keyed = closestOf(heading, SELECTORS.profileCard.css);
  if (keyed) return keyed;
  let card = heading.parentElement;
  let node = card?.parentElement ?? null;
  for (let i = 0; node && i < 6; i++, node = node.parentElement) {
    if (matchesCss(node, SELECTORS.pageRegion.css)) break;
    const names = queryAll(node, `h1, ${SELECTORS.profileNameInLink.css}`, 5);
    if (names.some((name) => name !== heading)) break;
    // One person at most: one member id and one vanity (the same person's two ids).
    const people = [...linkedPeople(node)];
    if (people.filter(isMemberId).length > 1 || people.filter((id) => !isMemberId(id)).length > 1) {
      break;
    }
    card = node;
  }
  return card;
}

const OTHER_PEOPLE_CSS = SELECTORS.otherPeopleRegion.css;

function candidatesIn(root: ReadRoot): TopCard[] {
  const cards: TopCard[] = [];
  const known = (element: Element) => cards.some((card) => card.element === element);
  for (const element of queryAll(root, SELECTORS.sduiTopCard.css, 20)) {
    const match = TOP_CARD_KEY.pattern.exec(keyOf(element));
    if (!match || known(element)) continue;
    const heading =
      queryAll(element, SELECTORS.profileNameInLink.css, 5).find(isShown) ??
      queryAll(element, 'h1, h2', 5).find(isShown) ??
      null;
    const keyMemberId = match[1]!;
    cards.push({
      element,
      ui: 'sdui',
      heading,
      keyMemberId,
      ownerIds: ownerIdsOf(element, heading, keyMemberId),
    });
  }
  // The Ember name heading (h1), and a 2026 name (h2 in an /in/ link) on a screen with no keyed card.
  const headings = [
    ...queryAll(root, SELECTORS.profileName.css, 10).map((h) => ['ember', h] as const),
    ...queryAll(root, SELECTORS.profileNameInLink.css, 40).map((h) => ['sdui', h] as const),
  ];
  for (const [ui, heading] of headings) {
    if (!isShown(heading) || cards.some((card) => card.element.contains(heading))) continue;
    // Rails, lists, menus and hover cards name other people, each in their own /in/ link.
    if (closestOf(heading, OTHER_PEOPLE_CSS)) continue;
    const element = cardAround(heading);
    if (!element || known(element)) continue;
    cards.push({ element, ui, heading, ownerIds: ownerIdsOf(element, heading) });
  }
  return cards;
}

/** The ids a card stands for, widened by the page's vanity ↔ member pairs. */
function expandedIds(card: TopCard, pairs: { vanity: string; member: string }[]): Set<string> {
  const ids = new Set(card.ownerIds);
  for (const pair of pairs) {
    if (ids.has(pair.vanity)) ids.add(pair.member);
    if (ids.has(pair.member)) ids.add(pair.vanity);
  }
  return ids;
}

function insideScreen(element: Element, screen: Element | null): boolean {
  return !!screen && screen.contains(element);
}

/**
 * The owner's top card: a card whose own ids include the one the URL names (a card showing
 * someone else, or nobody, is never taken for the owner's: mid-navigation, the URL moves first).
 * On the 2026 profile screen, only a card inside the screen; without a profile URL, its keyed
 * card. Never throws.
 */
export function findProfileTopCard(root: ReadRoot, pageUrl: string): TopCard | null {
  try {
    const urlId = profileIdFromPageUrl(pageUrl);
    const screen = queryFirst(root, SELECTORS.profileScreen.css);
    if (!urlId && !screen) return null;
    const candidates = candidatesIn(root);
    if (candidates.length === 0) return null;
    const pairs = urlId ? idPairs(root) : [];
    // On the 2026 profile screen only its own cards count: a hover card or a menu in a portal
    // outside it may be keyed like a top card, for someone else.
    const onScreen = screen
      ? candidates.filter((card) => insideScreen(card.element, screen))
      : candidates;
    // Where the screen keys its top card, only a keyed card is one.
    const keyed = onScreen.filter((card) => card.keyMemberId);
    const inScope = keyed.length ? keyed : onScreen;
    for (const card of inScope) {
      if (urlId ? expandedIds(card, pairs).has(urlId) : card.ui === 'sdui' && !!card.keyMemberId) {
        return card;
      }
    }
    return null;
  } catch {
    return null;
  }
}

// ---- What the card says ----

function isDegree(text: string): boolean {
  return ANY_DEGREE.test(text) || /^·$/.test(text);
}

/** The card's short text blocks after the name, in order; links, buttons and hidden copies skipped. */
function blocksAfter(card: Element, heading: Element): string[] {
  const blocks: string[] = [];
  for (const element of queryAll(card, 'p, span, div, h3, h4', 600)) {
    if (blocks.length >= 12) break;
    if (!(heading.compareDocumentPosition(element) & FOLLOWING) || heading.contains(element)) {
      continue;
    }
    if (queryFirst(element, 'p, span, div, h3, h4')) continue;
    const skipped = closestOf(
      element,
      `a, button, [role="button"], [role="menu"], ${SELECTORS.hiddenCopy.css}`,
    );
    if (skipped && card.contains(skipped)) continue;
    if (!isShown(element)) continue;
    const text = textOf(element, 220);
    if (text) blocks.push(text);
  }
  return blocks;
}

/** Headline and company as the 2026 card shows them: headline, then "Company · School". */
function headlineAndCompany(
  card: Element,
  heading: Element,
): { headline?: string; company?: string } {
  const blocks = blocksAfter(card, heading).filter(
    (text) => !isDegree(text) && !PRONOUNS.test(text),
  );
  const headline = blocks[0];
  const line = blocks[1];
  let company: string | undefined;
  if (line?.includes(' · ')) company = line.split(' · ')[0]!.trim();
  else if (line) {
    // A line with no school: it is the company when the card's company entry says the same.
    const entries = queryAll(card, 'div[role="button"]', 10).map((entry) => textOf(entry, 200));
    if (entries.includes(line)) company = line;
  }
  return { ...(headline ? { headline } : {}), ...(company ? { company } : {}) };
}

function isFirstDegreeCard(card: Element): boolean {
  const badges = [
    ...queryAll(card, SELECTORS.distanceBadge.css, 10),
    ...queryAll(card, 'span, p', 400),
  ];
  return badges.some((badge) => FIRST_DEGREE.test(textOf(badge, 40)));
}

function memberNumberOf(card: Element, root: ReadRoot): string | undefined {
  const own = card.getAttribute('data-member-id');
  if (own && /^\d{1,15}$/.test(own)) return `member:${own}`;
  const numbers = new Set<string>();
  const collect = (scope: ReadRoot) => {
    for (const link of queryAll(scope, SELECTORS.memberNumberLink.css, 40)) {
      const number = MEMBER_NUMBER.exec(link.getAttribute('href') ?? '')?.[1];
      if (number) numbers.add(number);
    }
  };
  collect(card);
  // The card's own More menu, open in a floating portal (only while the card's More is pressed).
  const more = queryAll(card, SELECTORS.moreButton.css, 10).find(
    (button) =>
      button.getAttribute('aria-expanded') === 'true' && matchesLabel(labelOf(button), 'more'),
  );
  if (more) {
    const doc = documentOf(root);
    if (doc) for (const menu of queryAll(doc, SELECTORS.floatingMenu.css, 5)) collect(menu);
  }
  return numbers.size === 1 ? `member:${[...numbers][0]!}` : undefined;
}

/**
 * The profile the page shows, or null when `pageUrl` is not a profile page (and the page is not
 * the 2026 profile screen). Without a readable top card for the URL's person the view carries the
 * URL's id alone: no name, no degree, no other id. Never throws.
 */
export function readProfile(root: ReadRoot, pageUrl: string): ProfileView | null {
  return readProfileFrom(root, pageUrl, findProfileTopCard(root, pageUrl));
}

function readProfileFrom(
  root: ReadRoot,
  pageUrl: string,
  card: TopCard | null,
): ProfileView | null {
  try {
    const urlId = profileIdFromPageUrl(pageUrl);
    if (!card)
      return urlId ? { profileId: urlId, profileIds: [urlId], isFirstDegree: false } : null;
    const pairs = idPairs(root);
    const owner = expandedIds(card, pairs);
    const nameLink = card.heading ? closestOf(card.heading, 'a[href]') : null;
    const nameLinkId = nameLink ? linkedInIdFromUrl(hrefOf(nameLink) ?? '') : null;
    const vanities = [...owner].filter((id) => !isMemberId(id) && !id.startsWith('member:'));
    const vanityId =
      (urlId && !isMemberId(urlId) ? urlId : undefined) ??
      (nameLinkId && !isMemberId(nameLinkId) ? nameLinkId : undefined) ??
      vanities[0];
    const memberId =
      (urlId && isMemberId(urlId) ? urlId : undefined) ??
      card.keyMemberId ??
      mostCommon(card.ownerIds.filter(isMemberId)) ??
      mostCommon(pairs.filter((pair) => pair.vanity === vanityId).map((pair) => pair.member));
    const memberNumber = memberNumberOf(card.element, root);
    const profileId = urlId ?? vanityId ?? memberId;
    if (!profileId) return null;

    const name =
      (card.heading ? textOf(card.heading, 120) : '') ||
      nameFromTitle(documentOf(root)?.title) ||
      undefined;

    let headline: string | undefined;
    let company: string | undefined;
    if (card.ui === 'ember') {
      const headlineNode = queryFirst(card.element, SELECTORS.headline.css);
      headline = headlineNode ? textOf(headlineNode, 220) || undefined : undefined;
      const companyLabel =
        queryFirst(card.element, SELECTORS.currentCompanyButton.css)?.getAttribute('aria-label') ??
        '';
      company = /^Current company:\s*(.+?)\.\s*Click/i.exec(companyLabel)?.[1]?.trim();
    }
    if (card.heading && (!headline || !company)) {
      const read = headlineAndCompany(card.element, card.heading);
      headline ??= read.headline;
      company ??= read.company;
    }

    const profileIds = [
      ...new Set([vanityId, memberId, memberNumber].filter((id): id is string => !!id)),
    ];
    return {
      ...(name ? { name } : {}),
      profileId,
      ...(vanityId ? { vanityId } : {}),
      ...(memberId ? { memberId } : {}),
      ...(memberNumber ? { memberNumber } : {}),
      profileIds: profileIds.includes(profileId) ? profileIds : [profileId, ...profileIds],
      ...(headline ? { headline } : {}),
      ...(company ? { company: company.slice(0, 200) } : {}),
      isFirstDegree: isFirstDegreeCard(card.element),
    };
  } catch {
    return null;
  }
}

// ---- Can this page be read? ----

/** What a profile page gave: a person, nobody (and why, as metadata), or not a profile at all. */
export type ProfilePageRead =
  | { kind: 'not-profile' }
  | { kind: 'read'; profile: ProfileView & { name: string }; card: Element }
  | { kind: 'unreadable'; detail: string };

/** Which UI a page is in, for diagnostics: the 2026 screen's name never leaves, only its kind. */
export function uiOf(root: ReadRoot): string {
  if (queryFirst(root, SELECTORS.profileScreen.css)) return 'SDUI profile screen';
  if (queryFirst(root, SELECTORS.sduiScreen.css)) return 'SDUI screen';
  if (queryFirst(root, SELECTORS.interopOutlet.css)) return 'interop outlet';
  return 'no SDUI marker';
}

/**
 * Whether a page that should show a person does: a profile's own page (not its `details/…`
 * sub-pages) or the 2026 profile screen. Metadata only in `detail`: the URL pattern, the UI and
 * what was missing, never page text.
 */
export function readProfilePage(
  root: ReadRoot,
  pageUrl: string,
  /** The profile screen when the caller already knows it (conversation-discovery.ts tracks it). */
  known?: { screen: Element | null },
): ProfilePageRead {
  try {
    const screen = known ? known.screen : queryFirst(root, SELECTORS.profileScreen.css);
    if (!isProfileMainUrl(pageUrl) && !screen) return { kind: 'not-profile' };
    const card = findProfileTopCard(root, pageUrl);
    const profile = readProfileFrom(root, pageUrl, card);
    if (card && profile?.name) {
      return { kind: 'read', profile: { ...profile, name: profile.name }, card: card.element };
    }
    const missing = card
      ? 'a top card without a name'
      : candidatesIn(root).length > 0
        ? 'no top card for this person'
        : 'no top card';
    return { kind: 'unreadable', detail: `${urlPatternOf(pageUrl)} · ${uiOf(root)} · ${missing}` };
  } catch {
    return { kind: 'not-profile' };
  }
}

// ---- The invitation modal ----

export interface InvitationView {
  element: Element;
  /** "choose": Add a note / Send without a note; "note": the note field with Send invitation. */
  stage: 'choose' | 'note';
  inviteeName?: string;
  /** True when the note field holds something; the text itself is never read out. */
  hasNote: boolean;
  sendButton: Element | null;
}

const NOTE_FIELD_CSS = SELECTORS.invitationNote.css;

function noteFieldOf(dialog: Element): Element | null {
  return (
    queryAll(dialog, NOTE_FIELD_CSS, 5).find(isShown) ??
    queryAll(dialog, '[contenteditable="true"]', 5).find(isShown) ??
    null
  );
}

function hasText(field: Element | null): boolean {
  if (!field) return false;
  const value = (field as Element & { value?: unknown }).value;
  if (typeof value === 'string') return value.trim().length > 0;
  return (field.textContent ?? '').trim().length > 0;
}

function inviteeNameOf(dialog: Element): string | undefined {
  const strong = queryFirst(dialog, 'strong, b');
  const fromStrong = strong ? textOf(strong, 120) : '';
  if (fromStrong) return fromStrong;
  const label = dialog.getAttribute('aria-label') ?? '';
  return /^Invite (.+?) to connect$/i.exec(label.trim())?.[1];
}

/** The open invitation modal under `root` (shadow roots included), or null. Never throws. */
export function readInvitation(root: ReadRoot): InvitationView | null {
  try {
    for (const searchRoot of searchRoots(root)) {
      for (const dialog of queryAll(searchRoot, SELECTORS.dialog.css, 20)) {
        if (!isShown(dialog)) continue;
        const addNote = findLabelledButton(dialog, ['addNote']);
        const withoutNote = findLabelledButton(dialog, ['sendWithoutNote']);
        const withNote = findLabelledButton(dialog, ['sendInvitation']);
        const field = noteFieldOf(dialog);
        if (
          !addNote &&
          !withoutNote &&
          !withNote &&
          !queryFirst(dialog, SELECTORS.customInviteNote.css)
        ) {
          continue;
        }
        const stage = field ? 'note' : 'choose';
        const inviteeName = inviteeNameOf(dialog);
        return {
          element: dialog,
          stage,
          ...(inviteeName ? { inviteeName } : {}),
          hasNote: stage === 'note' && hasText(field),
          sendButton:
            stage === 'note'
              ? (withNote ?? findLabelledButton(dialog, ['send']))
              : (withoutNote ?? withNote),
        };
      }
    }
    return null;
  } catch {
    return null;
  }
}
