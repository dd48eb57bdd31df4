// Leads as CSV: export every prospect, and parse a file of leads into rows checked one by one, with
// a reason for each bad row. A file that is not a CSV of leads at all is refused as a whole.
import Papa from 'papaparse';
import * as v from 'valibot';
import { normalizeEmail, normalizeLinkedInId } from '../identity';
import type { Prospect } from '../model';
import { toCsv, unescapeCell } from './cells';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export const LEAD_FIELDS = ['name', 'company', 'emails', 'linkedinIds', 'tags'] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

export const LEAD_FIELD_LABELS: Record<LeadField, string> = {
  name: 'Name',
  company: 'Company',
  emails: 'Email',
  linkedinIds: 'LinkedIn',
  tags: 'Tags',
};

/** Header names each field is recognised by (lower case, spaces and punctuation removed). */
const HEADER_ALIASES: Record<LeadField, string[]> = {
  name: ['name', 'fullname', 'contact', 'contactname', 'firstlast', 'prospect'],
  company: ['company', 'companyname', 'organization', 'organisation', 'account', 'employer'],
  emails: ['email', 'emails', 'emailaddress', 'emailaddresses', 'mail', 'workemail'],
  linkedinIds: [
    'linkedin',
    'linkedinurl',
    'linkedinprofile',
    'linkedinids',
    'profileurl',
    'linkedinid',
  ],
  tags: ['tags', 'tag', 'labels', 'list'],
};

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
}

export interface InvalidRow {
  /** 1-based line in the file, the header being line 1. */
  line: number;
  column: string;
  reason: string;
}

export type ColumnMapping = Record<LeadField, number | null>;

export interface ParsedLeads {
  header: string[];
  mapping: ColumnMapping;
  leads: { line: number; lead: Lead }[];
  invalid: InvalidRow[];
}

/** Every prospect (not-a-prospect ones excepted) as a CSV the import reads back. */
export function leadsToCsv(prospects: Prospect[]): string {
  return toCsv(
    ['Name', 'Company', 'Email', 'LinkedIn', 'Tags', 'Status', 'Next due', 'Touches', 'Nos'],
    prospects
      .filter((prospect) => prospect.status !== 'not-prospect')
      .map((p) => [
        p.name,
        p.company,
        p.emails.join('; '),
        p.linkedinIds.join('; '),
        p.tags.join('; '),
        p.status,
        p.nextDueDay,
        p.touchCount,
        p.noCount,
      ]),
  );
}

/** Refuses what cannot be a CSV of leads before reading it: too large, empty, or binary. */
export function checkLeadFile(size: number, head: Uint8Array): void {
  if (size > MAX_IMPORT_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1);
    throw new LeadFileError(`The file is ${mb} MB; the most Fifth Touch imports at once is 20 MB.`);
  }
  if (size === 0) throw new LeadFileError('The file is empty.');
  let control = 0;
  for (const byte of head) {
    if (byte === 0) throw new LeadFileError('This is not a text file (it contains binary data).');
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13) control += 1;
  }
  if (head.length > 0 && control / head.length > 0.05) {
    throw new LeadFileError('This is not a text file (it contains binary data).');
  }
}

const compact = (header: string) => header.toLowerCase().replace(/[^a-z]/g, '');

/** The column each field most likely comes from, by header name. */
export function guessMapping(header: string[]): ColumnMapping {
  const mapping = Object.fromEntries(LEAD_FIELDS.map((field) => [field, null])) as ColumnMapping;
  header.forEach((title, index) => {
    const key = compact(title);
    for (const field of LEAD_FIELDS) {
      if (mapping[field] === null && HEADER_ALIASES[field].includes(key)) {
        mapping[field] = index;
        break;
      }
    }
  });
  return mapping;
}

const cellText = (max: number, what: string) =>
  v.pipe(v.string(), v.trim(), v.maxLength(max, `${what} is longer than ${max} characters`));

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
});

/**
 * Parses the text of a CSV of leads. Throws LeadFileError when the file as a whole is unusable (no
 * rows, no identity column); otherwise returns the good rows and a reason for each bad one.
 */
export function parseLeadsCsv(text: string, mapping?: ColumnMapping): ParsedLeads {
  const clean = text.replace(/^\uFEFF/, '');
  if (!clean.trim()) throw new LeadFileError('The file is empty.');
  const parsed = Papa.parse<string[]>(clean, { skipEmptyLines: 'greedy' });
  const [header, ...records] = parsed.data;
  if (!header || header.length < 1) throw new LeadFileError('The file has no header line.');
  const columns = header.map((title) => unescapeCell(title.trim()));
  const map = mapping ?? guessMapping(columns);
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

  const leads: ParsedLeads['leads'] = [];
  const invalid: InvalidRow[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    if (record.length !== columns.length) {
      invalid.push({
        line,
        column: '',
        reason: `has ${record.length} cells, the header has ${columns.length}`,
      });
      return;
    }
    const cell = (field: LeadField) => {
      const at = map[field];
      return at === null ? '' : unescapeCell(record[at] ?? '').trim();
    };
    const many = (field: LeadField) => cell(field).split(MULTI_SEPARATOR).filter(Boolean);
    const result = v.safeParse(leadSchema, {
      name: cell('name'),
      company: cell('company'),
      emails: many('emails'),
      linkedinIds: many('linkedinIds'),
      tags: many('tags'),
    });
    if (!result.success) {
      const issue = result.issues[0]!;
      const field = String(issue.path?.[0]?.key ?? 'name') as LeadField;
      const at = map[field];
      const shown =
        typeof issue.input === 'string' ? ` (${JSON.stringify(issue.input.slice(0, 80))})` : '';
      invalid.push({
        line,
        column: at === null ? LEAD_FIELD_LABELS[field] : (columns[at] ?? LEAD_FIELD_LABELS[field]),
        reason: `${issue.message}${shown}`,
      });
      return;
    }
    const lead = result.output;
    if (lead.emails.length === 0 && lead.linkedinIds.length === 0) {
      invalid.push({ line, column: '', reason: 'needs an email address or a LinkedIn profile' });
      return;
    }
    leads.push({
      line,
      lead: {
        ...lead,
        emails: [...new Set(lead.emails)],
        linkedinIds: [...new Set(lead.linkedinIds)],
      },
    });
  });
  return { header: columns, mapping: map, leads, invalid };
}

/** "Line 4, column Email: not an email address ("bob@")". */
export function describeInvalidRow(row: InvalidRow): string {
  return `Line ${row.line}${row.column ? `, column ${row.column}` : ''}: ${row.reason}`;
}
