import { describe, expect, it } from 'vitest';
import {
  cleanDisplayName,
  emailDomain,
  guessCompanyFromDomain,
  guessNameFromEmail,
  guessNameFromLinkedInId,
  isMemberId,
  isOwnOrIgnored,
  ownOrIgnoredTest,
  isPublicMailDomain,
  linkedInIdFromUrl,
  normalizeDomain,
  normalizeEmail,
  normalizeLinkedInId,
  normalizePhone,
  normalizeTwitterHandle,
  parseLinkedInUrl,
} from './identity';

const MEMBER = 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';

describe('normalizeEmail', () => {
  it.each([
    ['jane.doe@acme.com', 'jane.doe@acme.com'],
    ['  Jane.Doe@ACME.com ', 'jane.doe@acme.com'],
    ['Jane Doe <Jane.Doe@Acme.COM>', 'jane.doe@acme.com'],
    ['"Doe, Jane" <jane@acme.co.uk>', 'jane@acme.co.uk'],
    ['mailto:JANE@acme.io', 'jane@acme.io'],
    ['me+crm@example.org', 'me+crm@example.org'],
    ["o'brien@bank.ie", "o'brien@bank.ie"],
    ['jürgen@müller.de', 'jürgen@müller.de'],
    ['a@b.co', 'a@b.co'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'jane',
    'jane@',
    '@acme.com',
    'jane@acme',
    'jane doe@acme.com',
    'jane@@acme.com',
    'jane@acme..com',
    'jane@-acme.com',
    'Jane Doe',
    '<>',
    'x'.repeat(320) + '@acme.com',
  ])('rejects %j', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });

  it('rejects non-strings', () => {
    expect(normalizeEmail(undefined)).toBeNull();
    expect(normalizeEmail(null)).toBeNull();
    expect(normalizeEmail(42 as unknown as string)).toBeNull();
  });
});

describe('emailDomain', () => {
  it('gives the normalised domain, or null', () => {
    expect(emailDomain('Jane@Sales.ACME.com')).toBe('sales.acme.com');
    expect(emailDomain('not an address')).toBeNull();
  });
});

describe('isPublicMailDomain', () => {
  it.each([
    'gmail.com',
    'googlemail.com',
    'outlook.com',
    'outlook.de',
    'hotmail.com',
    'hotmail.co.uk',
    'hotmail.fr',
    'live.com',
    'live.nl',
    'yahoo.com',
    'yahoo.co.jp',
    'yahoo.com.br',
    'icloud.com',
    'me.com',
    'aol.com',
    'proton.me',
    'protonmail.com',
    'gmx.de',
    'gmx.net',
    'gmx.at',
    'web.de',
    'mail.ru',
    'yandex.ru',
    'yandex.com.tr',
    'GMAIL.COM',
    '@gmail.com',
  ])('%s is public', (domain) => {
    expect(isPublicMailDomain(domain)).toBe(true);
  });

  it.each([
    'acme.com',
    'yahoo-inc.com',
    'gmailer.com',
    'hotmail.acme.com',
    'mail.acme.com',
    'google.com',
  ])('%s is not public', (domain) => {
    expect(isPublicMailDomain(domain)).toBe(false);
  });
});

describe('normalizeDomain', () => {
  it('accepts the forms users type', () => {
    expect(normalizeDomain('@Acme.com')).toBe('acme.com');
    expect(normalizeDomain(' acme.com. ')).toBe('acme.com');
    expect(normalizeDomain('acme')).toBeNull();
    expect(normalizeDomain('jane@acme.com')).toBeNull();
  });
});

