// Leads as CSV: export every prospect, and parse a file of leads into rows checked one by one, with
// a reason for each bad row (kept with the row's own cells, so the rep can download and fix them).
// A file that is not a CSV of leads at all is refused as a whole.
import Papa from 'papaparse';
import * as v from 'valibot';
import {
  normalizeEmail,
  normalizeLinkedInId,
  normalizePhone,
  normalizeTwitterHandle,
} from '../identity';
import type { LocalDay, Prospect } from '../model';
import { toCsv, unescapeCell } from './cells';
import { guessDateOrder, parseContactDay, type DateOrder, type DateOrderGuess } from './dates';
import {
  guessMapping,
  LEAD_FIELD_LABELS,
  LEAD_FIELDS,
  type ColumnMapping,
  type LeadField,
} from './mapping';

export { emptyMapping, guessMapping, LEAD_FIELD_LABELS, LEAD_FIELDS } from './mapping';
export type { ColumnMapping, LeadField } from './mapping';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Excel reads a CSV as UTF-8 only when it starts with the byte-order mark. */
export const UTF8_BOM = '\uFEFF';

/** Several values in one cell are separated by semicolons (commas are the column separator). */
const MULTI_SEPARATOR = /\s*;\s*/;

export class LeadFileError extends Error {
  override name = 'LeadFileError';
  /** The file's columns, when it has a header but the columns need mapping by hand. */
  header?: string[];
}

export interface Lead {
  name: string;
  company: string;
  emails: string[];
  linkedinIds: string[];
  tags: string[];
  phone?: string;
  title?: string;
  /** A Twitter/X handle without the "@". */
  twitter?: string;
  /** The day the lead was last contacted (from the CRM): the cadence resumes from there. */
  lastContacted?: LocalDay;
}

export interface InvalidRow {
  /**
   * 1-based line of the file the row is on, the header's and blank lines counted (a row whose quoted
   * cell holds line breaks counts as one line).
   */
  line: number;
  column: string;
  reason: string;
  /** The row as the file has it, for the download of skipped rows. */
  cells: string[];
}

export interface ParsedLead {
  line: number;
  lead: Lead;
  cells: string[];
}

export interface ParsedLeads {
  header: string[];
  mapping: ColumnMapping;
  /** How the last-contacted column's numeric days were read (absent without such a column). */
  dateOrder?: DateOrderGuess;
  leads: ParsedLead[];
  invalid: InvalidRow[];
}

export interface ParseLeadsOptions {
  mapping?: ColumnMapping;
  /** The rep's reading of numeric days; guessed from the column when absent. */
  dateOrder?: DateOrder;
  /** A last-contacted day after this one is refused (it has not happened yet). */
  today?: LocalDay;
}

/** A profile link for a stored LinkedIn id; a numeric member key (`member:123`) has none and stays bare. */
export function linkedInProfileLink(linkedinId: string): string {
  if (!/^[\p{L}\p{M}\p{N}_-]{2,100}$/u.test(linkedinId)) return linkedinId;
  return `https://www.linkedin.com/in/${encodeURIComponent(linkedinId)}/`;
}

/**
 * Every prospect (not-a-prospect ones excepted) as a CSV the import reads back: UTF-8 with its
 * byte-order mark, so Excel shows accents, and LinkedIn as profile links.
 */
export function leadsToCsv(prospects: Prospect[]): string {
  return (
    UTF8_BOM +
    toCsv(
      [
        'Name',
        'Company',
        'Email',
        'LinkedIn',
        'Phone',
        'Title',
        'Twitter/X',
        'Tags',
        'Status',
        'Next due',
        'Touches',
        'Nos',
      ],
      prospects
        .filter((prospect) => prospect.status !== 'not-prospect')
        .map((p) => [
          p.name,
          p.company,
          p.emails.join('; '),
          p.linkedinIds.map(linkedInProfileLink).join('; '),
          p.phone,
          p.title,
          p.twitter,
          p.tags.join('; '),
          p.status,
          p.nextDueDay,
          p.touchCount,
          p.noCount,
        ]),
    )
  );
}

/** Refuses what cannot be a file of leads before reading it: too large or empty. */
export function checkLeadFile(size: number, head: Uint8Array): void {
  if (size > MAX_IMPORT_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1);
    throw new LeadFileError(`The file is ${mb} MB; the most Fifth Touch imports at once is 20 MB.`);
  }
  if (size === 0) throw new LeadFileError('The file is empty.');
  // UTF-16 text has a zero in every other byte; it is judged once decoded (checkLeadText).
  if (head[0] === 0xff && head[1] === 0xfe) return;
  if (head[0] === 0xfe && head[1] === 0xff) return;
  checkControlShare(head.length, (i) => head[i]!);
}

/** Refuses decoded text that is binary data (NULs, or many control characters). */
export function checkLeadText(text: string): void {
  const length = Math.min(text.length, 8192);
  checkControlShare(length, (i) => text.charCodeAt(i));
}

