import { describe, expect, test } from 'vitest';
import { decodeLeadFile, describeEncoding, LeadEncodingError } from './encoding';

const TEXT = 'Name,Email\nRenée Ødegård,renee@acme.fr\n';

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let at = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, littleEndian);
    at = 2;
  }
  for (let i = 0; i < text.length; i += 1)
    view.setUint16(at + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

/** Windows-1252 for the Latin-1 range this text uses: one byte per character. */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((char) => char.charCodeAt(0)));
}

describe('reading a lead file in its own encoding', () => {
  test('UTF-8 without a byte-order mark', () => {
    const decoded = decodeLeadFile(new TextEncoder().encode(TEXT));
    expect(decoded).toEqual({ text: TEXT, encoding: 'utf-8', evidence: 'valid-utf8' });
  });

  test('UTF-8 with a byte-order mark: the mark is dropped', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)]);
    expect(decodeLeadFile(bytes)).toEqual({ text: TEXT, encoding: 'utf-8', evidence: 'bom' });
  });

  test.each([
    ['utf-16le', true],
    ['utf-16be', false],
  ] as const)("%s with a byte-order mark (Excel's Unicode text)", (encoding, littleEndian) => {
    const decoded = decodeLeadFile(utf16(TEXT, littleEndian, true));
    expect(decoded).toEqual({ text: TEXT, encoding, evidence: 'bom' });
  });

  test('UTF-16 without a byte-order mark is found by its zero bytes', () => {
    expect(decodeLeadFile(utf16(TEXT, true, false))).toMatchObject({
      text: TEXT,
      encoding: 'utf-16le',
    });
  });

  test('Windows-1252 is detected (not valid UTF-8) and read with its accents, and the page says so', () => {
    const decoded = decodeLeadFile(windows1252(TEXT));
    expect(decoded).toEqual({ text: TEXT, encoding: 'windows-1252', evidence: 'not-utf8' });
    expect(decoded.text).not.toContain('\uFFFD');
    expect(describeEncoding(decoded)).toMatch(/not UTF-8, so it was read as Windows-1252/);
  });

  test('an encoding the rep chooses is used, and one the bytes cannot be is refused', () => {
    const bytes = windows1252(TEXT);
    expect(decodeLeadFile(bytes, 'windows-1252').evidence).toBe('chosen');
    expect(() => decodeLeadFile(bytes, 'utf-8')).toThrow(LeadEncodingError);
  });
});
