import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { normalizePhone, normalizeTwitterHandle } from '../identity';
import type { Prospect } from '../model';
import { escapeCell, toCsv, unescapeCell } from './cells';
import {
  checkLeadFile,
  describeInvalidRow,
  LeadFileError,
  leadsToCsv,
  MAX_IMPORT_BYTES,
  parseLeadsCsv,
  skippedRowsCsv,
  UTF8_BOM,
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
        cells: ['jane@acme.com', 'Jane Doe', 'https://www.linkedin.com/in/jane-doe-42/', 'Acme'],
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

  test.each([
    ['\r\n', ',', 'Windows, commas'],
    ['\n', ',', 'Unix, commas'],
    ['\r', ',', 'old Mac, commas'],
    ['\r\n', '\t', 'Excel "Unicode text", tabs'],
    ['\n', ';', 'a European spreadsheet, semicolons'],
  ])(
    'a long file with %j line breaks and %j between cells (%s) reads every row alike',
    (newline, delimiter) => {
      // Far past the first lines the line break and the delimiter are told from; the tags' own
      // separator is a semicolon, so that file quotes them.
      const rows = Array.from({ length: 3000 }, (_, i) => [
        `Lead ${i}`,
        `lead${i}@acme.com`,
        'a; b',
      ]);
      const text = Papa.unparse(
        { fields: ['Name', 'Email', 'Tags'], data: rows },
        { newline, delimiter },
      );
      expect(text.length).toBeGreaterThan(64 * 1024);
      const { leads, invalid } = parseLeadsCsv(text);
      expect(invalid).toEqual([]);
      expect(leads).toHaveLength(3000);
      expect(leads.at(-1)!.lead).toMatchObject({
        name: 'Lead 2999',
        emails: ['lead2999@acme.com'],
        tags: ['a', 'b'],
      });
      expect(leads.every(({ lead }) => lead.tags.join() === 'a,b')).toBe(true);
    },
  );

  test('blank lines are passed over, and a bad row after them is named by its own line', () => {
    const text = '\r\n \r\nName,Email\r\nJane,jane@acme.com\r\n\r\n , \r\nBob,bob@\r\n,\r\n';
    const { header, leads, invalid } = parseLeadsCsv(text);
    expect(header).toEqual(['Name', 'Email']);
    expect(leads.map(({ line, lead }) => [line, lead.name])).toEqual([[4, 'Jane']]);
    expect(invalid.map(describeInvalidRow)).toEqual([
      'Line 7, column Email: not an email address ("bob@")',
    ]);
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

describe('a CRM export', () => {
  test('First + Last make the name, and phone, title, Twitter/X and last contacted are kept', () => {
    const parsed = parseLeadsCsv(
      [
        'First Name,Last Name,Email,Account Name,Title,Phone,Twitter,Last Activity',
        'Renée,Durand,renee@acme.fr,Acme SA,CTO,+33 1 23 45 67 89,https://x.com/renee_d,25/03/2026',
        'Bo,,bo@acme.fr,Acme SA,,,,',
      ].join('\n'),
      { today: '2026-04-01' },
    );
    expect(parsed.dateOrder).toEqual({ order: 'day-first', certain: true, numeric: true });
    expect(parsed.leads.map(({ lead }) => lead)).toEqual([
      {
        name: 'Renée Durand',
        company: 'Acme SA',
        emails: ['renee@acme.fr'],
        linkedinIds: [],
        tags: [],
        phone: '+33 1 23 45 67 89',
        title: 'CTO',
        twitter: 'renee_d',
        lastContacted: '2026-03-25',
      },
      { name: 'Bo', company: 'Acme SA', emails: ['bo@acme.fr'], linkedinIds: [], tags: [] },
    ]);
  });

  test('a bad phone, handle or date skips the row with its reason; a future date too', () => {
    const parsed = parseLeadsCsv(
      [
        'Name,Email,Phone,Twitter/X,Last Contacted',
        'A,a@a.com,call me,,',
        'B,b@b.com,,not a handle!,',
        'C,c@c.com,,,someday',
        'D,d@d.com,,,2026-05-01',
      ].join('\n'),
      { today: '2026-04-01' },
    );
    expect(parsed.leads).toEqual([]);
    expect(parsed.invalid.map(describeInvalidRow)).toEqual([
      'Line 2, column Phone: not a phone number ("call me")',
      'Line 3, column Twitter/X: not a Twitter/X handle ("not a handle!")',
      'Line 4, column Last Contacted: not a date ("someday")',
      'Line 5, column Last Contacted: last contacted in the future ("2026-05-01")',
    ]);
  });

  test("a phone and a handle are read by the same rule as the panel's edit of a prospect", () => {
    const cells = [
      ['+1 (555) 010-2030 extension 12', 'twitter.com/ana_acme/status/1'],
      ['+(33) 1 23 45 67 89', 'https://twitter.com/#!/bo_acme'],
      ['555 123 x7', '@cy'],
    ];
    const parsed = parseLeadsCsv(
      [
        'Name,Email,Phone,Twitter',
        ...cells.map(([phone, twitter], index) =>
          [`P${index}`, `p${index}@acme.io`, phone, twitter].join(','),
        ),
      ].join('\n'),
      { today: '2026-04-01' },
    );
    expect(parsed.invalid).toEqual([]);
    expect(parsed.leads.map(({ lead }) => [lead.phone, lead.twitter])).toEqual(
      cells.map(([phone, twitter]) => [normalizePhone(phone), normalizeTwitterHandle(twitter)]),
    );
    expect(parsed.leads.map(({ lead }) => lead.twitter)).toEqual(['ana_acme', 'bo_acme', 'cy']);
  });

  test('skipped rows download as CSV: the line, the reason, then the row as it was', () => {
    const csv = skippedRowsCsv(
      ['Name', 'Email'],
      [
        { line: 4, reason: 'bob@q.io is also on line 3', cells: ['Bob', 'bob@q.io'] },
        { line: 2, reason: 'column Email: not an email address', cells: ['=1+1', 'x@'] },
      ],
    );
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['Line', 'Why it was skipped', 'Name', 'Email'],
      ['2', 'column Email: not an email address', "'=1+1", 'x@'],
      ['4', 'bob@q.io is also on line 3', 'Bob', 'bob@q.io'],
    ]);
    // Imported again, the fixed file reads its own columns back.
    expect(parseLeadsCsv(csv).leads.map(({ lead }) => lead.name)).toEqual(['Bob']);
  });

  test('the export starts with a UTF-8 byte-order mark and writes LinkedIn as profile links', () => {
    const csv = leadsToCsv([
      prospect({ linkedinIds: ['jane-doe-42', 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'] }),
      prospect({ emails: ['b@b.com'], linkedinIds: ['josé-ñ'], twitter: 'jane', phone: '555 123' }),
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, first, second] = Papa.parse<string[]>(csv.slice(1)).data;
    const at = header!.indexOf('LinkedIn');
    expect(first![at]).toBe(
      'https://www.linkedin.com/in/jane-doe-42/; https://www.linkedin.com/in/ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456789/',
    );
    expect(second![at]).toBe('https://www.linkedin.com/in/jos%C3%A9-%C3%B1/');
    expect(second![header!.indexOf('Twitter/X')]).toBe('jane');
    // And the import reads the links (and bare ids) back as the same ids.
    const back = parseLeadsCsv(csv).leads.map(({ lead }) => lead.linkedinIds);
    expect(back).toEqual([['jane-doe-42', 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'], ['josé-ñ']]);
    expect(parseLeadsCsv('LinkedIn\njane-doe-42\n').leads[0]!.lead.linkedinIds).toEqual([
      'jane-doe-42',
    ]);
  });
});
