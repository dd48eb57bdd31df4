// Reads a LinkedIn profile page (who it is, both ids, whether a 1st-degree connection) and the
// connection invitation modal ("Add a note" / "Send invitation" / "Send without a note"), in the
// Ember UI or the 2026 UI's shadow root. Only whether a note was written is read, never the note.
import { isMemberId, linkedInIdFromUrl, normalizeLinkedInId } from '../../identity';
import {
  findLabelledButton,
  hrefOf,
  isShown,
  queryAll,
  queryFirst,
  searchRoots,
  textOf,
  type ReadRoot,
} from './dom';
import { SELECTORS } from './selectors';
import { profileIdFromPageUrl } from './urls';

export interface ProfileView {
  name?: string;
  /** The id the page URL names (vanity, or member id on `/in/ACoAA…` pages). */
  profileId: string;
  vanityId?: string;
  memberId?: string;
  /** Both ids where known, for linking the prospect: vanity first. */
  profileIds: string[];
  headline?: string;
  company?: string;
  isFirstDegree: boolean;
}

const FIRST_DEGREE = /^(?:·\s*)?(?:1st|1er|1\.|1º|1°|1e)(?: degree connection)?$/i;

function urnParam(href: string): string | undefined {
  try {
    const url = new URL(href, 'https://www.linkedin.com');
    for (const key of ['profileUrn', 'miniProfileUrn']) {
      const value = url.searchParams.get(key);
      const id = value ? normalizeLinkedInId(value) : null;
      if (id && isMemberId(id)) return id;
    }
  } catch {
    // An unparsable href names nobody.
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

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

/** The profile the page shows, or null when `pageUrl` is not a profile page. Never throws. */
export function readProfile(root: ReadRoot, pageUrl: string): ProfileView | null {
  try {
    const profileId = profileIdFromPageUrl(pageUrl);
    if (!profileId) return null;
    const pairs = idPairs(root);
    const memberId = isMemberId(profileId)
      ? profileId
      : mostCommon(pairs.filter((pair) => pair.vanity === profileId).map((pair) => pair.member));
    const vanityId = isMemberId(profileId)
      ? mostCommon(pairs.filter((pair) => pair.member === profileId).map((pair) => pair.vanity))
      : profileId;

    const heading = queryAll(root, SELECTORS.profileName.css, 10).find(isShown) ?? null;
    const name = heading ? textOf(heading, 120) || undefined : undefined;
    const topCard = heading?.closest('section') ?? heading?.parentElement?.parentElement ?? null;

    let headline: string | undefined;
    let isFirstDegree = false;
    if (topCard) {
      const headlineNode = queryFirst(topCard, SELECTORS.headline.css);
      headline = headlineNode ? textOf(headlineNode, 220) || undefined : undefined;
      const badges = [
        ...queryAll(topCard, SELECTORS.distanceBadge.css, 10),
        ...queryAll(topCard, 'span', 300),
      ];
      isFirstDegree = badges.some((badge) => FIRST_DEGREE.test(textOf(badge, 40)));
    }
    const companyLabel =
      queryFirst(root, SELECTORS.currentCompanyButton.css)?.getAttribute('aria-label') ?? '';
    const company = /^Current company:\s*(.+?)\.\s*Click/i.exec(companyLabel)?.[1]?.trim();

    const profileIds = [...new Set([vanityId, memberId].filter((id): id is string => !!id))];
    return {
      ...(name ? { name } : {}),
      profileId,
      ...(vanityId ? { vanityId } : {}),
      ...(memberId ? { memberId } : {}),
      profileIds,
      ...(headline ? { headline } : {}),
      ...(company ? { company: company.slice(0, 200) } : {}),
      isFirstDegree,
    };
  } catch {
    return null;
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
          !queryFirst(dialog, 'textarea#custom-message')
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