function checkControlShare(length: number, codeAt: (index: number) => number): void {
  let control = 0;
  for (let i = 0; i < length; i += 1) {
    const code = codeAt(i);
    if (code === 0) throw new LeadFileError('This is not a text file (it contains binary data).');
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) control += 1;
  }
  if (length > 0 && control / length > 0.05) {
    throw new LeadFileError('This is not a text file (it contains binary data).');
  }
}

/** A cell's text (trimmed already, as every cell is read), at most `max` characters. */
const cellText = (max: number, what: string) =>
  v.pipe(v.string(), v.maxLength(max, `${what} is longer than ${max} characters`));

/** The value in its normal form, or an issue saying why it has none: normalised once per cell. */
const normalizedOr = (normalize: (raw: string) => string | null, message: string) =>
  v.rawTransform<string, string>(({ dataset, addIssue, NEVER }) => {
    const normal = normalize(dataset.value);
    if (normal === null) {
      addIssue({ message });
      return NEVER;
    }
    return normal;
  });

/** An optional cell: empty is absent, anything else must normalise. */
const optionalNormalized = (normalize: (raw: string) => string | null, message: string) =>
  v.optional(v.pipe(v.string(), normalizedOr(normalize, message)));

const leadSchema = v.object({
  name: cellText(200, 'the name'),
  company: cellText(200, 'the company'),
  emails: v.pipe(
    v.array(v.pipe(v.string(), normalizedOr(normalizeEmail, 'not an email address'))),
    v.maxLength(20, 'more than 20 addresses'),
  ),
  linkedinIds: v.pipe(
    v.array(v.pipe(v.string(), normalizedOr(normalizeLinkedInId, 'not a LinkedIn profile or id'))),
    v.maxLength(20, 'more than 20 LinkedIn ids'),
  ),
  tags: v.pipe(v.array(cellText(50, 'a tag')), v.maxLength(50, 'more than 50 tags')),
  phone: optionalNormalized(normalizePhone, 'not a phone number'),
  title: v.optional(cellText(200, 'the title')),
  twitter: optionalNormalized(normalizeTwitterHandle, 'not a Twitter/X handle'),
});

/** Which mapped field an issue's path names, for the column shown with its reason. */
const SCHEMA_FIELD: Partial<Record<string, LeadField>> = { name: 'name' };

