// Where a draft the rep asked for goes on a Gmail page: the reply box of the prospect's thread (only
// once the page shows that very thread), or the new compose Gmail opened to their address. Reads
// only; the one action it can name is the thread's Reply button, for a reply box not yet open.
import { findComposes, readCompose } from './read-compose';
import { readThread } from './read-thread';
import { GMAIL_SELECTORS, queryAll, queryFirst } from './selectors';
import { legacyHexOfThreadF, threadIdFromHash } from './urls';
import type { ComposerTarget } from '../../drafts/composer';

export type GmailDraftSpot =
  | { kind: 'body'; body: Element }
  | { kind: 'reply-button'; button: Element }
  /** Not there yet (the thread still loading, another thread shown): look again. */
  | { kind: 'wait' };

type GmailTarget = Extract<ComposerTarget, { kind: 'gmail-thread' | 'gmail-compose' }>;

/** Whether the page shows the thread `threadId` (a URL id: 16 hex, or `FMfcgz…`). */
export function showsThread(root: ParentNode, threadId: string, hash: string): boolean {
  const thread = readThread(root);
  if (!thread) return false;
  if (thread.legacyThreadId === threadId) return true;
  if (thread.threadPermId && legacyHexOfThreadF(thread.threadPermId) === threadId) return true;
  // The heading names no id Gmail's URL uses (a new-style id): the URL the page is on decides.
  return !thread.legacyThreadId && threadIdFromHash(hash) === threadId;
}

export function findGmailDraftSpot(
  root: ParentNode,
  target: GmailTarget,
  hash: string,
): GmailDraftSpot {
  const main = queryFirst(root, GMAIL_SELECTORS.mainRegion);
  if (target.kind === 'gmail-thread') {
    if (!showsThread(root, target.threadId, hash)) return { kind: 'wait' };
    const region = main ?? root;
    const reply = findComposes(region).pop();
    const body = reply ? queryFirst(reply, GMAIL_SELECTORS.composeBody) : null;
    if (body) return { kind: 'body', body };
    const button = queryAll(region, GMAIL_SELECTORS.replyButton).pop();
    return button ? { kind: 'reply-button', button } : { kind: 'wait' };
  }
  const composes = findComposes(root);
  const addressed = composes.filter((compose) =>
    readCompose(compose).to.some(
      (recipient) => recipient.email.toLowerCase() === target.to.toLowerCase(),
    ),
  );
  // Gmail fills the To from the URL itself; until it shows, a lone compose is the one it opened.
  const compose = addressed.pop() ?? (composes.length === 1 ? composes[0] : undefined);
  const body = compose ? queryFirst(compose, GMAIL_SELECTORS.composeBody) : null;
  return body ? { kind: 'body', body } : { kind: 'wait' };
}
