// Words and links the pages show: relative times in the browser's language, cadence progress, and
// links that can only ever be https.
import { daysBetween, localDayOf } from '../lib/cadence/days';
import type { Channel, LocalDay, Prospect } from '../lib/model';

export function pageLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en';
}

/**
 * One formatter per locale and kind, made on first use: building an Intl formatter costs far more
 * than formatting with it, and a list of cards formats a few dates each.
 */
function cached<T>(cache: Map<string, T>, locale: string, make: () => T): T {
  let format = cache.get(locale);
  if (!format) {
    format = make();
    cache.set(locale, format);
  }
  return format;
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const relativeFormat = (locale: string) =>
  cached(relativeFormats, locale, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** "8 days ago", "yesterday", "today", in the browser's language. */
export function relativeDay(at: number, now: number, locale = pageLocale()): string {
  const days = daysBetween(localDayOf(now), localDayOf(at));
  const format = relativeFormat(locale);
  if (Math.abs(days) >= 60) return format.format(Math.round(days / 30), 'month');
  return format.format(days, 'day');
}

/** "in 3 days", "tomorrow", for a due day. */
export function relativeDue(day: LocalDay, today: LocalDay, locale = pageLocale()): string {
  return relativeFormat(locale).format(daysBetween(today, day), 'day');
}

/** "Mon, Mar 9" in the browser's language. */
export function formatDay(day: LocalDay, locale = pageLocale()): string {
  return cached(
    dayFormats,
    locale,
    () => new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric' }),
  ).format(localMidnight(day));
}

function localMidnight(day: LocalDay): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  date.setFullYear(y);
  return date;
}

export function formatInstant(at: number, locale = pageLocale()): string {
  return cached(
    instantFormats,
    locale,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(at);
}

export const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'Email',
  linkedin: 'LinkedIn',
  call: 'Call',
  twitter: 'Twitter/X',
  meeting: 'Meeting',
  other: 'Other',
};

export const CHANNEL_ICONS: Record<Channel, string> = {
  email: '✉',
  linkedin: 'in',
  call: '☎',
  twitter: '𝕏',
  meeting: '👥',
  other: '•',
};

/** "touch 4 of 9", or "nurture" once the cadence is done. */
export function touchProgress(prospect: Pick<Prospect, 'nextStep' | 'totalSteps'>): string {
  if (prospect.totalSteps > 0 && prospect.nextStep > prospect.totalSteps) return 'nurture';
  return `touch ${prospect.nextStep} of ${prospect.totalSteps}`;
}

export function nosProgress(noCount: number, threshold: number): string {
  return `${noCount} of ${threshold} nos`;
}

/** The link itself when it is https, else nothing: page data never becomes a javascript: link. */
export function safeHttpsUrl(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A LinkedIn profile link for a stored id (vanity ids and member ids both resolve). */
export function linkedInProfileUrl(linkedinId: string): string | undefined {
  if (!/^[\p{L}\p{N}_-]{2,100}$/u.test(linkedinId)) return undefined;
  return `https://www.linkedin.com/in/${encodeURIComponent(linkedinId)}/`;
}

export const STATUS_LABELS: Record<Prospect['status'], string> = {
  active: 'Active',
  replied: 'Replied',
  won: 'Won',
  lost: 'Lost',
  paused: 'Paused',
  'not-prospect': 'Not a prospect',
};

/** A tel: link for a stored phone number (digits and a leading +), or nothing. */
export function telUrl(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const plus = phone.trim().startsWith('+') ? '+' : '';
  const digits = phone.replace(/(?:x|ext\.?)\s*\d+$/i, '').replace(/\D/g, '');
  return digits.length >= 3 ? `tel:${plus}${digits}` : undefined;
}

/** The x.com profile of a stored handle, or nothing for anything that is not a handle. */
export function twitterProfileUrl(handle: string | undefined): string | undefined {
  if (!handle || !/^[A-Za-z0-9_]{1,15}$/.test(handle)) return undefined;
  return `https://x.com/${handle}`;
}
