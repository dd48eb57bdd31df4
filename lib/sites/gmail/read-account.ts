// The address Gmail says is signed in, as it shows it at load: the account menu's label, the tab
// title ("Inbox (3) - dana@acme.example - Gmail") and the URL the tab loaded when it names the
// account by address (`/mail/u/dana@acme.example/`, `?authuser=dana@acme.example`). One of the two
// ways the rep's own address is learnt (the other: the From of a send both confirmed by the network
// and started by the rep's own click); a later page script can rewrite the menu or the title, so the
// content script reads them once, early, and keeps the URL as it was at document_start, before any
// page script ran. The menu must name it; the title and the URL, when they name one, must agree.
import { normalizeEmail } from '../../identity';
import { GMAIL_SELECTORS, queryFirst } from './selectors';

const IN_URL_PATH = /^\/mail\/u\/([^/]+)/;

/** The address a Gmail URL names the account by, or null (most name it by index: `/u/0/`). */
export function accountAddressOfUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    const raw =
      parsed.searchParams.get('authuser') ??
      decodeURIComponent(IN_URL_PATH.exec(parsed.pathname)?.[1] ?? '');
    return normalizeEmail(raw);
  } catch {
    return null;
  }
}

const IN_PARENTHESES = /\(\s*([^()\s]+@[^()\s]+)\s*\)/;
const IN_TITLE = /\s-\s([^\s]+@[^\s]+)\s-\s/;

export function readSignedInAccount(doc: Document, loadedUrl?: string): string | null {
  try {
    const label = queryFirst(doc, GMAIL_SELECTORS.accountMenu)?.getAttribute('aria-label') ?? '';
    const fromMenu = normalizeEmail(IN_PARENTHESES.exec(label)?.[1] ?? '');
    const fromTitle = normalizeEmail(IN_TITLE.exec(doc.title ?? '')?.[1] ?? '');
    const fromUrl = loadedUrl ? accountAddressOfUrl(loadedUrl) : null;
    if (!fromMenu || (fromTitle && fromTitle !== fromMenu) || (fromUrl && fromUrl !== fromMenu)) {
      return null;
    }
    return fromMenu;
  } catch {
    return null;
  }
}

// "Google Account: Dana Reyes\n(dana@acme.example)", in the page's language: the words between the
// first colon and the parenthesised address.
const NAME_IN_LABEL = /^[^:]{1,60}:\s*([^():\n][^()\n]{0,99}?)\s*\(\s*[^()\s]+@[^()\s]+\s*\)/;

/**
 * The name Gmail's account menu shows for the signed-in account, or null; read only when the
 * address itself was read (readSignedInAccount agrees), so a menu that fails that check names no one.
 * Used to suggest the rep's own name, which the rep confirms.
 */
export function readSignedInName(doc: Document, loadedUrl?: string): string | null {
  if (!readSignedInAccount(doc, loadedUrl)) return null;
  try {
    const label = queryFirst(doc, GMAIL_SELECTORS.accountMenu)?.getAttribute('aria-label') ?? '';
    const name = NAME_IN_LABEL.exec(label)?.[1]?.replace(/\s+/g, ' ').trim();
    return name && /\p{L}/u.test(name) && !name.includes('@') ? name : null;
  } catch {
    return null;
  }
}
