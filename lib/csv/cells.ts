// CSV cells that are safe to open in a spreadsheet: a cell starting with = + - @ (or a tab or
// carriage return) would run as a formula, so it gets a leading apostrophe, which spreadsheets
// show as text. Import takes the apostrophe off again, so export → import gives back the value
// (a value that itself starts with apostrophes before such a character gets one more, so the
// mapping is one-to-one).
import Papa from 'papaparse';

const NEEDS_ESCAPE = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;

export function escapeCell(value: string): string {
  return NEEDS_ESCAPE.test(value) ? `'${value}` : value;
}

export function unescapeCell(value: string): string {
  return ESCAPED.test(value) ? value.slice(1) : value;
}

/** A CSV document from a header and rows of plain values; every cell escaped. */
export function toCsv(header: string[], rows: (string | number | boolean | undefined)[][]): string {
  return Papa.unparse(
    {
      fields: header.map(escapeCell),
      data: rows.map((row) =>
        row.map((cell) => escapeCell(cell === undefined ? '' : String(cell))),
      ),
    },
    { quotes: true, newline: '\r\n' },
  );
}
