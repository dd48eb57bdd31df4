// Fills an angle's template with what we know about the prospect. Values come from pages and
// imports, so each is reduced to one short line of plain text and inserted once, never re-read as
// a template: a name like "{company}" stays literally "{company}".

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

/** What a missing value reads as, so a message never says "undefined" or has a hole mid-sentence. */
export const FALLBACKS: Record<Placeholder, string> = {
  firstName: 'there',
  name: 'there',
  company: 'your team',
  lastSubject: 'my last note',
  myName: '',
  daysSinceLastTouch: 'a few',
};

/** The longest a filled value may be, in characters (code points). */
export const VALUE_MAX = 120;

const PLACEHOLDER_PATTERN = /\{([A-Za-z]+)\}/g;
// C0/C1 controls, and the invisible marks that reorder text (bidi embeddings, overrides, isolates).
const UNSAFE = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
const LINE_BREAKS = /[\t\n\r\u0085\u2028\u2029]+/g;

/** Replaces known placeholders in one pass; unknown ones (`{foo}`) stay as typed. */
export function fillTemplate(template: string, values: TemplateValues): string {
  const filled: Record<Placeholder, string> = {
    firstName: plain(values.firstName) || firstNameOf(plain(values.name)) || FALLBACKS.firstName,
    name: plain(values.name) || FALLBACKS.name,
    company: plain(values.company) || FALLBACKS.company,
    lastSubject: plain(values.lastSubject) || FALLBACKS.lastSubject,
    myName: plain(values.myName) || FALLBACKS.myName,
    daysSinceLastTouch: dayCount(values.daysSinceLastTouch),
  };
  return String(template ?? '').replace(PLACEHOLDER_PATTERN, (whole, key: string) =>
    Object.hasOwn(filled, key) ? filled[key as Placeholder] : whole,
  );
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