describe('isOwnOrIgnored', () => {
  const settings = {
    ownAddresses: ['Me@MyCo.com', 'rep.name@gmail.com'],
    ownDomains: ['myco.com', 'gmail.com', '@myco.io'],
    ignoreList: ['@noreply.example.com', 'vendor.com', 'Boss@Partner.com'],
  };

  it.each([
    ['me@myco.com', 'own address'],
    ['ME@MYCO.COM', 'own address, other case'],
    ['me+crm@myco.com', 'plus-addressed own address'],
    ['rep.name+leads@gmail.com', 'plus-addressed own gmail'],
    ['repname@gmail.com', 'gmail ignores dots'],
    ['rep.name@googlemail.com', 'googlemail is gmail'],
    ['colleague@myco.com', 'own domain'],
    ['colleague@eu.myco.com', 'subdomain of own domain'],
    ['ops@myco.io', 'own domain typed with @'],
    ['alerts@noreply.example.com', 'ignored domain with @'],
    ['sales@vendor.com', 'ignored domain'],
    ['boss@partner.com', 'ignored address'],
    ['boss+x@partner.com', 'plus variant of ignored address'],
  ])('%s is skipped (%s)', (email) => {
    expect(isOwnOrIgnored(email, settings)).toBe(true);
  });

  it.each([
    ['jane@acme.com', 'a prospect'],
    ['someone.else@gmail.com', 'a public domain is never an own domain'],
    ['other@partner.com', 'only the ignored address at that domain'],
    ['me@myco.com.evil.net', 'not a subdomain'],
    ['me@notmyco.com', 'suffix is not a subdomain'],
    ['rep.name@outlook.com', 'dots only matter on gmail'],
  ])('%s is a prospect (%s)', (email) => {
    expect(isOwnOrIgnored(email, settings)).toBe(false);
  });

  it('is false for something that is not an address', () => {
    expect(isOwnOrIgnored('nobody', settings)).toBe(false);
  });

  it('answers the same through a test built once for many addresses', () => {
    const test = ownOrIgnoredTest(settings);
    const emails = [
      'me+crm@myco.com',
      'colleague@eu.myco.com',
      'boss@partner.com',
      'jane@acme.com',
    ];
    expect(emails.map(test)).toEqual([true, true, true, false]);
    expect(
      emails.map((email) =>
        ownOrIgnoredTest({ ownAddresses: [], ownDomains: [], ignoreList: [] })(email),
      ),
    ).toEqual([false, false, false, false]);
  });
});

describe('guessing names', () => {
  it.each([
    ['acme.com', 'Acme'],
    ['mail.north-wind.co.uk', 'North Wind'],
    ['globex.com.au', 'Globex'],
    ['initech.io', 'Initech'],
    ['gmail.com', ''],
    ['hotmail.co.uk', ''],
  ])('company from %s → %j', (domain, company) => {
    expect(guessCompanyFromDomain(domain)).toBe(company);
  });

  it.each([
    ['jane.doe@acme.com', 'Jane Doe'],
    ['jane_doe+news@acme.com', 'Jane Doe'],
    ['j.doe42@acme.com', 'J'],
    ['nonsense', ''],
  ])('name from %s → %j', (email, name) => {
    expect(guessNameFromEmail(email)).toBe(name);
  });
});

describe('names from pages', () => {
  it.each([
    ['jane-doe-4b2a1c9', 'Jane Doe'],
    ['https://www.linkedin.com/in/omar-haddad/', 'Omar Haddad'],
    [MEMBER, ''],
    ['urn:li:member:123', ''],
  ])('name from LinkedIn id %s → %j', (id, name) => {
    expect(guessNameFromLinkedInId(id)).toBe(name);
  });

  it.each([
    ['  Jane   Doe ', 'Jane Doe'],
    ['"Doe, Jane"', 'Doe, Jane'],
    ['jane@acme.com', ''],
    ["'jane@acme.com'", ''],
    [undefined, ''],
  ])('display name %j → %j', (raw, name) => {
    expect(cleanDisplayName(raw)).toBe(name);
  });
});

