// The address Gmail says is signed in, as it shows it at load: the account menu's label and the
// tab title ("Inbox (3) - dana@acme.example - Gmail"). One of the two ways the rep's own address
// is learnt (the other: the From of a send both confirmed by the network and started by the rep's
// own click); a later page script can rewrite either, so the content script reads this once, early.
// The menu must name it; when the title names an address too, the two must agree.
import { normalizeEmail } from '../../identity';
import { GMAIL_SELECTORS, queryFirst } from './selectors';

const IN_PARENTHESES = /\(\s*([^()\s]+@[^()\s]+)\s*\)/;
const IN_TITLE = /\s-\s([^\s]+@[^\s]+)\s-\s/;

export function readSignedInAccount(doc: Document): string | null {
  try {
    const label = queryFirst(doc, GMAIL_SELECTORS.accountMenu)?.getAttribute('aria-label') ?? '';
    const fromMenu = normalizeEmail(IN_PARENTHESES.exec(label)?.[1] ?? '');
    const fromTitle = normalizeEmail(IN_TITLE.exec(doc.title ?? '')?.[1] ?? '');
    if (!fromMenu || (fromTitle && fromTitle !== fromMenu)) return null;
    return fromMenu;
  } catch {
    return null;
  }
}
