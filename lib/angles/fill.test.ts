import fc from 'fast-check';
import {
  FALLBACKS,
  PLACEHOLDERS,
  VALUE_MAX,
  fillDraft,
  fillTemplate,
  firstNameOf,
  placeholderNamed,
  plain,
} from './fill';
import type { TemplateValues } from './fill';
import { BUILT_IN_ANGLES } from './library';

describe('fillTemplate', () => {
  test('fills every placeholder from the values', () => {
    const filled = fillTemplate(
      'Hi {firstName} ({name}) at {company}, re "{lastSubject}", {daysSinceLastTouch} days on. {myName}',
      {
        name: 'Anna Schmidt',
        company: 'Acme GmbH',
        lastSubject: 'Pricing for Q3',
        myName: 'Bob',
        daysSinceLastTouch: 9,
      },
    );
    expect(filled).toBe('Hi Anna (Anna Schmidt) at Acme GmbH, re "Pricing for Q3", 9 days on. Bob');
  });

  test('missing values read naturally, never "undefined" or "null"', () => {
    const filled = fillTemplate(
      'Hi {firstName}, how is {company}? Re: {lastSubject}, {daysSinceLastTouch} days.',
      {
        firstName: undefined,
        company: null,
        lastSubject: '   ',
      },
    );
    expect(filled).toBe('Hi there, how is your team? Re: my last note, a few days.');
  });

  test('a value that looks like a placeholder is not expanded again', () => {
    const filled = fillTemplate('{firstName} from {company}', {
      firstName: '{company}',
      company: '{firstName}{myName}',
    });
    expect(filled).toBe('{company} from {firstName}{myName}');
  });

  test('unknown placeholders stay as typed', () => {
    expect(
      fillTemplate('Hi {firstName}, {foo} and {constructor} and {toString} and { company }', {
        firstName: 'Ann',
      }),
    ).toBe('Hi Ann, {foo} and {constructor} and {toString} and { company }');
  });

  test('values are one safe line: controls and bidi overrides removed, newlines collapsed, length capped', () => {
    const filled = fillTemplate('[{company}]', {
      company: 'Evil\u202Ecorp\u0000\u0007\n\nLine two\r\n\tend\u2066x\u2069',
    });
    expect(filled).toBe('[Evilcorp Line two endx]');
    const long = fillTemplate('{lastSubject}', { lastSubject: 'x'.repeat(5000) });
    expect(Array.from(long).length).toBeLessThanOrEqual(VALUE_MAX);
    expect(long.endsWith('…')).toBe(true);
  });

  test('the cap never splits an emoji', () => {
    const value = '😀'.repeat(VALUE_MAX * 2);
    const filled = fillTemplate('{company}', { company: value });
    expect(filled).toBe(`${'😀'.repeat(VALUE_MAX - 1)}…`);
  });

  test('days since the last touch must be a count', () => {
    expect(fillTemplate('{daysSinceLastTouch}', { daysSinceLastTouch: -3 })).toBe('a few');
    expect(fillTemplate('{daysSinceLastTouch}', { daysSinceLastTouch: Number.NaN })).toBe('a few');
    expect(fillTemplate('{daysSinceLastTouch}', { daysSinceLastTouch: '12' })).toBe('12');
    expect(fillTemplate('{daysSinceLastTouch}', { daysSinceLastTouch: 'lots' })).toBe('a few');
  });

  test('every built-in template fills with no braces left and no holes', () => {
    for (const angle of BUILT_IN_ANGLES) {
      const filled = fillTemplate(angle.template, {
        name: 'Anna Schmidt',
        company: 'Acme',
        myName: 'Bob',
      });
      expect(filled).not.toMatch(/\{\w+\}/);
      expect(filled).toContain('Acme');
    }
  });

  const anyValue = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom(...PLACEHOLDERS.map((p) => `{${p}}`), 'undefined', 'null', ''),
    fc.constant(undefined),
    fc.constant(null),
    fc.integer(),
    fc.double(),
  );
  const valuesArb = fc.record(
    Object.fromEntries(PLACEHOLDERS.map((p) => [p, anyValue])) as Record<
      keyof TemplateValues,
      typeof anyValue
    >,
    { requiredKeys: [] },
  );
  const templateArb = fc
    .array(
      fc.oneof(fc.constantFrom(...PLACEHOLDERS.map((p) => `{${p}}`)), fc.string({ maxLength: 20 })),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(''));

  test('never outputs "undefined" or "null" it did not get, and never expands placeholders inside values', () => {
    fc.assert(
      fc.property(templateArb, valuesArb, (template, values) => {
        const filled = fillTemplate(template, values);
        const givenText = template + Object.values(values).map(String).join('');
        if (!/undefined/.test(givenText)) expect(filled).not.toContain('undefined');
        if (!/null/.test(givenText)) expect(filled).not.toContain('null');
        if (!/NaN/.test(givenText)) expect(filled).not.toContain('NaN');
        // Filling a template with placeholder-shaped values gives exactly those values back.
        const echo = Object.fromEntries(PLACEHOLDERS.map((p) => [p, `{${p}}`]));
        expect(fillTemplate(template, echo)).toBe(
          template.replaceAll('{daysSinceLastTouch}', 'a few'),
        );
        // Control and bidi characters in the output can only come from the template itself.
        const unsafe = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
        if (!unsafe.test(template)) expect(filled).not.toMatch(unsafe);
      }),
      { numRuns: 500 },
    );
  });

  test('a filled value never holds a line break or a control character', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const text = plain(value);
        expect(text).not.toMatch(/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u);
        expect(Array.from(text).length).toBeLessThanOrEqual(VALUE_MAX);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('firstNameOf', () => {
  test.each([
    ['Anna Schmidt', 'Anna'],
    ['  anna  ', 'anna'],
    ['Dr. Anna Maria Schmidt', 'Anna'],
    ['Schmidt, Anna', 'Anna'],
    ['Anna Schmidt, PhD', 'Anna'],
    ['Mr Bob Jones', 'Bob'],
    ['José Álvarez', 'José'],
    ['李 小龙', '李'],
    ['anna.schmidt@acme.com', 'Anna'],
    ['info@acme.com', ''],
    ['j.smith@acme.com', ''],
    ['', ''],
    ['   ', ''],
    ['---', ''],
  ])('%j → %j', (name, first) => {
    expect(firstNameOf(name)).toBe(first);
  });

  test('a full name alone gives the first name; nothing gives the fallback', () => {
    expect(fillTemplate('Hi {firstName}', { name: 'Anna Schmidt' })).toBe('Hi Anna');
    expect(fillTemplate('Hi {firstName}', { name: 'info@acme.com' })).toBe(
      `Hi ${FALLBACKS.firstName}`,
    );
    expect(fillTemplate('Hi {firstName}', {})).toBe('Hi there');
  });
});

describe('fillDraft: placeholders whatever their case, and what is left to fill', () => {
  test('{FirstName}, {FIRSTNAME}, {first_name} and {Company} fill like {firstName} and {company}', () => {
    const { text, unfilled } = fillDraft('{FirstName} {FIRSTNAME} {first_name} at {Company}', {
      name: 'José Álvarez',
      company: 'Acme',
    });
    expect(text).toBe('José José José at Acme');
    expect(unfilled).toEqual([]);
    expect(placeholderNamed('MyName')).toBe('myName');
    expect(placeholderNamed('constructor')).toBeUndefined();
  });

  test('an unknown placeholder, a blank and an unset {myName} stay as typed and are listed once each', () => {
    const draft = fillDraft(
      'Hi {firstName}, {foo} cuts [their problem] by [result]. {foo}\n\n{MyName}',
      {
        name: 'Ann Lee',
      },
    );
    expect(draft.text).toBe('Hi Ann, {foo} cuts [their problem] by [result]. {foo}\n\n{myName}');
    expect(draft.unfilled).toEqual([
      { token: '{foo}', kind: 'unknown-placeholder' },
      { token: '[their problem]', kind: 'blank' },
      { token: '[result]', kind: 'blank' },
      { token: '{myName}', kind: 'missing-value' },
    ]);
    // The parts rebuild the text and mark exactly the unfilled pieces.
    expect(draft.parts.map((part) => part.text).join('')).toBe(draft.text);
    expect(draft.parts.filter((part) => part.unfilled).map((part) => part.text)).toEqual([
      '{foo}',
      '[their problem]',
      '[result]',
      '{foo}',
      '{myName}',
    ]);
  });

  test('with the rep’s name set, a built-in draft ends on the name, never on a blank line', () => {
    const { text, unfilled } = fillDraft(BUILT_IN_ANGLES[0]!.template, {
      name: 'Ann Lee',
      company: 'Acme',
      myName: 'Sam Rivera',
    });
    expect(text.endsWith('\n\nSam Rivera')).toBe(true);
    expect(unfilled.map((entry) => entry.kind)).toEqual(['blank', 'blank']);
  });

  test('a blank around a placeholder is not a blank: "[{company}]" fills', () => {
    expect(fillDraft('[{company}]', { company: 'Acme' })).toMatchObject({
      text: '[Acme]',
      unfilled: [],
    });
  });
});
