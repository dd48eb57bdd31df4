import { describe, expect, it } from 'vitest';
import { isAutomatedAddress, otherPartyOf, type ThreadMessageParties } from './other-party';

const OWN = new Set(['rep@myco.example', 'riley@myco.example']);
const message = (
  from: string | null,
  to: string[] = [],
  name: string | null = null,
): ThreadMessageParties => ({
  from: from === null ? null : { email: from, name },
  to: to.map((email) => ({ email, name: email.split('@')[0]! })),
});

describe('isAutomatedAddress', () => {
  it.each([
    'noreply@acme.example',
    'no-reply@acme.example',
    'no_reply@acme.example',
    'NoReply@Acme.example',
    'do-not-reply@acme.example',
    'donotreply@acme.example',
    'notifications@github.example',
    'notification@acme.example',
    'noreply-billing@acme.example',
    'mailer-daemon@googlemail.com',
    'MAILER-DAEMON@mx.acme.example',
    'postmaster@acme.example',
    'bounces+12345@acme.example',
    'team-request@lists.acme.example',
    'dev-bounces@acme.example',
    'reply+ABCDEF@reply.github.example',
    'jane@noreply.github.example',
    'someone@bounces.acme.example',
    'newsletter@acme.example',
    'alerts@bank.example',
    'not an address',
    '',
  ])('%s is a machine', (address) => {
    expect(isAutomatedAddress(address)).toBe(true);
  });

  it.each([
    'jane.doe@acme.example',
    'cora.hale@example.org',
    'noreen@acme.example',
    'replyall.fan@acme.example',
    'notified.person@acme.example',
    'info@small-bakery.example',
    'sales@acme.example',
    'jane@list.example',
    'jane@notifications.example',
  ])('%s is a person', (address) => {
    expect(isAutomatedAddress(address)).toBe(false);
  });
});

describe('otherPartyOf', () => {
  it('is the sender of the last message not from the rep', () => {
    const party = otherPartyOf(
      [
        message('cora.hale@example.org', ['rep@myco.example'], 'Cora Hale'),
        message('rep@myco.example', ['cora.hale@example.org']),
      ],
      OWN,
    );
    expect(party).toEqual({ email: 'cora.hale@example.org', name: 'Cora Hale' });
  });

  it('with several outside people, is the one who wrote last', () => {
    const party = otherPartyOf(
      [
        message('cora.hale@example.org', ['rep@myco.example'], 'Cora Hale'),
        message('sam.fields@example.org', ['rep@myco.example'], 'Sam Fields'),
        message('riley@myco.example', ['sam.fields@example.org']),
      ],
      OWN,
    );
    expect(party).toEqual({ email: 'sam.fields@example.org', name: 'Sam Fields' });
  });

  it('in a thread the rep started and nobody answered, is the first one the rep wrote to', () => {
    const party = otherPartyOf(
      [
        message('rep@myco.example', ['riley@myco.example', 'jane.doe@acme.example']),
        message('rep@myco.example', ['jane.doe@acme.example', 'bob@acme.example']),
      ],
      OWN,
    );
    expect(party).toEqual({ email: 'jane.doe@acme.example', name: 'jane.doe' });
  });

  it('skips no-reply and notification senders, for the person who wrote before them', () => {
    const party = otherPartyOf(
      [
        message('cora.hale@example.org', ['rep@myco.example'], 'Cora Hale'),
        message('notifications@calendar.example', ['rep@myco.example'], 'Calendar'),
      ],
      OWN,
    );
    expect(party?.email).toBe('cora.hale@example.org');
  });

  it('offers nobody in a thread of machines only', () => {
    expect(
      otherPartyOf(
        [
          message('no-reply@billing.example', ['rep@myco.example'], 'Billing'),
          message('mailer-daemon@googlemail.com', ['rep@myco.example']),
        ],
        OWN,
      ),
    ).toBeNull();
  });

  it("never takes a machine's recipients for the rep's contacts", () => {
    expect(
      otherPartyOf([message('noreply@acme.example', ['jane.doe@acme.example'])], OWN),
    ).toBeNull();
  });

  it('offers nobody when the rep wrote only to themselves or to machines', () => {
    expect(
      otherPartyOf(
        [message('rep@myco.example', ['riley@myco.example', 'noreply@acme.example'])],
        OWN,
      ),
    ).toBeNull();
    expect(otherPartyOf([], OWN)).toBeNull();
  });

  it('compares addresses in their normal form and keeps a shown name only when it is a name', () => {
    const party = otherPartyOf(
      [
        message(' Jane.Doe@ACME.example ', ['rep@myco.example'], '  "jane.doe@acme.example" '),
        message('REP@myco.example', ['jane.doe@acme.example']),
      ],
      OWN,
    );
    expect(party).toEqual({ email: 'jane.doe@acme.example', name: '' });
  });

  it('cuts a very long shown name and ignores unreadable senders', () => {
    const party = otherPartyOf(
      [message('jane@acme.example', [], 'J'.repeat(5_000)), message(null), message('garbage')],
      OWN,
    );
    expect(party?.email).toBe('jane@acme.example');
    expect(party?.name).toHaveLength(200);
  });
});
