// Finds the lines that make a follow-up worthless ("just checking in") for the in-page coach.
// Matching is on words, so case, punctuation, hyphens and line breaks between words do not matter;
// it runs in one pass over the draft's words and never throws, whatever the draft holds.

export interface LazyLine {
  /** The canonical phrase ("just checking in"). */
  phrase: string;
  /** UTF-16 indices into the original draft: `draft.slice(start, end) === text`. */
  start: number;
  end: number;
  text: string;
}

/** Phrases reps use instead of a reason to write. Words only: punctuation is ignored when matching. */
export const LAZY_PHRASES: readonly string[] = [
  'just checking in',
  'checking in',
  'just wanted to check in',
  'wanted to check in',
  'checking back in',
  'just checking back',
  'touching base',
  'just touching base',
  'just wanted to touch base',
  'wanted to touch base',
  'circling back',
  'just circling back',
  'just wanted to circle back',
  'circle back',
  'looping back',
  'just looping back',
  'just following up',
  'just wanted to follow up',
  'wanted to follow up',
  'following up on my last email',
  'following up on my previous email',
  'following up on my email',
  'following up on my last message',
  'following up again',
  'just a quick follow up',
  'quick follow up',
  'per my last email',
  'as per my last email',
  'per my previous email',
  'any update?',
  'any updates?',
  'any news?',
  'any thoughts?',
  'bumping this',
  'bumping this up',
  'bumping this to the top',
  'floating this to the top',
  'bringing this back to the top',
  'moving this to the top of your inbox',
  'to the top of your inbox',
  'did you get a chance to',
  'did you have a chance to',
  'have you had a chance to',
  'hope you had a chance to',
  'did you see my last email',
  'did you see my email',
  'just wanted to make sure you saw',
  'just a gentle reminder',
  'gentle reminder',
  'just a friendly reminder',
  'friendly reminder',
  'just a reminder',
  'reaching out again',
  'just reaching out again',
  'just pinging',
  'pinging you again',
  "haven't heard back",
  "i haven't heard back",
  'sorry to bother you',
];

const WORD = /[\p{L}\p{N}]+/gu;

interface Token {
  word: string;
  start: number;
  end: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  phrase?: string;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = new RegExp(WORD.source, WORD.flags);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const word = match[0];
    // A word longer than any phrase word cannot match: skip lower-casing it.
    tokens.push({
      word: word.length > LONGEST_WORD ? '' : word.toLowerCase(),
      start: match.index,
      end: match.index + word.length,
    });
  }
  return tokens;
}

const PHRASE_WORDS = LAZY_PHRASES.map((phrase) => phrase.toLowerCase().match(WORD) ?? []);
const LONGEST_WORD = Math.max(...PHRASE_WORDS.flat().map((word) => word.length));
const TRIE: TrieNode = { next: new Map() };
let MAX_WORDS = 0;
for (const [index, phrase] of LAZY_PHRASES.entries()) {
  const words = PHRASE_WORDS[index] ?? [];
  MAX_WORDS = Math.max(MAX_WORDS, words.length);
  let node = TRIE;
  for (const word of words) {
    let child = node.next.get(word);
    if (!child) {
      child = { next: new Map() };
      node.next.set(word, child);
    }
    node = child;
  }
  node.phrase ??= phrase;
}

/** Every lazy phrase in the draft, in order, not overlapping (the longer phrase wins an overlap). */
export function findLazyLines(draft: string): LazyLine[] {
  if (typeof draft !== 'string' || draft.length === 0) return [];
  const tokens = tokenize(draft);
  const found: { phrase: string; first: number; last: number }[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    let node: TrieNode | undefined = TRIE;
    for (let j = i; j < tokens.length && j - i < MAX_WORDS; j += 1) {
      node = node.next.get((tokens[j] as Token).word);
      if (!node) break;
      if (node.phrase) found.push({ phrase: node.phrase, first: i, last: j });
    }
  }
  // Longest first, then leftmost: "just following up on my last email" is one finding, not two.
  found.sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  const taken = new Uint8Array(tokens.length);
  const chosen: typeof found = [];
  for (const match of found) {
    let free = true;
    for (let k = match.first; k <= match.last && free; k += 1) free = taken[k] === 0;
    if (!free) continue;
    taken.fill(1, match.first, match.last + 1);
    chosen.push(match);
  }
  return chosen
    .sort((a, b) => a.first - b.first)
    .map(({ phrase, first, last }) => {
      const start = (tokens[first] as Token).start;
      const end = (tokens[last] as Token).end;
      return { phrase, start, end, text: draft.slice(start, end) };
    });
}

/** Below this many words of real content, a draft with a lazy line says nothing. */
export const REAL_CONTENT_MIN_WORDS = 8;

const GREETING =
  /^\s*(?:hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening|day)|morning|afternoon|evening)\b(?:\s+[\p{L}.'’-]+){0,3}?\s*(?:[,!:;.\n—–-]|$)/iu;
const GREETING_WORD = /^\s*(?:hi|hello|hey|hiya|dear|greetings)\b/iu;
const SIGN_OFF =
  /^\s*(?:thanks|thank you|thanks again|many thanks|thx|ty|best|best regards|kind regards|warm regards|regards|cheers|all the best|talk soon|speak soon|sincerely|warmly|yours|br)\b[\s,.!—–-]*(?:[\p{L}.'’-]+(?:\s+[\p{L}.'’-]+){0,3})?\s*$/iu;
const QUOTE_HEADER = /^\s*On .{1,300} wrote:\s*$/;
const CONTENT_WORD = /[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;

/**
 * True when the draft has a lazy line and, without its lazy lines, greeting, sign-off, signature
 * and quoted history, fewer than REAL_CONTENT_MIN_WORDS words remain. A draft with no lazy line is
 * never "only lazy": an empty or short draft is not the coach's business.
 */
export function isOnlyLazy(draft: string): boolean {
  if (typeof draft !== 'string') return false;
  const lazy = findLazyLines(draft);
  if (lazy.length === 0) return false;

  let rest = '';
  let from = 0;
  for (const line of lazy) {
    rest += `${draft.slice(from, line.start)} `;
    from = line.end;
  }
  rest += draft.slice(from);

  const lines = withoutQuotedHistory(rest.split(/\r?\n/));
  cutSignOff(lines);
  const body = lines.join('\n');
  const greeting = GREETING.exec(body.slice(0, 200)) ?? GREETING_WORD.exec(body.slice(0, 200));
  const content = greeting ? body.slice(greeting[0].length) : body;

  const words = content.matchAll(CONTENT_WORD);
  for (let seen = 0; seen < REAL_CONTENT_MIN_WORDS; seen += 1) {
    if (words.next().done) return true;
  }
  return false;
}

/** Drops "> quoted" lines and everything from an "On … wrote:" header on. */
function withoutQuotedHistory(lines: string[]): string[] {
  const kept: string[] = [];
  for (const line of lines) {
    if (line.length < 400 && QUOTE_HEADER.test(line)) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  return kept;
}

/** Removes the sign-off line and the signature under it, when it is among the last few lines. */
function cutSignOff(lines: string[]): void {
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < 8; i -= 1) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    seen += 1;
    if (line.length <= 80 && SIGN_OFF.test(line)) {
      lines.length = i;
      return;
    }
  }
}
