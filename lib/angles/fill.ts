// Fills an angle's template with what we know about the prospect. Values come from pages and
// imports, so each is reduced to one short line of plain text and inserted once, never re-read as
// a template: a name like "{company}" stays literally "{company}". Placeholders match whatever
// their case ({FirstName} is {firstName}); what cannot be filled (an unknown `{foo}`, a blank the
// rep must write like "[their problem]", {myName} before the rep has said their name) stays in the
// draft as typed and is listed, so the draft can flag it and Copy can warn instead of sending it.

export const PLACEHOLDERS = [
  'firstName',
  'name',
  'company',
  'lastSubject',
  'myName',
  'daysSinceLastTouch',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export type TemplateValues = Partial<Record<Placeholder, string | number | null | undefined>>;

/**
 * What a missing value reads as, so a message never says "undefined" or has a hole mid-sentence.
 * `null`: nothing reads naturally in its place (the rep's own name), so the placeholder stays and
 * is flagged until the rep sets it.
 */
export const FALLBACKS = {
  firstName: 'there',
  name: 'there',
  company: 'your team',
  lastSubject: 'my last note',
  myName: null,
  daysSinceLastTouch: 'a few',
} as const satisfies Record<Placeholder, string | null>;

/** The longest a filled value may be, in characters (code points). */
export const VALUE_MAX = 120;

/** `{firstName}`, `{FirstName}`, `{first_name}`: letters, with `_` allowed between words. */
const PLACEHOLDER_PATTERN = /\{([A-Za-z][A-Za-z_]*)\}/g;
/** A blank the template leaves for the rep: "[their problem]", "[result]", "[link]". */
const BLANK_PATTERN = /\[[^[\]{}\n]{1,60}\]/g;
const BY_FOLDED_NAME = new Map<string, Placeholder>(
  PLACEHOLDERS.map((name) => [name.toLowerCase(), name]),
);
// C0/C1 controls, and the invisible marks that reorder text (bidi embeddings, overrides, isolates).
const UNSAFE = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
const LINE_BREAKS = /[\t\n\r\u0085\u2028\u2029]+/g;

/** The placeholder a `{…}` token names, whatever its case or underscores; undefined when none. */
export function placeholderNamed(token: string): Placeholder | undefined {
  return BY_FOLDED_NAME.get(token.replace(/_/g, '').toLowerCase());
}

/** Why part of a draft is still to be written by the rep. */
export type UnfilledKind = 'unknown-placeholder' | 'missing-value' | 'blank';

/** A piece of a filled draft: plain text, or something the rep must still fill in. */
export interface DraftPart {
  text: string;
  unfilled?: UnfilledKind;
}

export interface FilledDraft {
  text: string;
  parts: DraftPart[];
  /** Each token left to fill, once, in the order it first appears. */
  unfilled: { token: string; kind: UnfilledKind }[];
}

/** Fills a template in one pass and says what is left unfilled (see the file's comment). */
export function fillDraft(template: string, values: TemplateValues): FilledDraft {
  const filled: Record<Placeholder, string | null> = {
    firstName: plain(values.firstName) || firstNameOf(plain(values.name)) || FALLBACKS.firstName,
    name: plain(values.name) || FALLBACKS.name,
    company: plain(values.company) || FALLBACKS.company,
    lastSubject: plain(values.lastSubject) || FALLBACKS.lastSubject,
    myName: plain(values.myName) || FALLBACKS.myName,
    daysSinceLastTouch: dayCount(values.daysSinceLastTouch),
  };
  const source = String(template ?? '');
  const parts: DraftPart[] = [];
  const unfilled: FilledDraft['unfilled'] = [];
  const flag = (token: string, kind: UnfilledKind) => {
    parts.push({ text: token, unfilled: kind });
    if (!unfilled.some((entry) => entry.token === token)) unfilled.push({ token, kind });
  };
  // Placeholders and blanks, in the order they appear.
  const tokens = new RegExp(`${PLACEHOLDER_PATTERN.source}|${BLANK_PATTERN.source}`, 'g');
  let at = 0;
  for (const match of source.matchAll(tokens)) {
    const index = match.index ?? 0;
    if (index > at) parts.push({ text: source.slice(at, index) });
    at = index + match[0].length;
    const name = match[1];
    if (name === undefined) {
      flag(match[0], 'blank');
      continue;
    }
    const placeholder = placeholderNamed(name);
    if (!placeholder) flag(match[0], 'unknown-placeholder');
    else {
      const value = filled[placeholder];
      if (value === null) flag(`{${placeholder}}`, 'missing-value');
      else parts.push({ text: value });
    }
  }
  if (at < source.length) parts.push({ text: source.slice(at) });
  return { text: parts.map((part) => part.text).join(''), parts, unfilled };
}

/** The filled text alone (see fillDraft for what is left unfilled). */
export function fillTemplate(template: string, values: TemplateValues): string {
  return fillDraft(template, values).text;
}

/** One line of plain text: no controls or bidi marks, whitespace collapsed, at most VALUE_MAX code points. */
export function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const text = String(value)
    .replace(LINE_BREAKS, ' ')
    .replace(UNSAFE, '')
    .replace(/\s+/g, ' ')
    .trim();
  const points = Array.from(text);
  return points.length > VALUE_MAX
    ? `${points
        .slice(0, VALUE_MAX - 1)
        .join('')
        .trimEnd()}…`
    : text;
}

const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'madam',
  'herr',
  'frau',
  'mme',
  'mlle',
  'm',
]);

const SUFFIXES = new Set(['jr', 'sr', 'phd', 'md', 'mba', 'cpa', 'esq', 'ii', 'iii', 'iv']);

/** "Dr. Anna Maria Smith" → "Anna", "Smith, Anna" → "Anna", "anna.smith@acme.com" → "Anna". */
export function firstNameOf(fullName: string): string {
  let name = plain(fullName);
  if (name.includes('@')) {
    const local = name.split('@')[0] ?? '';
    const first = local.split(/[._+-]/)[0] ?? '';
    // An address like "info@" or "j.smith@" names nobody.
    if (
      !/^\p{L}{2,}$/u.test(first) ||
      ['info', 'sales', 'hello', 'contact', 'support', 'team', 'admin', 'office'].includes(
        first.toLowerCase(),
      )
    ) {
      return '';
    }
    return first.charAt(0).toUpperCase() + first.slice(1).toLowerCase();
  }
  if (name.includes(',')) {
    // "Last, First" as directories write it.
    const [last, rest] = name.split(',', 2) as [string, string | undefined];
    const afterComma = (rest ?? '').trim();
    name =
      afterComma && !SUFFIXES.has(afterComma.replace(/\./g, '').toLowerCase()) ? afterComma : last;
  }
  const words = name.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  const first = words.find((word) => !HONORIFICS.has(word.replace(/\.$/, '').toLowerCase()));
  return first ?? '';
}

function dayCount(value: TemplateValues['daysSinceLastTouch']): string {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0
      ? String(Math.floor(value))
      : FALLBACKS.daysSinceLastTouch;
  return /^\d{1,5}$/.test(plain(value)) ? plain(value) : FALLBACKS.daysSinceLastTouch;
}
