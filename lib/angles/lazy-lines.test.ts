import fc from 'fast-check';
import { LAZY_PHRASES, findLazyLines, isOnlyLazy } from './lazy-lines';

const phrases = (draft: string) => findLazyLines(draft).map((l) => l.phrase);

describe('findLazyLines', () => {
  test.each([
    ['Just checking in on this.', 'just checking in', 'Just checking in'],
    ['Just... checking-in!!', 'just checking in', 'Just... checking-in'],
    ['JUST CHECKING IN', 'just checking in', 'JUST CHECKING IN'],
    ['Hi, touching base about the demo', 'touching base', 'touching base'],
    ['Circling back on pricing.', 'circling back', 'Circling back'],
    [
      'Following up on my last email, see below.',
      'following up on my last email',
      'Following up on my last email',
    ],
    ['Any update?', 'any update?', 'Any update'],
    ['any updates on your side', 'any updates?', 'any updates'],
    ['Bumping this.', 'bumping this', 'Bumping this'],
    ['Just following up.', 'just following up', 'Just following up'],
    [
      'I just wanted to follow up on the proposal',
      'just wanted to follow up',
      'just wanted to follow up',
    ],
    ['Did you get a chance to review it?', 'did you get a chance to', 'Did you get a chance to'],
    ['Per my last email, the price is fixed.', 'per my last email', 'Per my last email'],
    ['Just wanted to check in.', 'just wanted to check in', 'Just wanted to check in'],
    ['Checking in!', 'checking in', 'Checking in'],
    ['Just a gentle reminder that', 'just a gentle reminder', 'Just a gentle reminder'],
    ['I haven’t heard back from you', "i haven't heard back", 'I haven’t heard back'],
    ['Just\nchecking\n\nin', 'just checking in', 'Just\nchecking\n\nin'],
  ])('%j finds %j', (draft, phrase, text) => {
    const found = findLazyLines(draft);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ phrase, text });
    expect(draft.slice(found[0]!.start, found[0]!.end)).toBe(text);
  });

  test('finds every lazy line, in order, the longer phrase winning an overlap', () => {
    const draft = 'Hi Anna, just checking in. Any update? Also circling back, per my last email.';
    expect(phrases(draft)).toEqual([
      'just checking in',
      'any update?',
      'circling back',
      'per my last email',
    ]);
    expect(phrases('Just following up on my last email')).toEqual([
      'following up on my last email',
    ]);
  });

  test('matches whole words only', () => {
    expect(findLazyLines('The checking inbox is full; touching basement walls.')).toEqual([]);
    expect(findLazyLines('any updated pricing will follow')).toEqual([]);
    expect(findLazyLines('Here is the case study from Acme, 30% faster onboarding.')).toEqual([]);
  });

  test('indices point into the original text, around emoji and accents', () => {
    const draft = '👋🏽 Héllo Zoë — 🙂 just   CHECKING‑in?! 🚀';
    const [line] = findLazyLines(draft);
    expect(line).toBeDefined();
    expect(draft.slice(line!.start, line!.end)).toBe(line!.text);
    expect(line!.text.toLowerCase().startsWith('just')).toBe(true);
  });

  test('never throws and returns nothing for non-text', () => {
    expect(findLazyLines('')).toEqual([]);
    expect(findLazyLines(undefined as unknown as string)).toEqual([]);
    expect(findLazyLines(42 as unknown as string)).toEqual([]);
    expect(isOnlyLazy(null as unknown as string)).toBe(false);
  });

  test('a large draft is scanned in linear time', () => {
    const big = `${'word '.repeat(50_000)}just checking in ${'🙂 '.repeat(30_000)}${'just '.repeat(30_000)}`;
    const started = performance.now();
    const found = findLazyLines(big);
    const elapsed = performance.now() - started;
    expect(found.map((l) => l.phrase)).toEqual(['just checking in']);
    expect(elapsed).toBeLessThan(3000);
    const startedOnly = performance.now();
    expect(isOnlyLazy(big)).toBe(false);
    expect(isOnlyLazy(`Thanks ${'a-'.repeat(100_000)}\njust checking in`)).toBe(false);
    expect(
      isOnlyLazy(`Hi ${'a '.repeat(100_000)}just checking in\n${'Thanks, '.repeat(10_000)}`),
    ).toBe(false);
    expect(performance.now() - startedOnly).toBeLessThan(3000);
  });

  test('never throws, and every finding slices the original draft, on any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.string({ unit: 'grapheme', maxLength: 400 }),
          fc.string({ unit: 'grapheme-composite', maxLength: 400 }),
          fc
            .array(
              fc.constantFrom(...LAZY_PHRASES, ' ', '\n', '!', '🙂', 'Hi Anna,', 'Thanks, Bob'),
              { maxLength: 20 },
            )
            .map((parts) => parts.join('')),
        ),
        (draft) => {
          const found = findLazyLines(draft);
          let previousEnd = 0;
          for (const line of found) {
            expect(line.start).toBeGreaterThanOrEqual(previousEnd);
            expect(line.end).toBeGreaterThan(line.start);
            expect(draft.slice(line.start, line.end)).toBe(line.text);
            expect(LAZY_PHRASES).toContain(line.phrase);
            previousEnd = line.end;
          }
          expect(typeof isOnlyLazy(draft)).toBe('boolean');
        },
      ),
      { numRuns: 1000 },
    );
  });

  /** A phrase as a rep might type it: any case, words joined by spaces, punctuation or line breaks. */
  const typed = (phrase: string) =>
    fc
      .tuple(
        fc.array(fc.constantFrom(' ', '  ', '-', '... ', '\n', ', ', ' – '), {
          minLength: phrase.split(' ').length,
          maxLength: phrase.split(' ').length,
        }),
        fc.array(fc.boolean(), { minLength: phrase.length, maxLength: phrase.length }),
      )
      .map(([separators, upper]) => {
        const cased = Array.from(phrase, (ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join('');
        return cased
          .split(' ')
          .map((word, i) => (i === 0 ? word : `${separators[i]}${word}`))
          .join('');
      });

  const surrounding = fc.string({ maxLength: 60 }).map((s) => s.replace(/[\p{L}\p{N}]+$/u, ''));
  const leading = fc.string({ maxLength: 60 }).map((s) => s.replace(/^[\p{L}\p{N}]+/u, ''));

  test('finds a phrase embedded in random text, however it is cased and punctuated', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...LAZY_PHRASES)
          .chain((phrase) => fc.tuple(fc.constant(phrase), surrounding, typed(phrase), leading)),
        ([phrase, before, middle, after]) => {
          const draft = `${before} ${middle} ${after}`;
          const found = findLazyLines(draft);
          const start = before.length + 1;
          const end = start + middle.replace(/[^\p{L}\p{N}]+$/u, '').length;
          // The phrase's span is covered by a finding of it or of a longer phrase containing it.
          const covering = found.find((l) => l.start <= start && l.end >= end);
          expect(covering).toBeDefined();
          expect(
            covering!.phrase
              .replace(/[^\p{L}\p{N} ]/gu, '')
              .includes(phrase.replace(/[^\p{L}\p{N} ]/gu, '').replace(/^i /, '')),
          ).toBe(true);
          expect(draft.slice(covering!.start, covering!.end)).toBe(covering!.text);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('isOnlyLazy', () => {
  test.each([
    'Just checking in!',
    'Hi Anna,\n\nJust checking in.\n\nThanks,\nBob',
    'Hey Anna — any update?\n\nBest,\nBob Miller\nAccount Executive | Acme\n+1 555 0100',
    'Hi there, just following up on my last email. Thanks!',
    'Hello Anna Maria, circling back on this. Cheers, Bob',
    'Bumping this to the top of your inbox :)\n\n> On Mon, Anna wrote:\n> We are evaluating three vendors and will decide next quarter, please send details',
    'Hi Anna,\njust wanted to check in and see if you had any thoughts?\nBob',
  ])('%j is only lazy', (draft) => {
    expect(isOnlyLazy(draft)).toBe(true);
  });

  test.each([
    'Hi Anna,\n\nJust checking in with the benchmark you asked for: teams your size cut onboarding from 14 to 6 days. Want the full report?\n\nBob',
    'Circling back with a case study from Globex: they saved 12 hours a week on reporting after two months.',
    'Hi Anna, here is the pricing sheet for the three plans we discussed on Tuesday.',
    '',
    'Thanks, Bob',
  ])('%j is not only lazy', (draft) => {
    expect(isOnlyLazy(draft)).toBe(false);
  });

  test('real content after a lazy opener clears the warning, however it is signed off', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LAZY_PHRASES),
        fc.constantFrom('', 'Hi Anna,\n', 'Hello,\n\n'),
        fc.constantFrom('', '\n\nThanks,\nBob', '\nBest regards'),
        (phrase, greeting, signOff) => {
          expect(isOnlyLazy(`${greeting}${phrase}${signOff}`)).toBe(true);
          const withContent = `${greeting}${phrase}. Attached is the rollout plan with three milestones and named owners for each.${signOff}`;
          expect(isOnlyLazy(withContent)).toBe(false);
        },
      ),
    );
  });
});