/** A row with nothing in it: no cells, or only empty and blank ones. */
function isBlankRow(row: string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

/** Enough of a file's start to hold its first lines. */
const HEAD_CHARS = 64 * 1024;

/**
 * The file's line break and delimiter as Papa guesses them, from its first lines. Left to itself,
 * Papa guesses the line break from the whole first megabyte (copied, its quoted cells cut out, then
 * split on every line) and the delimiter by trial parses over the whole text, which together cost
 * about a third of the parse itself on a big file; both guesses only look at the first lines
 * anyway. Nothing (Papa guesses from the whole file) when the first lines hold no line break.
 */
function formatOf(text: string): Pick<Papa.ParseConfig, 'newline' | 'delimiter'> {
  const head = text.slice(0, HEAD_CHARS);
  if (!/[\r\n]/.test(head)) return {};
  const { meta } = Papa.parse<string[]>(head, { preview: 2 });
  return { newline: meta.linebreak as Papa.ParseConfig['newline'], delimiter: meta.delimiter };
}

/**
 * Parses the text of a CSV of leads. Throws LeadFileError when the file as a whole is unusable (no
 * rows, no identity column); otherwise returns the good rows and a reason for each bad one.
 */
export function parseLeadsCsv(text: string, options: ParseLeadsOptions = {}): ParsedLeads {
  const clean = text.replace(/^\uFEFF/, '');
  if (!clean.trim()) throw new LeadFileError('The file is empty.');
  // Blank lines (empty, or only spaces and separators) are passed over here rather than by Papa,
  // which would join every row's cells to look for them; a row's line is its place in the file,
  // blank lines counted (Papa drops them without saying where they were).
  const rows = Papa.parse<string[]>(clean, formatOf(clean)).data;
  const headerAt = rows.findIndex((row) => !isBlankRow(row));
  const header = rows[headerAt];
  if (!header || header.length < 1) throw new LeadFileError('The file has no header line.');
  const records: { line: number; record: string[] }[] = [];
  for (let at = headerAt + 1; at < rows.length; at += 1) {
    const record = rows[at]!;
    if (!isBlankRow(record)) records.push({ line: at + 1, record });
  }
  const columns = header.map((title) => unescapeCell(title.trim()));
  const map = options.mapping ?? guessMapping(columns);
  if (map.emails === null && map.linkedinIds === null) {
    const error = new LeadFileError(
      `No Email or LinkedIn column: found ${columns.map((c) => JSON.stringify(c)).join(', ')}. Name one column "Email" or "LinkedIn", or map it by hand.`,
    );
    error.header = columns;
    throw error;
  }
  if (records.length === 0) throw new LeadFileError('The file has a header but no leads.');
  for (const field of LEAD_FIELDS) {
    const index = map[field];
    if (index !== null && (index < 0 || index >= columns.length)) {
      throw new LeadFileError(`${LEAD_FIELD_LABELS[field]} is mapped to a column the file lacks.`);
    }
  }
  const lastContactedAt = map.lastContacted;
  let dateOrder: DateOrderGuess | undefined;
  if (lastContactedAt !== null) {
    const guessed = guessDateOrder(records.map(({ record }) => record[lastContactedAt] ?? ''));
    dateOrder = options.dateOrder
      ? { order: options.dateOrder, certain: true, numeric: guessed.numeric }
      : guessed;
  }

  const columnOf = (field: LeadField) => {
    const at = map[field];
    return at === null ? LEAD_FIELD_LABELS[field] : (columns[at] ?? LEAD_FIELD_LABELS[field]);
  };
  const leads: ParsedLead[] = [];
  const invalid: InvalidRow[] = [];
  records.forEach(({ line, record }) => {
    if (record.length !== columns.length) {
      invalid.push({
        line,
        column: '',
        reason: `has ${record.length} cells, the header has ${columns.length}`,
        cells: record,
      });
      return;
    }
    const cell = (field: LeadField) => {
      const at = map[field];
      return at === null ? '' : unescapeCell(record[at] ?? '').trim();
    };
    const optional = (field: LeadField) => cell(field) || undefined;
    const many = (field: LeadField) => {
      const text = cell(field);
      if (!text) return [];
      return text.includes(';') ? text.split(MULTI_SEPARATOR).filter(Boolean) : [text];
    };
    const fullName =
      cell('name') || [cell('firstName'), cell('lastName')].filter(Boolean).join(' ');
    const result = v.safeParse(leadSchema, {
      name: fullName,
      company: cell('company'),
      emails: many('emails'),
      linkedinIds: many('linkedinIds'),
      tags: many('tags'),
      phone: optional('phone'),
      title: optional('title'),
      twitter: optional('twitter'),
    });
    if (!result.success) {
      const issue = result.issues[0]!;
      const key = String(issue.path?.[0]?.key ?? 'name');
      const field = SCHEMA_FIELD[key] ?? (key as LeadField);
      const shown =
        typeof issue.input === 'string' ? ` (${JSON.stringify(issue.input.slice(0, 80))})` : '';
      invalid.push({
        line,
        column: columnOf(field),
        reason: `${issue.message}${shown}`,
        cells: record,
      });
      return;
    }
    const checked = result.output;
    if (checked.emails.length === 0 && checked.linkedinIds.length === 0) {
      invalid.push({
        line,
        column: '',
        reason: 'needs an email address or a LinkedIn profile',
        cells: record,
      });
      return;
    }
    const lead: Lead = {
      name: checked.name,
      company: checked.company,
      emails: checked.emails.length > 1 ? [...new Set(checked.emails)] : checked.emails,
      linkedinIds:
        checked.linkedinIds.length > 1 ? [...new Set(checked.linkedinIds)] : checked.linkedinIds,
      tags: checked.tags,
    };
    if (checked.phone) lead.phone = checked.phone;
    if (checked.title) lead.title = checked.title;
    if (checked.twitter) lead.twitter = checked.twitter;
    const contacted = cell('lastContacted');
    if (contacted && dateOrder) {
      const day = parseContactDay(contacted, dateOrder.order);
      if (day === null) {
        invalid.push({
          line,
          column: columnOf('lastContacted'),
          reason: `not a date (${JSON.stringify(contacted.slice(0, 80))})`,
          cells: record,
        });
        return;
      }
      if (options.today && day > options.today) {
        invalid.push({
          line,
          column: columnOf('lastContacted'),
          reason: `last contacted in the future (${JSON.stringify(contacted.slice(0, 80))})`,
          cells: record,
        });
        return;
      }
      lead.lastContacted = day;
    }
    leads.push({ line, lead, cells: record });
  });
  const result: ParsedLeads = { header: columns, mapping: map, leads, invalid };
  if (dateOrder) result.dateOrder = dateOrder;
  return result;
}

/** "Line 4, column Email: not an email address ("bob@")". */
export function describeInvalidRow(row: Pick<InvalidRow, 'line' | 'column' | 'reason'>): string {
  return `Line ${row.line}${row.column ? `, column ${row.column}` : ''}: ${row.reason}`;
}

export interface SkippedRow {
  line: number;
  reason: string;
  cells: string[];
}

/**
 * The rows an import left out, as a CSV to fix and import again: the file's own columns, after
 * the line each row was on and why it was skipped. UTF-8 with its byte-order mark, cells escaped.
 */
export function skippedRowsCsv(header: string[], rows: SkippedRow[]): string {
  return (
    UTF8_BOM +
    toCsv(
      ['Line', 'Why it was skipped', ...header],
      [...rows]
        .sort((a, b) => a.line - b.line)
        .map((row) => [
          row.line,
          row.reason,
          // The values the cells stand for: toCsv escapes each once again.
          ...Array.from({ length: Math.max(header.length, row.cells.length) }, (_, i) =>
            unescapeCell(row.cells[i] ?? ''),
          ),
        ]),
    )
  );
}
