// How long a draft may be, and what a model's raw answer becomes: an email keeps a subject and
// stays under 120 words; a LinkedIn draft stays under 300 characters so it fits an invitation note.
// Enforced on the finished text whatever wrote it (a model may overrun what its prompt asked).
import type { DraftChannel } from './channel';

export interface Draft {
  /** Email only. */
  subject?: string;
  body: string;
}

/** "Under 120 words": an email body has at most 119. */
export const EMAIL_MAX_WORDS = 119;
/** "Under 300 characters" (UTF-16 units, as LinkedIn's counter counts): at most 299. */
export const LINKEDIN_MAX_CHARS = 299;
export const SUBJECT_MAX_CHARS = 80;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.@/-]*/gu;

export function countWords(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(WORD)) count += 1;
  return count;
}

/** How a draft measures against its channel's limit, for the panel's counter. */
export function measureDraft(
  draft: Draft,
  channel: DraftChannel,
): { used: number; max: number; unit: 'words' | 'characters'; over: boolean } {
  if (channel === 'email') {
    const used = countWords(draft.body);
    return { used, max: EMAIL_MAX_WORDS, unit: 'words', over: used > EMAIL_MAX_WORDS };
  }
  const used = draft.body.length;
  return { used, max: LINKEDIN_MAX_CHARS, unit: 'characters', over: used > LINKEDIN_MAX_CHARS };
}

const SUBJECT_LINE = /^\s*(?:\*\*)?subject(?:\*\*)?\s*[:：]\s*(.*)$/i;

/**
 * A model's answer as a draft: a leading "Subject:" line becomes the subject (emails) or goes
 * (LinkedIn), markdown emphasis and wrapping quotes go, and blank runs shrink to one blank line.
 */
export function parseDraftText(raw: string, channel: DraftChannel): Draft {
  const lines = String(raw ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  let subject: string | undefined;
  const first = lines.findIndex((line) => line.trim() !== '');
  const match = first >= 0 ? SUBJECT_LINE.exec(lines[first] as string) : null;
  if (match) {
    subject = cleanLine(match[1] ?? '');
    lines.splice(first, 1);
  }
  const body = lines
    .map((line) => line.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .replace(/^"([\s\S]*)"$/, '$1')
    .trim();
  const draft: Draft = { body };
  if (channel === 'email' && subject) draft.subject = subject;
  return draft;
}

function cleanLine(text: string): string {
  return text
    .replace(/\*\*/g, '')
    .replace(/^["'“]|["'”]$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The draft within its channel's limits, and whether anything was cut. The closing (a short last
 * paragraph: "Best,\nSam") is kept and the text before it is cut at the last whole sentence that
 * fits, or the last whole word when no sentence does.
 */
export function enforceLimits(
  draft: Draft,
  channel: DraftChannel,
  fallbackSubject = '',
): { draft: Draft; trimmed: boolean } {
  let trimmed = false;
  const result: Draft = { body: draft.body.trim() };
  if (channel === 'email') {
    let subject = cleanLine(draft.subject ?? '') || cleanLine(fallbackSubject);
    if (subject.length > SUBJECT_MAX_CHARS) {
      subject = cutToWord(subject, SUBJECT_MAX_CHARS);
      trimmed = true;
    }
    if (subject) result.subject = subject;
  }
  const fits = (text: string) =>
    channel === 'email' ? countWords(text) <= EMAIL_MAX_WORDS : text.length <= LINKEDIN_MAX_CHARS;
  if (!fits(result.body)) {
    result.body = shorten(result.body, fits);
    trimmed = true;
  }
  return { draft: result, trimmed };
}

function shorten(body: string, fits: (text: string) => boolean): string {
  const paragraphs = body.split(/\n\s*\n/);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  const isClosing =
    paragraphs.length > 1 &&
    last.split('\n').length <= 3 &&
    last.split('\n').every((line) => countWords(line) <= 4);
  const closing = isClosing ? `\n\n${last}` : '';
  const main = isClosing ? paragraphs.slice(0, -1).join('\n\n') : body;
  const closingFits = closing === '' || fits(closing.trim());
  const tail = closingFits ? closing : '';

  // Whole sentences first: the longest prefix ending at a sentence end that fits with the tail.
  const ends = [...main.matchAll(/[.!?…](?=\s|$)/g)].map((m) => (m.index ?? 0) + 1);
  for (let i = ends.length - 1; i >= 0; i -= 1) {
    const candidate = main.slice(0, ends[i]).trimEnd();
    if (fits(candidate + tail)) return candidate + tail;
  }
  // No sentence fits: whole words, as many as fit.
  const words = main.split(/(\s+)/);
  let kept = '';
  for (const part of words) {
    if (!fits((kept + part).trimEnd() + tail)) break;
    kept += part;
  }
  const cut = kept.trimEnd();
  return cut ? cut + tail : tail.trim();
}

function cutToWord(text: string, max: number): string {
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : text.slice(0, max)).trim();
}
