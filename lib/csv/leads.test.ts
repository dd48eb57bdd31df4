import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import type { Prospect } from '../model';
import { escapeCell, toCsv, unescapeCell } from './cells';
import {
  checkLeadFile,
  describeInvalidRow,
  LeadFileError,
  leadsToCsv,
  MAX_IMPORT_BYTES,
  parseLeadsCsv,
} from './leads';

function prospect(fields: Partial<Prospect>): Prospect {
  return {
    id: crypto.randomUUID(),
    name: 'Jane Doe',
    company: 'Acme',
    emails: ['jane@acme.com'],
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
    ...fields,
  };
}

describe('formula injection', () => {
  test.each(['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\tTab', '\rCR'])(
    'a cell starting %j is exported as text',
    (value) => {
      const csv = toCsv(['Name'], [[value]]);
      const [, row] = Papa.parse<string[]>(csv).data;
      expect(row![0]).toBe(`'${value}`);
      expect(unescapeCell(row![0]!)).toBe(value);
    },
  );

  test('ordinary cells and a lone apostrophe are left alone', () => {
    expect(escapeCell('Jane')).toBe('Jane');
    expect(escapeCell("O'Brien")).toBe("O'Brien");
    expect(unescapeCell("'quoted'")).toBe("'quoted'");
    expect(escapeCell("'=x")).toBe("''=x");
    expect(unescapeCell(escapeCell("'=x"))).toBe("'=x");
  });
});

describe('leads CSV', () => {
  test('export then import gives back every lead, hostile names included', () => {
    const prospects = [
      prospect({ name: '=cmd|"/c calc"!A1', company: '+Acme, Inc.', tags: ['summit', 'q3'] }),
      prospect({
        name: '<img src=x onerror=alert(1)>',
        company: 'Ünïcødé “quotes”',
        emails: ['bob@quarry.io', 'b.stone@quarry.io'],
        linkedinIds: ['bob-stone-7'],
      }),
      prospect({
        name: 'Line\nbreak',
        company: '',
        emails: [],
        linkedinIds: ['ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
      }),
      prospect({ name: 'Hidden', status: 'not-prospect', emails: ['no@x.com'] }),
    ];
    const parsed = parseLeadsCsv(leadsToCsv(prospects));
    expect(parsed.invalid).toEqual([]);
    expect(parsed.leads.map(({ lead }) => lead)).toEqual(
      prospects
        .filter((p) => p.status !== 'not-prospect')
        .map((p) => ({
          name: p.name.trim(),
          company: p.company,
          emails: p.emails,
          linkedinIds: p.linkedinIds,
          tags: p.tags,
        })),
    );
  });

  test('round trip holds for arbitrary names, companies and tags', () => {
    const text = fc.string({ maxLength: 60 }).map((s) => s.replace(/;/g, '').trim());
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: text,
            company: text,
            tags: fc.array(text.filter(Boolean), { maxLength: 3 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (rows) => {
          const prospects = rows.map((row, i) =>
            prospect({ ...row, tags: [...new Set(row.tags)], emails: [`p${i}@acme.com`] }),
          );
          const parsed = parseLeadsCsv(leadsToCsv(prospects));
          expect(parsed.invalid).toEqual([]);
          expect(parsed.leads.map(({ lead }) => [lead.name, lead.company, lead.tags])).toEqual(
            prospects.map((p) => [p.name, p.company, p.tags]),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  test('columns are found by their usual names in any order', () => {
    const parsed = parseLeadsCsv(
      'Work Email,Full Name,LinkedIn URL,Organization\n' +
        'jane@acme.com,Jane Doe,https://www.linkedin.com/in/jane-doe-42/,Acme\n',
    );
    expect(parsed.leads).toEqual([
      {
        line: 2,
        lead: {
          name: 'Jane Doe',
          company: 'Acme',
          emails: ['jane@acme.com'],
          linkedinIds: ['jane-doe-42'],
          tags: [],
        },
      },
    ]);
  });

  test('bad rows are listed by line and column with the reason; good rows still parse', () => {
    const parsed = parseLeadsCsv(
      [
        'Name,Email,Company',
        'Jane,jane@acme.com,Acme',
        'Bob,bob@,Quarry',
        'Nobody,,Void',
        'Short,short@x.com',
        `${'N'.repeat(201)},long@x.com,Acme`,
      ].join('\n'),
    );
    expect(parsed.leads.map(({ lead }) => lead.emails[0])).toEqual(['jane@acme.com']);
    expect(parsed.invalid.map(describeInvalidRow)).toEqual([
      'Line 3, column Email: not an email address ("bob@")',
      'Line 4: needs an email address or a LinkedIn profile',
      'Line 5: has 2 cells, the header has 3',
      `Line 6, column Name: the name is longer than 200 characters ("${'N'.repeat(80)}")`,
    ]);
  });

  test.each([
    ['', 'The file is empty.'],
    ['   \n\n', 'The file is empty.'],
    ['Name,Email\n', 'The file has a header but no leads.'],
    ['Name,Phone\nJane,555', 'No Email or LinkedIn column: found "Name", "Phone".'],
    ['{"prospects": []}', 'No Email or LinkedIn column'],
  ])('a file that is not a CSV of leads is refused: %j', (text, message) => {
    expect(() => parseLeadsCsv(text)).toThrow(LeadFileError);
    expect(() => parseLeadsCsv(text)).toThrow(message);
  });

  test('files over 20 MB, empty files and binary files are refused before reading', () => {
    expect(() => checkLeadFile(50 * 1024 * 1024, new Uint8Array())).toThrow(
      'The file is 50.0 MB; the most Fifth Touch imports at once is 20 MB.',
    );
    expect(() => checkLeadFile(0, new Uint8Array())).toThrow('The file is empty.');
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(() => checkLeadFile(png.length, png)).toThrow('This is not a text file');
    const text = new TextEncoder().encode('Name,Email\nJane,jane@acme.com\n');
    expect(() => checkLeadFile(text.length, text)).not.toThrow();
    expect(() => checkLeadFile(MAX_IMPORT_BYTES, text)).not.toThrow();
  });
});
