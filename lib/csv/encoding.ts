// Reading a lead file's bytes as text: CRM exports and spreadsheets write UTF-8 (with or without a
// byte-order mark), UTF-16 (Excel's "Unicode text") or Windows-1252 (older Excel on Windows). The
// platform's TextDecoder reads all of them; which one a file is comes from its byte-order mark,
// then from whether its bytes are valid UTF-8, so accents are never silently garbled.

export const LEAD_FILE_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type LeadFileEncoding = (typeof LEAD_FILE_ENCODINGS)[number];

export const ENCODING_LABELS: Record<LeadFileEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE (Excel "Unicode text")',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Western European, older Excel)',
};

/** How the encoding was settled: the rep's choice, a byte-order mark, or the bytes themselves. */
export type EncodingEvidence = 'chosen' | 'bom' | 'valid-utf8' | 'utf16-zeros' | 'not-utf8';

export interface DecodedLeadFile {
  text: string;
  encoding: LeadFileEncoding;
  evidence: EncodingEvidence;
}

export class LeadEncodingError extends Error {
  override name = 'LeadEncodingError';
}

function bomOf(bytes: Uint8Array): LeadFileEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * UTF-16 without a byte-order mark: ASCII text has a zero in every other byte. Null when the first
 * bytes do not look like that (a binary file has zeros too, but not so regularly).
 */
function utf16ByZeros(bytes: Uint8Array): LeadFileEncoding | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros += 1;
    if (sample[i + 1] === 0) oddZeros += 1;
  }
  const pairs = sample.length / 2;
  if (oddZeros / pairs > 0.6 && evenZeros / pairs < 0.05) return 'utf-16le';
  if (evenZeros / pairs > 0.6 && oddZeros / pairs < 0.05) return 'utf-16be';
  return null;
}

function decode(bytes: Uint8Array, encoding: LeadFileEncoding, fatal: boolean): string {
  // The decoder drops a leading byte-order mark of its own encoding.
  return new TextDecoder(encoding, { fatal }).decode(bytes);
}

/**
 * The file's text and the encoding it was read in: `chosen` when the rep picked one, else the
 * byte-order mark, else UTF-16 by its zero bytes, else UTF-8 when every byte sequence is valid
 * UTF-8, else Windows-1252 (every byte is a character there, so this never fails; the page says
 * so and offers the others).
 */
export function decodeLeadFile(bytes: Uint8Array, chosen?: LeadFileEncoding): DecodedLeadFile {
  if (chosen) {
    try {
      return { text: stripBom(decode(bytes, chosen, true)), encoding: chosen, evidence: 'chosen' };
    } catch {
      throw new LeadEncodingError(
        `The file is not valid ${ENCODING_LABELS[chosen]}: choose another encoding.`,
      );
    }
  }
  const bom = bomOf(bytes);
  if (bom) return { text: decode(bytes, bom, false), encoding: bom, evidence: 'bom' };
  const utf16 = utf16ByZeros(bytes);
  if (utf16) return { text: decode(bytes, utf16, false), encoding: utf16, evidence: 'utf16-zeros' };
  try {
    return { text: decode(bytes, 'utf-8', true), encoding: 'utf-8', evidence: 'valid-utf8' };
  } catch {
    return {
      text: decode(bytes, 'windows-1252', false),
      encoding: 'windows-1252',
      evidence: 'not-utf8',
    };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** One line for the page: which encoding the file was read in, and why. */
export function describeEncoding({ encoding, evidence }: DecodedLeadFile): string {
  const name = ENCODING_LABELS[encoding];
  switch (evidence) {
    case 'chosen':
      return `Read as ${name}, as you chose.`;
    case 'bom':
      return `Read as ${name} (the file says so at its start).`;
    case 'utf16-zeros':
      return `Read as ${name} (found from its bytes).`;
    case 'valid-utf8':
      return `Read as ${name}.`;
    case 'not-utf8':
      return `This file is not UTF-8, so it was read as ${name}. Check the accents in the preview; if they look wrong, choose the file's encoding.`;
  }
}
