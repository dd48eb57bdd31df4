// The "last contacted" dates CRM exports write: ISO days and instants (HubSpot, Pipedrive), the
// same year-first with slashes or dots, month-first or day-first numeric days (Salesforce follows
// the user's locale), English month names ("Nov 2, 2026", "2 Nov 2026", "02-Nov-26"), epoch
// milliseconds. A numeric day like 03/04/2026 is ambiguous, so the column as a whole
// decides the order when one of its days can only be read one way, and the rep can say otherwise.
import { isLocalDay, localDayOf } from '../cadence/days';
import type { LocalDay } from '../model';

export type DateOrder = 'month-first' | 'day-first';

export const DATE_ORDER_LABELS: Record<DateOrder, string> = {
  'month-first': 'month first (03/04/2026 is March 4)',
  'day-first': 'day first (03/04/2026 is 3 April)',
};

const ISO =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const NUMERIC =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ ,T]+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?)?$/;
const MONTH_NAME_FIRST =
  /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[ ,T].*)?$/;
const DAY_FIRST_NAME =
  /^(?:[A-Za-z]+,?\s+)?(\d{1,2})\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:[ ,T].*)?$/;
/** "02-Nov-2026", "2-Nov-26" (a day-month-year with dashes, as some reports write it). */
const DAY_MONTH_DASHED = /^(\d{1,2})-([A-Za-z]{3,9})-(\d{4}|\d{2})(?:[ ,T].*)?$/;
const EPOCH_MS = /^\d{12,13}$/;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthOfName(name: string): number | null {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index === -1 ? null : index + 1;
}

function day(y: number, m: number, d: number): LocalDay | null {
  const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isLocalDay(text) ? text : null;
}

/** The local day a cell names, null when it names none. Empty cells are handled by the caller. */
export function parseContactDay(raw: string, order: DateOrder): LocalDay | null {
  const value = raw.trim();
  let match = ISO.exec(value);
  if (match) {
    const [, y, m, d, hh, mm, ss, zone] = match;
    if (zone && hh !== undefined) {
      // An instant with its zone: the day it was where the rep is.
      const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}T${hh.padStart(2, '0')}:${mm}:${ss ?? '00'}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
      const at = Date.parse(iso);
      return Number.isNaN(at) ? null : localDayOf(at);
    }
    return day(Number(y), Number(m), Number(d));
  }
  match = NUMERIC.exec(value);
  if (match) {
    const [, a, b, y] = match.map(Number) as [number, number, number, number];
    const year = y < 100 ? 2000 + y : y;
    return order === 'month-first' ? day(year, a, b) : day(year, b, a);
  }
  match = MONTH_NAME_FIRST.exec(value);
  if (match) {
    const month = monthOfName(match[1]!);
    return month ? day(Number(match[3]), month, Number(match[2])) : null;
  }
  match = DAY_FIRST_NAME.exec(value);
  if (match) {
    const month = monthOfName(match[2]!);
    return month ? day(Number(match[3]), month, Number(match[1])) : null;
  }
  match = DAY_MONTH_DASHED.exec(value);
  if (match) {
    const month = monthOfName(match[2]!);
    const year = Number(match[3]);
    return month ? day(year < 100 ? 2000 + year : year, month, Number(match[1])) : null;
  }
  if (EPOCH_MS.test(value)) return localDayOf(Number(value));
  return null;
}

export interface DateOrderGuess {
  order: DateOrder;
  /** False when every numeric day in the column reads both ways (the rep should confirm). */
  certain: boolean;
  /** The column has numeric days at all (otherwise the order does not matter). */
  numeric: boolean;
}

/** The order a column's numeric days are written in: a day above 12 settles it. */
export function guessDateOrder(values: Iterable<string>): DateOrderGuess {
  let monthFirst = 0;
  let dayFirst = 0;
  let numeric = false;
  for (const raw of values) {
    const match = NUMERIC.exec(raw.trim());
    if (!match) continue;
    numeric = true;
    const a = Number(match[1]);
    const b = Number(match[2]);
    if (a > 12 && b <= 12) dayFirst += 1;
    if (b > 12 && a <= 12) monthFirst += 1;
  }
  if (dayFirst > monthFirst) return { order: 'day-first', certain: monthFirst === 0, numeric };
  if (monthFirst > 0) return { order: 'month-first', certain: dayFirst === 0, numeric };
  return { order: 'month-first', certain: !numeric, numeric };
}
