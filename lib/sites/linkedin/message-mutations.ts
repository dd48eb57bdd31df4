// Which page changes can matter to a conversation that needs nothing from its messages (its person
// is no prospect awaiting a reply): a long thread loading, re-rendering or editing its messages
// changes no person, composer or conversation, so the overlays' scan need not wake for it. The
// region its messages live in is found once per scan; each mutation record is then placed in
// O(depth) with `contains`, before any query of the page.
import { matchesCss, queryFirst } from './dom';
import { SELECTORS } from './selectors';

const MAX_CLIMB = 30;

// What a conversation's header and composer are read from: a region holding any of these is more
// than messages, however many messages it holds too.
const BESIDE_MESSAGES_CSS = [
  SELECTORS.composer.css,
  SELECTORS.composerForm.css,
  SELECTORS.threadHeaderProfileLink.css,
  SELECTORS.bubbleHeaderTitle.css,
  'header, [role="banner"], h1, h2',
].join(', ');

/** The highest ancestor of `from` below `container` that does not hold `avoid`. */
function highestWithout(from: Element, container: Element, avoid: Element | null): Element {
  let region = from;
  for (let i = 0; i < MAX_CLIMB; i++) {
    const parent = region.parentElement;
    if (!parent || parent === container || (avoid && parent.contains(avoid))) break;
    region = parent;
  }
  return region;
}

/**
 * The element holding a conversation's messages and nothing its header or composer is read from
 * (the message list), or null when there is none.
 */
export function messageRegionOf(container: Element, composer: Element | null): Element | null {
  const first = queryFirst(container, SELECTORS.messageItem.css);
  if (!first) return null;
  let region = highestWithout(first, container, composer);
  for (let i = 0; i < 5; i++) {
    if (region === container) return null;
    const beside = matchesCss(region, BESIDE_MESSAGES_CSS)
      ? region
      : queryFirst(region, BESIDE_MESSAGES_CSS);
    if (!beside) return region;
    if (beside === region || beside.contains(first) || first.contains(beside)) return null;
    region = highestWithout(first, container, beside);
  }
  return null;
}

/** Whether `record` happened inside one of `regions` (messages only), decided without a query. */
export function isInsideRegions(record: MutationRecord, regions: readonly Element[]): boolean {
  const target = record.target;
  for (const region of regions) if (region.contains(target)) return true;
  return false;
}
