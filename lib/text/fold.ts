// Text as a search compares it: accents and case folded away, so "Jose" finds "José", "muller"
// finds "Müller" and "SOREN" finds "Søren". Pure.

// Letters that carry no combining mark to strip in Unicode's decomposition, folded by hand.
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');

/** Lower-case, without accents or other combining marks, compatibility forms unified. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(SPECIAL_PATTERN, (letter) => SPECIAL[letter] ?? letter);
}

/** True when `haystack` contains `needle`, both folded (pass a needle already folded). */
export function includesFolded(haystack: string, foldedNeedle: string): boolean {
  return foldForSearch(haystack).includes(foldedNeedle);
}