describe('LinkedIn ids', () => {
  it('knows a member id by its shape and case', () => {
    expect(isMemberId(MEMBER)).toBe(true);
    expect(isMemberId(MEMBER.toLowerCase())).toBe(false);
    expect(isMemberId('ACoAA')).toBe(false);
    expect(isMemberId('jane-doe')).toBe(false);
  });

  it.each([
    ['jane-doe', 'jane-doe'],
    ['Jane-Doe-4b2a1c9', 'jane-doe-4b2a1c9'],
    ['  JaneDoe  ', 'janedoe'],
    ['j%C3%BCrgen-m%C3%BCller', 'jürgen-müller'],
    ['Jürgen-Müller', 'jürgen-müller'],
    [MEMBER, MEMBER],
    [`urn:li:fsd_profile:${MEMBER}`, MEMBER],
    [`urn:li:fs_miniProfile:${MEMBER}`, MEMBER],
    [`urn:li:fs_profile:${MEMBER}`, MEMBER],
    [`urn:li:member:${MEMBER}`, MEMBER],
    ['urn:li:member:123456789', 'member:123456789'],
    [`urn:li:msg_messagingParticipant:urn:li:fsd_profile:${MEMBER}`, MEMBER],
    ['https://www.linkedin.com/in/jane-doe/', 'jane-doe'],
    ['https://www.linkedin.com/in/Jane-Doe', 'jane-doe'],
    ['http://linkedin.com/in/jane-doe', 'jane-doe'],
    ['https://de.linkedin.com/in/jane-doe/de/', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/?locale=de_DE', 'jane-doe'],
    [
      'https://www.linkedin.com/in/jane-doe?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAAB',
      'jane-doe',
    ],
    ['https://www.linkedin.com/in/jane-doe/#experience', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/overlay/contact-info/', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/recent-activity/all/', 'jane-doe'],
    ['https://www.linkedin.com/in/%E5%BC%A0%E4%BC%9F-123/', '张伟-123'],
    ['https://www.linkedin.com/in/J%C3%BCrgen-M%C3%BCller-8a7b/', 'jürgen-müller-8a7b'],
    [`https://www.linkedin.com/in/${MEMBER}/`, MEMBER],
    [`https://www.linkedin.com/in/${MEMBER}?lipi=urn%3Ali%3Apage%3Ad_flagship3`, MEMBER],
    ['www.linkedin.com/in/jane-doe', 'jane-doe'],
    ['linkedin.com/in/jane-doe/', 'jane-doe'],
    ['/in/jane-doe/', 'jane-doe'],
    ['https://www.linkedin.com/mwlite/in/jane-doe', 'jane-doe'],
    ['HTTPS://WWW.LINKEDIN.COM/IN/JANE-DOE/', 'jane-doe'],
    [`https://www.linkedin.com/profile/view?id=${MEMBER}&trk=x`, MEMBER],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeLinkedInId(raw)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'x',
    'jane doe',
    'https://www.linkedin.com/company/acme/',
    'https://www.linkedin.com/messaging/thread/2-abc/',
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/in/',
    'https://evil.com/in/jane-doe',
    'https://linkedin.com.evil.com/in/jane-doe',
    'javascript:alert(1)',
    'urn:li:organization:1234',
    'urn:li:fsd_profile:not-a-member',
  ])('rejects %j', (raw) => {
    expect(normalizeLinkedInId(raw)).toBeNull();
  });

  it('linkedInIdFromUrl reads only URLs', () => {
    expect(linkedInIdFromUrl('https://www.linkedin.com/in/jane-doe/')).toBe('jane-doe');
    expect(
      linkedInIdFromUrl('https://www.linkedin.com/search/results/people/?keywords=jane'),
    ).toBeNull();
    expect(linkedInIdFromUrl('not a url at all')).toBeNull();
  });

  it('a plain profile link (as the export writes it) reads as the URL parser reads it', () => {
    for (const id of ['jane-doe', 'Jane_Doe-42', MEMBER, 'x', 'in', 'a--b', '42']) {
      for (const link of [
        `https://www.linkedin.com/in/${id}/`,
        `https://www.linkedin.com/in/${id}`,
      ]) {
        // A query string takes the link through the URL parser.
        expect(linkedInIdFromUrl(link)).toBe(linkedInIdFromUrl(`${link}?trk=x`));
      }
    }
    expect(linkedInIdFromUrl('https://www.linkedin.com/in/Jane_Doe-42/')).toBe('jane_doe-42');
    expect(linkedInIdFromUrl('https://www.linkedin.com/in/x/')).toBeNull();
  });

  it('the same person by URL, vanity and URN keys the same', () => {
    const forms = [
      'https://www.linkedin.com/in/Jane-Doe-42/?originalSubdomain=de',
      'jane-doe-42',
      'https://de.linkedin.com/in/jane-doe-42/en',
    ];
    expect(new Set(forms.map(normalizeLinkedInId))).toEqual(new Set(['jane-doe-42']));
    const memberForms = [`urn:li:fsd_profile:${MEMBER}`, `/in/${MEMBER}/`, MEMBER];
    expect(new Set(memberForms.map(normalizeLinkedInId))).toEqual(new Set([MEMBER]));
  });
});

describe('parseLinkedInUrl', () => {
  it.each([
    ['/in/jane-doe/?x=1', 'https://www.linkedin.com/in/jane-doe/?x=1'],
    ['linkedin.com/in/jane-doe', 'https://linkedin.com/in/jane-doe'],
    ['  https://DE.LinkedIn.com/messaging/  ', 'https://de.linkedin.com/messaging/'],
    ['http://m.linkedin.com./in/jane', 'http://m.linkedin.com./in/jane'],
  ])('parses %j as %s', (raw, href) => {
    expect(parseLinkedInUrl(raw)?.href).toBe(href);
  });

  it.each([
    '',
    'https://evil.com/in/jane-doe',
    'https://linkedin.com.evil.com/in/jane-doe',
    'https://notlinkedin.com/in/jane-doe',
    'ftp://www.linkedin.com/in/jane-doe',
    'javascript:alert(1)',
    'https://',
  ])('refuses %j', (raw) => {
    expect(parseLinkedInUrl(raw)).toBeNull();
  });
});

describe('phone numbers and Twitter/X handles', () => {
  it.each([
    [' +1 (555) 010-2030 ', '+1 (555) 010-2030'],
    ['+(33) 1 23 45 67 89', '+(33) 1 23 45 67 89'],
    ['555.010.2030 ext. 12', '555.010.2030 ext. 12'],
    ['555 010\t2030 extension 7', '555 010 2030 extension 7'],
    ['555 123 x7', '555 123 x7'],
  ])('keeps the phone %j as typed: %j', (raw, phone) => {
    expect(normalizePhone(raw)).toBe(phone);
  });

  it.each([
    '',
    'call me',
    '12',
    '- 555 010',
    '+1 555 010 ext',
    '5'.repeat(41),
    '555-0100 ext. 1234567',
  ])('refuses %j as a phone', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it.each([
    ['@jane_doe', 'jane_doe'],
    ['jane_doe', 'jane_doe'],
    ['https://x.com/jane_doe', 'jane_doe'],
    ['https://www.twitter.com/jane_doe/', 'jane_doe'],
    ['twitter.com/jane_doe/status/1234', 'jane_doe'],
    ['https://mobile.twitter.com/@jane_doe?lang=en', 'jane_doe'],
    ['https://twitter.com/#!/jane_doe', 'jane_doe'],
  ])('reads the handle of %j: %j', (raw, handle) => {
    expect(normalizeTwitterHandle(raw)).toBe(handle);
  });

  it.each(['', 'not a handle!', 'https://example.com/jane', 'a_handle_far_too_long', '@'])(
    'refuses %j as a handle',
    (raw) => {
      expect(normalizeTwitterHandle(raw)).toBeNull();
    },
  );
});
