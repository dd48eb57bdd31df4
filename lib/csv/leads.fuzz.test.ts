// Whatever file a rep picks: random bytes, random rows, random mappings. The lead parser either
// refuses the whole file with a LeadFileError or returns only well-formed leads (and a reason for
// every other row); it never throws anything else. Export never writes a cell a spreadsheet would
// run as a formula.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizeLinkedInId } from '../identity';
import type { Prospect } from '../model';
import {
  checkLeadFile,
  LEAD_FIELDS,
  LeadFileError,
  leadsToCsv,
  parseLeadsCsv,
  type ColumnMapping,
  type ParsedLeads,
} from './leads';

/** Parses, or returns the LeadFileError; any other throw fails the property. */
function parseOrRefuse(text: string, mapping?: ColumnMapping): ParsedLeads | LeadFileError {
  try {
    return parseLeadsCsv(text, { mapping });
  } catch (error) {
    if (error instanceof LeadFileError) return error;
    throw error;
  }
}

function expectWellFormed(result: ParsedLeads | LeadFileError, text: string): void {
  if (result instanceof LeadFileError) {
    expect(result.message.length).toBeGreaterThan(0);
    return;
  }
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const { line, lead } of result.leads) {
    expect(line).toBeGreaterThanOrEqual(2);
    expect(lead.emails.length + lead.linkedinIds.length).toBeGreaterThan(0);
    for (const email of lead.emails) expect(normalizeEmail(email)).toBe(email);
    for (const id of lead.linkedinIds) expect(normalizeLinkedInId(id)).toBe(id);
    expect(lead.name.length).toBeLessThanOrEqual(200);
    expect(lead.company.length).toBeLessThanOrEqual(200);
    expect(lead.tags.length).toBeLessThanOrEqual(50);
  }
  for (const row of result.invalid) {
    expect(row.line).toBeGreaterThanOrEqual(2);
    expect(row.line).toBeLessThanOrEqual(lines + 1);
    expect(row.reason.length).toBeGreaterThan(0);
  }
  const seen = [...result.leads.map((l) => l.line), ...result.invalid.map((r) => r.line)];
  expect(new Set(seen).size).toBe(seen.length);
}

const cell = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    'jane@acme.example',
    'JANE@ACME.EXAMPLE ; bob@acme.example',
    'https://www.linkedin.com/in/jane-doe-42/',
    'ACoAAAR6oE8B1GpmiVTWEdBctbRrJZwWa0MspYs',
    '=HYPERLINK("http://evil.example","x")',
    "'=1+1",
    '"quoted, with comma"',
    '\u202egnp.exe',
    'x'.repeat(300),
    '',
  ),
);
const header = fc.array(
  fc.oneof(fc.constantFrom('Name', 'Email', 'LinkedIn', 'Company', 'Tags', 'Notes'), fc.string()),
  { minLength: 1, maxLength: 6 },
);

describe('parsing lead files', () => {
  it('random bytes: refused as a whole with a reason, or parsed into well-formed rows', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        try {
          checkLeadFile(bytes.length, bytes.slice(0, 8192));
        } catch (error) {
          expect(error).toBeInstanceOf(LeadFileError);
          return;
        }
        const text = new TextDecoder().decode(bytes);
        expectWellFormed(parseOrRefuse(text), text);
      }),
      { numRuns: 400 },
    );
  });

  it('random rows under random headers and mappings', () => {
    fc.assert(
      fc.property(
        header,
        fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 30 }),
        fc.option(
          fc.array(fc.option(fc.integer({ min: -2, max: 8 }), { nil: null }), {
            minLength: LEAD_FIELDS.length,
            maxLength: LEAD_FIELDS.length,
          }),
        ),
        fc.constantFrom('\n', '\r\n', '\r'),
        (columns, rows, mappingList, newline) => {
          const text = Papa.unparse({ fields: columns, data: rows }, { newline });
          const mapping = mappingList
            ? (Object.fromEntries(LEAD_FIELDS.map((f, i) => [f, mappingList[i]])) as ColumnMapping)
            : undefined;
          expectWellFormed(parseOrRefuse(text, mapping), text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('truncated files: every prefix of a good file is refused or parsed, never thrown on', () => {
    const good =
      'Name,Email,LinkedIn,Tags\r\n"Doe, Jane",jane@acme.example,https://www.linkedin.com/in/jane-doe-42/,a;b\r\n' +
      'Bob,bob@acme.example,,\r\n"Unclosed ""quote",carol@acme.example,,x\r\n';
    for (let end = 0; end <= good.length; end++) {
      const text = good.slice(0, end);
      expectWellFormed(parseOrRefuse(text), text);
    }
  });
});

describe('exporting leads', () => {
  it('never writes a cell that starts like a formula, and reads back what it wrote', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('=1+1', '+1', '-1', '@SUM(A1)', '\t=x', '\r=x', "'=x", "''+x", '=cmd|x'),
      fc
        .tuple(fc.constantFrom('=', '+', '-', '@', "'"), fc.string({ maxLength: 20 }))
        .map(([head, tail]) => head + tail),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(hostile, hostile), { minLength: 1, maxLength: 6 }), (pairs) => {
        const prospects: Prospect[] = pairs.map(([name, company], index) => ({
          id: `p${index}`,
          name: name.trim(),
          company: company.trim(),
          emails: [`p${index}@acme.example`],
          linkedinIds: [],
          status: 'active',
          tags: [],
          createdAt: 0,
          nextChannels: [],
          nextStep: 1,
          totalSteps: 9,
          reason: '',
          touchCount: 0,
          noCount: 0,
        }));
        const csv = leadsToCsv(prospects);
        const cells = Papa.parse<string[]>(csv).data.flat();
        for (const value of cells) expect(value).not.toMatch(/^[=+\-@\t\r]/);
        const back = parseLeadsCsv(csv);
        expect(back.leads.map(({ lead }) => [lead.name, lead.company])).toEqual(
          prospects.map((p) => [p.name.trim(), p.company.trim()]),
        );
      }),
      { numRuns: 300 },
    );
  });
});
