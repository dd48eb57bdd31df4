import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DetectedSend } from '../model';
import { DEFAULT_SETTINGS } from '../settings';
import {
  countDue,
  countWaiting,
  findProspectByEmail,
  findProspectByLinkedInId,
  getSettings,
  listDue,
  outcomesOf,
  touchesOf,
} from './queries';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import {
  addProspect,
  deleteOutcome,
  deleteTouch,
  forgetOwnAddress,
  learnOwnAddresses,
  logManualTouch,
  logOutcome,
  markNotAProspect,
  markUndeliverable,
  recomputeProspect,
  recordSend,
  saveSettings,
  StoreError,
} from './writes';

// Local wall-clock instants, so expected days hold in any time zone. 2026-03-02 is a Monday.
const local = (y: number, m: number, d: number, h = 10, min = 0) =>
  new Date(y, m - 1, d, h, min).getTime();
const MONDAY = local(2026, 3, 2);
const clock = { now: MONDAY };
const MEMBER = 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';

let db: FifthTouchDb;
beforeEach(() => {
  db = createFifthTouchDb(`writes-${crypto.randomUUID()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

function emailSend(fields: Partial<DetectedSend> = {}): DetectedSend {
  return {
    channel: 'email',
    at: MONDAY,
    sendKey: 'msg-1',
    summary: 'Quick idea for\n  Acme’s onboarding',
    link: 'https://mail.google.com/mail/u/0/#sent/msg-1',
    threadId: 'thread-1',
    account: 'me@myco.com',
    confirmed: true,
    recipients: [{ email: 'Jane.Doe@Acme.com', name: 'Jane Doe', role: 'to' }],
    ...fields,
  };
}

async function counts() {
  return {
    prospects: await db.prospects.count(),
    touches: await db.touches.count(),
    outcomes: await db.outcomes.count(),
    settings: await db.settings.count(),
  };
}

async function janeAfterOneSend() {
  const result = await recordSend(db, emailSend(), clock);
  return result.touches[0]!.prospectId;
}

describe('recordSend', () => {
  it('creates a prospect with a touch and its next due day', async () => {
    const result = await recordSend(db, emailSend(), clock);

    expect(result.skipped).toBe(0);
    expect(result.touches).toHaveLength(1);
    expect(result.touches[0]!.duplicate).toBe(false);
    const { prospectId, touchId } = result.touches[0]!;

    const prospect = await db.prospects.get(prospectId);
    expect(prospect).toMatchObject({
      name: 'Jane Doe',
      company: 'Acme',
      emails: ['jane.doe@acme.com'],
      linkedinIds: [],
      status: 'active',
      createdAt: MONDAY,
      // Step 2 of the default cadence is day 2: Tuesday.
      nextDueDay: '2026-03-03',
      nextChannels: ['email', 'twitter'],
      nextStep: 2,
      totalSteps: 9,
      touchCount: 1,
      noCount: 0,
      lastTouchAt: MONDAY,
    });
    expect(prospect!.reason).toMatch(/Step 2 of 9/);

    expect(await db.touches.get(touchId)).toEqual({
      id: touchId,
      prospectId,
      channel: 'email',
      direction: 'out',
      at: MONDAY,
      day: '2026-03-02',
      summary: 'Quick idea for Acme’s onboarding',
      link: 'https://mail.google.com/mail/u/0/#sent/msg-1',
      threadId: 'thread-1',
      account: 'me@myco.com',
      source: 'detected',
      confirmed: true,
      dedupeKey: `email:msg-1:${prospectId}`,
    });
    expect((await listDue(db, { through: '2026-03-03' })).map((p) => p.id)).toEqual([prospectId]);
    expect(await countDue(db, '2026-03-02')).toBe(0);
  });

  it('stores the same send once, and a later network confirmation upgrades it', async () => {
    const seenByPage = await recordSend(db, emailSend({ confirmed: false }), clock);
    const confirmed = await recordSend(db, emailSend({ confirmed: true }), clock);
    const again = await recordSend(db, emailSend(), clock);

    expect(await db.touches.count()).toBe(1);
    expect(await db.prospects.count()).toBe(1);
    expect(confirmed.touches).toEqual([{ ...seenByPage.touches[0], duplicate: true }]);
    expect(again.touches[0]!.duplicate).toBe(true);
    expect((await db.touches.get(seenByPage.touches[0]!.touchId))!.confirmed).toBe(true);
    expect((await db.prospects.get(seenByPage.touches[0]!.prospectId))!.touchCount).toBe(1);
  });

  it('a second send to a known prospect is a new touch on the same prospect', async () => {
    const prospectId = await janeAfterOneSend();
    const tuesday = local(2026, 3, 3, 15);
    const second = await recordSend(
      db,
      emailSend({ sendKey: 'msg-2', at: tuesday, recipients: [{ email: 'jane.doe@acme.com' }] }),
      { now: tuesday },
    );
    expect(second.touches[0]).toMatchObject({ prospectId, duplicate: false });
    expect((await touchesOf(db, prospectId)).map((t) => t.day)).toEqual([
      '2026-03-02',
      '2026-03-03',
    ]);
    expect(await db.prospects.get(prospectId)).toMatchObject({
      touchCount: 2,
      nextStep: 3,
      nextDueDay: '2026-03-04',
      nextChannels: ['twitter'],
      lastTouchAt: tuesday,
    });
  });

  it('skips own, plus-addressed, own-domain, ignored and Bcc recipients, and Cc unless tracked', async () => {
    await saveSettings(
      db,
      {
        ownAddresses: ['me@myco.com'],
        ownDomains: ['myco.com'],
        ignoreList: ['@noreply.vendor.io', 'boss@partner.com'],
      },
      clock,
    );
    const send = emailSend({
      recipients: [
        { email: 'jane@acme.com', role: 'to' },
        { email: 'me@myco.com', role: 'to' },
        { email: 'Me+CRM@myco.com', role: 'cc' },
        { email: 'colleague@myco.com', role: 'to' },
        { email: 'alerts@noreply.vendor.io', role: 'to' },
        { email: 'boss@partner.com', role: 'to' },
        { email: 'secret@acme.com', role: 'bcc' },
        { email: 'cfo@acme.com', role: 'cc' },
      ],
    });

    const result = await recordSend(db, send, clock);
    expect(result.skipped).toBe(7);
    expect(result.touches).toHaveLength(1);
    expect((await db.prospects.toArray()).flatMap((p) => p.emails)).toEqual(['jane@acme.com']);

    await saveSettings(db, { trackCc: true }, clock);
    const withCc = await recordSend(db, { ...send, sendKey: 'msg-2' }, clock);
    expect(withCc.skipped).toBe(6);
    expect((await db.prospects.toArray()).flatMap((p) => p.emails).sort()).toEqual([
      'cfo@acme.com',
      'jane@acme.com',
    ]);
    // Bcc stays untracked whatever the settings say.
    expect(await findProspectByEmail(db, 'secret@acme.com')).toBeUndefined();
  });

  it('a send to several recipients gives each their own prospect and touch, in one go', async () => {
    const result = await recordSend(
      db,
      emailSend({
        recipients: [
          { email: 'jane@acme.com', name: 'Jane Doe' },
          { email: 'omar.haddad@globex.com' },
          { email: 'li.wei@gmail.com', role: 'to', name: 'li.wei@gmail.com' },
          { linkedinId: 'https://www.linkedin.com/in/ana-souza-8b1a2c/' },
        ],
      }),
      clock,
    );
    expect(result.touches).toHaveLength(4);
    const prospects = await Promise.all(result.touches.map((t) => db.prospects.get(t.prospectId)));
    expect(prospects.map((p) => [p!.name, p!.company])).toEqual([
      ['Jane Doe', 'Acme'],
      ['Omar Haddad', 'Globex'],
      // A public mail domain says nothing about the company; a name that is only the address is no name.
      ['Li Wei', ''],
      ['Ana Souza', ''],
    ]);
    const keys = (await db.touches.toArray()).map((t) => t.dedupeKey).sort();
    expect(keys).toEqual(result.touches.map((t) => `email:msg-1:${t.prospectId}`).sort());
    expect(await countDue(db, '2026-03-03')).toBe(4);
  });

  it('the same person twice in one send is one touch', async () => {
    const result = await recordSend(
      db,
      emailSend({
        recipients: [{ email: 'jane@acme.com' }, { email: 'JANE@acme.com', role: 'cc' }],
      }),
      { now: MONDAY },
    );
    await saveSettings(db, { trackCc: true }, clock);
    const withCc = await recordSend(
      db,
      emailSend({
        sendKey: 'msg-2',
        recipients: [{ email: 'jane@acme.com' }, { email: 'JANE@acme.com', role: 'cc' }],
      }),
      clock,
    );
    expect(result.touches).toHaveLength(1);
    expect(withCc.touches.map((t) => t.duplicate)).toEqual([false, true]);
    expect(await db.touches.count()).toBe(2);
  });

  it('a scheduled send is a touch at the time it goes out', async () => {
    const thursday = local(2026, 3, 5, 8);
    const result = await recordSend(db, emailSend({ scheduledFor: thursday }), clock);
    const touch = await db.touches.get(result.touches[0]!.touchId);
    expect(touch).toMatchObject({ at: thursday, day: '2026-03-05' });
    expect(await db.prospects.get(result.touches[0]!.prospectId)).toMatchObject({
      lastTouchAt: thursday,
      nextDueDay: '2026-03-06',
    });
  });

  it('links a LinkedIn id to the prospect found by email, and finds them by it afterwards', async () => {
    const prospectId = await janeAfterOneSend();
    const tuesday = local(2026, 3, 3, 9);
    const invitation = await recordSend(
      db,
      {
        channel: 'linkedin',
        at: tuesday,
        sendKey: 'invite-1',
        summary: 'Invitation with a note',
        link: 'https://www.linkedin.com/in/jane-doe/',
        confirmed: true,
        recipients: [
          {
            email: 'jane.doe@acme.com',
            linkedinId: 'https://de.linkedin.com/in/Jane-Doe/de/?locale=de_DE',
          },
        ],
      },
      { now: tuesday },
    );
    expect(invitation.touches[0]).toMatchObject({ prospectId, duplicate: false });
    expect((await db.prospects.get(prospectId))!.linkedinIds).toEqual(['jane-doe']);

    const message = await recordSend(
      db,
      {
        channel: 'linkedin',
        at: tuesday + 60_000,
        sendKey: 'thread-9:msg-3',
        summary: 'Thanks for connecting',
        confirmed: true,
        recipients: [{ linkedinId: 'jane-doe', name: 'Jane D.' }],
      },
      { now: tuesday },
    );
    expect(message.touches[0]!.prospectId).toBe(prospectId);
    expect(await db.prospects.count()).toBe(1);
    expect((await findProspectByLinkedInId(db, '/in/jane-doe'))!.name).toBe('Jane Doe');
  });

  it('a member id seen beside a vanity id links both, so later sends by either land on one prospect', async () => {
    const invite = await recordSend(
      db,
      {
        channel: 'linkedin',
        at: MONDAY,
        sendKey: 'invite:1',
        summary: 'Invitation',
        confirmed: true,
        recipients: [
          { linkedinId: 'omar-haddad', otherLinkedinIds: [MEMBER], name: 'Omar Haddad' },
        ],
      },
      clock,
    );
    const prospectId = invite.touches[0]!.prospectId;
    expect((await db.prospects.get(prospectId))!.linkedinIds).toEqual(['omar-haddad', MEMBER]);
    const message = await recordSend(
      db,
      {
        channel: 'linkedin',
        at: MONDAY + 60_000,
        sendKey: 'thread-2:msg-1',
        summary: 'Hello',
        confirmed: true,
        recipients: [{ linkedinId: `urn:li:fsd_profile:${MEMBER}` }],
      },
      clock,
    );
    expect(message.touches[0]!.prospectId).toBe(prospectId);
    expect(await db.prospects.count()).toBe(1);
  });

  it('links an email to the prospect found by LinkedIn id', async () => {
    const first = await recordSend(
      db,
      {
        channel: 'linkedin',
        at: MONDAY,
        sendKey: 'thread-1:msg-1',
        summary: 'Hello',
        confirmed: true,
        recipients: [{ linkedinId: `urn:li:fsd_profile:${MEMBER}`, name: 'Omar Haddad' }],
      },
      clock,
    );
    const prospectId = first.touches[0]!.prospectId;
    expect(await db.prospects.get(prospectId)).toMatchObject({
      name: 'Omar Haddad',
      company: '',
      linkedinIds: [MEMBER],
      emails: [],
    });

    await recordSend(
      db,
      emailSend({ recipients: [{ email: 'omar@globex.com', linkedinId: MEMBER }] }),
      clock,
    );
    expect(await db.prospects.count()).toBe(1);
    expect((await findProspectByEmail(db, 'omar@globex.com'))!.id).toBe(prospectId);
  });

  it('never moves an identity that belongs to another prospect', async () => {
    const jane = await janeAfterOneSend();
    const omar = (
      await recordSend(
        db,
        emailSend({ sendKey: 'm2', recipients: [{ linkedinId: 'omar-h' }] }),
        clock,
      )
    ).touches[0]!.prospectId;
    await recordSend(
      db,
      emailSend({
        sendKey: 'm3',
        recipients: [{ email: 'jane.doe@acme.com', linkedinId: 'omar-h' }],
      }),
      clock,
    );
    expect((await db.prospects.get(jane))!.linkedinIds).toEqual([]);
    expect((await db.prospects.get(omar))!.emails).toEqual([]);
  });

  it('invalid input throws a clear error and writes nothing', async () => {
    await expect(recordSend(db, emailSend({ recipients: [] }), clock)).rejects.toThrow(
      /Invalid send: recipients/,
    );
    await expect(
      recordSend(db, emailSend({ recipients: [{ email: 'not-an-address' }] }), clock),
    ).rejects.toThrow(StoreError);
    await expect(
      recordSend(db, { ...emailSend(), sendKey: '' } as DetectedSend, clock),
    ).rejects.toThrow(/sendKey/);
    expect(await counts()).toEqual({ prospects: 0, touches: 0, outcomes: 0, settings: 0 });
  });

  it('the plan a send stores is the one a full recompute from the store gives', async () => {
    // A history around the new touch: sends before and after it in time (one at the same
    // instant), a "no", then a send from the past arriving last.
    const first = await recordSend(
      db,
      emailSend({ sendKey: 'a', at: MONDAY - 9 * 86_400_000 }),
      clock,
    );
    const prospectId = first.touches[0]!.prospectId;
    await recordSend(db, emailSend({ sendKey: 'b', at: MONDAY - 2 * 86_400_000 }), clock);
    await logOutcome(db, { prospectId, kind: 'no', at: MONDAY - 86_400_000 }, clock);
    await recordSend(db, emailSend({ sendKey: 'c', at: MONDAY - 2 * 86_400_000 }), clock);
    await recordSend(db, emailSend({ sendKey: 'd', at: MONDAY - 5 * 86_400_000 }), clock);
    expect(await touchesOf(db, prospectId)).toHaveLength(4);
    const stored = await db.prospects.get(prospectId);
    expect(await recomputeProspect(db, prospectId, '2026-03-02')).toEqual(stored);
  });

  it('a failure halfway through a send rolls back every recipient', async () => {
    const add = db.touches.add.bind(db.touches);
    let calls = 0;
    vi.spyOn(db.touches, 'add').mockImplementation((touch) => {
      calls += 1;
      if (calls === 2) throw new Error('disk full');
      return add(touch);
    });
    const send = emailSend({
      recipients: [{ email: 'jane@acme.com' }, { email: 'omar@globex.com' }],
    });
    await expect(recordSend(db, send, clock)).rejects.toThrow('disk full');
    expect(calls).toBe(2);
    expect(await counts()).toEqual({ prospects: 0, touches: 0, outcomes: 0, settings: 0 });
  });
});

describe('logOutcome', () => {
  it('a reply pauses the cadence: nothing due, out of the due list; undo brings it back', async () => {
    const prospectId = await janeAfterOneSend();
    expect(await countDue(db, '2026-03-03')).toBe(1);

    const { outcomeId } = await logOutcome(
      db,
      { prospectId, kind: 'reply', note: 'Call me next week' },
      { now: local(2026, 3, 2, 16) },
    );
    const replied = await db.prospects.get(prospectId);
    expect(replied!.status).toBe('replied');
    expect(replied).not.toHaveProperty('nextDueDay');
    expect(replied!.nextChannels).toEqual([]);
    expect(await listDue(db, { through: '2099-12-31' })).toEqual([]);
    expect(await outcomesOf(db, prospectId)).toEqual([
      {
        id: outcomeId,
        prospectId,
        kind: 'reply',
        at: local(2026, 3, 2, 16),
        day: '2026-03-02',
        note: 'Call me next week',
      },
    ]);

    await deleteOutcome(db, outcomeId, clock);
    expect(await db.prospects.get(prospectId)).toMatchObject({
      status: 'active',
      nextDueDay: '2026-03-03',
    });
    expect(await db.outcomes.count()).toBe(0);
  });

  it('a "no" keeps the cadence but pushes the next touch a week out', async () => {
    const prospectId = await janeAfterOneSend();
    await logOutcome(db, { prospectId, kind: 'no', at: MONDAY + 3_600_000 }, clock);
    expect(await db.prospects.get(prospectId)).toMatchObject({
      status: 'active',
      noCount: 1,
      nextDueDay: '2026-03-09',
    });
  });

  it('a snooze moves the due day to its until day', async () => {
    const prospectId = await janeAfterOneSend();
    await logOutcome(db, { prospectId, kind: 'snooze', until: '2026-03-20' }, clock);
    expect((await db.prospects.get(prospectId))!.nextDueDay).toBe('2026-03-20');
    expect((await outcomesOf(db, prospectId))[0]).toMatchObject({
      kind: 'snooze',
      until: '2026-03-20',
    });
    expect(await listDue(db, { through: '2026-03-19' })).toEqual([]);
  });

  it('a win ends the cadence as won', async () => {
    const prospectId = await janeAfterOneSend();
    await logOutcome(db, { prospectId, kind: 'won' }, clock);
    expect((await db.prospects.get(prospectId))!.status).toBe('won');
  });

  it('refuses bad outcomes before writing anything', async () => {
    const prospectId = await janeAfterOneSend();
    const before = await db.prospects.get(prospectId);

    await expect(logOutcome(db, { prospectId, kind: 'snooze' }, clock)).rejects.toThrow(
      'A snooze needs an until day',
    );
    await expect(
      logOutcome(db, { prospectId, kind: 'snooze', until: '2026-02-30' }, clock),
    ).rejects.toThrow(/Not a calendar day/);
    await expect(
      logOutcome(db, { prospectId, kind: 'snooze', until: '2026-03-02' }, clock),
    ).rejects.toThrow(/must end after/);
    await expect(logOutcome(db, { prospectId: 'nobody', kind: 'reply' }, clock)).rejects.toThrow(
      'Unknown prospect nobody',
    );
    await expect(
      logOutcome(
        db,
        { prospectId, kind: 'maybe' } as unknown as Parameters<typeof logOutcome>[1],
        clock,
      ),
    ).rejects.toThrow(/Invalid outcome: kind/);

    expect(await db.outcomes.count()).toBe(0);
    expect(await db.prospects.get(prospectId)).toEqual(before);
  });
});

describe('logManualTouch', () => {
  it('a logged call is a touch that moves the cadence on', async () => {
    const prospectId = await janeAfterOneSend();
    const tuesday = local(2026, 3, 3, 11);
    const { touchId } = await logManualTouch(
      db,
      {
        prospectId,
        channel: 'call',
        at: tuesday,
        summary: 'Left a voicemail',
        angleId: 'insight',
        note: 'Call back after the board meeting',
      },
      { now: tuesday },
    );
    const touch = await db.touches.get(touchId);
    expect(touch!.note).toBe('Call back after the board meeting');
    expect(touch).toMatchObject({
      channel: 'call',
      direction: 'out',
      at: tuesday,
      day: '2026-03-03',
      source: 'manual',
      confirmed: true,
      summary: 'Left a voicemail',
      angleId: 'insight',
    });
    expect(touch!.dedupeKey).toMatch(/^manual:[0-9a-f-]{36}$/);
    expect(await db.prospects.get(prospectId)).toMatchObject({
      touchCount: 2,
      nextDueDay: '2026-03-04',
      lastAngleId: 'insight',
      lastTouchAt: tuesday,
    });

    // Two identical manual touches are two touches: only detected sends dedupe.
    await logManualTouch(
      db,
      { prospectId, channel: 'call', at: tuesday, summary: 'Left a voicemail' },
      { now: tuesday },
    );
    expect(await db.touches.count()).toBe(3);
  });

  it('refuses unknown prospects and bad input, writing nothing', async () => {
    const prospectId = await janeAfterOneSend();
    await expect(
      logManualTouch(db, { prospectId: 'ghost', channel: 'call', at: MONDAY, summary: '' }, clock),
    ).rejects.toThrow('Unknown prospect ghost');
    await expect(
      logManualTouch(
        db,
        { prospectId, channel: 'fax', at: MONDAY, summary: '' } as unknown as Parameters<
          typeof logManualTouch
        >[1],
        clock,
      ),
    ).rejects.toThrow(/Invalid manual touch: channel/);
    await expect(
      logManualTouch(db, { prospectId, channel: 'call', at: -5, summary: '' }, clock),
    ).rejects.toThrow(/Invalid manual touch: at/);
    expect(await db.touches.count()).toBe(1);
  });
});

describe('addProspect', () => {
  it('adds a prospect by hand, due today for the first touch', async () => {
    const { prospectId } = await addProspect(
      db,
      {
        emails: ['Omar.Haddad@Globex.com'],
        linkedinIds: ['https://www.linkedin.com/in/omar-haddad/'],
        tags: ['conf', 'conf'],
      },
      clock,
    );
    expect(await db.prospects.get(prospectId)).toMatchObject({
      name: 'Omar Haddad',
      company: 'Globex',
      emails: ['omar.haddad@globex.com'],
      linkedinIds: ['omar-haddad'],
      tags: ['conf'],
      status: 'active',
      nextDueDay: '2026-03-02',
      nextStep: 1,
      nextChannels: ['call', 'email'],
      touchCount: 0,
    });
  });

  it('added on a Saturday, due on Monday: the badge counts leave them out all weekend', async () => {
    const saturday = local(2026, 3, 7, 12);
    const { prospectId } = await addProspect(
      db,
      { emails: ['sam@weekend.example'] },
      { now: saturday },
    );
    expect(await db.prospects.get(prospectId)).toMatchObject({ nextDueDay: '2026-03-09' });
    for (const [day, waiting] of [
      ['2026-03-07', { due: 0, overdue: 0 }],
      ['2026-03-08', { due: 0, overdue: 0 }],
      ['2026-03-09', { due: 1, overdue: 0 }],
      ['2026-03-10', { due: 1, overdue: 1 }],
    ] as const) {
      expect(await countWaiting(db, day)).toEqual(waiting);
    }
  });

  it('added on a Sunday just before midnight, due on Monday; with weekends kept, due that Sunday', async () => {
    const lateSunday = local(2026, 3, 8, 23, 59);
    const first = await addProspect(db, { emails: ['sun@weekend.example'] }, { now: lateSunday });
    expect(await db.prospects.get(first.prospectId)).toMatchObject({ nextDueDay: '2026-03-09' });
    await saveSettings(db, { skipWeekends: false }, { now: lateSunday });
    const second = await addProspect(db, { emails: ['sun2@weekend.example'] }, { now: lateSunday });
    expect(await db.prospects.get(second.prospectId)).toMatchObject({ nextDueDay: '2026-03-08' });
  });

  it('refuses a duplicate identity, garbage, own addresses and nothing at all', async () => {
    const jane = await janeAfterOneSend();
    await saveSettings(db, { ownAddresses: ['me@myco.com'] }, clock);
    const before = await counts();

    await expect(addProspect(db, { emails: ['JANE.DOE@acme.com'] }, clock)).rejects.toThrow(
      `jane.doe@acme.com already belongs to Jane Doe (${jane})`,
    );
    await expect(addProspect(db, { emails: ['jane at acme'] }, clock)).rejects.toThrow(
      'Not an email address: "jane at acme"',
    );
    await expect(
      addProspect(db, { linkedinIds: ['https://www.linkedin.com/company/acme'] }, clock),
    ).rejects.toThrow(/Not a LinkedIn profile/);
    await expect(addProspect(db, { emails: ['me+x@myco.com'] }, clock)).rejects.toThrow(
      /own or ignored/,
    );
    await expect(addProspect(db, { name: 'Nobody' }, clock)).rejects.toThrow(
      'A prospect needs an email address or a LinkedIn id',
    );
    expect(await counts()).toEqual(before);
  });
});

describe('markNotAProspect', () => {
  it('removes the touches, ignores the address from then on, and keeps them out of the due list', async () => {
    const prospectId = await janeAfterOneSend();
    await recordSend(
      db,
      emailSend({
        sendKey: 'msg-2',
        recipients: [{ email: 'jane.doe@acme.com', linkedinId: MEMBER }],
      }),
      clock,
    );
    await recordSend(
      db,
      emailSend({ sendKey: 'other', recipients: [{ email: 'omar@globex.com' }] }),
      clock,
    );
    expect(await db.touches.count()).toBe(3);

    const { deletedTouches } = await markNotAProspect(db, prospectId, clock);
    expect(deletedTouches).toBe(2);
    expect(await touchesOf(db, prospectId)).toEqual([]);
    expect(await db.touches.count()).toBe(1);
    const marked = await db.prospects.get(prospectId);
    expect(marked).toMatchObject({ status: 'not-prospect', touchCount: 0 });
    expect(marked).not.toHaveProperty('nextDueDay');
    expect((await getSettings(db)).ignoreList).toEqual(['jane.doe@acme.com']);
    expect((await listDue(db, { through: '2099-01-01' })).map((p) => p.emails[0])).toEqual([
      'omar@globex.com',
    ]);

    // A later email is skipped by the ignore list, a LinkedIn message by the status.
    const laterEmail = await recordSend(db, emailSend({ sendKey: 'msg-3' }), clock);
    const laterLinkedIn = await recordSend(
      db,
      {
        ...emailSend({ sendKey: 'li-1', recipients: [{ linkedinId: MEMBER }] }),
        channel: 'linkedin',
      },
      clock,
    );
    expect([laterEmail.skipped, laterLinkedIn.skipped]).toEqual([1, 1]);
    expect(await touchesOf(db, prospectId)).toEqual([]);
    await expect(logOutcome(db, { prospectId, kind: 'reply' }, clock)).rejects.toThrow(
      /marked not a prospect/,
    );
  });

  it('throws for an unknown prospect', async () => {
    await expect(markNotAProspect(db, 'ghost', clock)).rejects.toThrow('Unknown prospect ghost');
  });
});

describe('saveSettings', () => {
  it('saves a validated, normalised change and keeps the rest', async () => {
    const saved = await saveSettings(
      db,
      {
        ownAddresses: [' Me@MyCo.com', 'me@myco.com'],
        ownDomains: ['@MyCo.com'],
        ignoreList: ['@Vendor.com', 'Boss@Partner.com'],
        notifyAt: '08:30',
      },
      clock,
    );
    expect(saved).toEqual({
      ...DEFAULT_SETTINGS,
      ownAddresses: ['me@myco.com'],
      ownDomains: ['myco.com'],
      ignoreList: ['vendor.com', 'boss@partner.com'],
      notifyAt: '08:30',
    });
    expect(await getSettings(db)).toEqual(saved);
  });

  it('rejects invalid settings with a clear message and changes nothing', async () => {
    await saveSettings(db, { trackCc: true }, clock);
    const before = await getSettings(db);
    const bad: [Parameters<typeof saveSettings>[1], RegExp][] = [
      [
        {
          cadence: [
            { day: 3, channels: ['email'] },
            { day: 2, channels: ['call'] },
          ],
        },
        /cadence days must increase/,
      ],
      [{ cadence: [] }, /at least one step/],
      [{ cadence: [{ day: 1, channels: [] }] }, /at least one channel/],
      [{ ownDomains: ['gmail.com'] }, /public mail domain/],
      [{ ownAddresses: ['me at myco'] }, /an email address/],
      [{ notifyAt: '25:00' }, /HH:mm/],
      [{ nosThreshold: 0 }, /nosThreshold/],
      [{ nosThreshhold: 3 } as unknown as Parameters<typeof saveSettings>[1], /nosThreshhold/],
    ];
    for (const [patch, message] of bad) {
      await expect(saveSettings(db, patch, clock)).rejects.toThrow(message);
    }
    expect(await getSettings(db)).toEqual(before);
  });

  it('a cadence change recomputes every prospect', async () => {
    const prospectId = await janeAfterOneSend();
    expect((await db.prospects.get(prospectId))!.nextDueDay).toBe('2026-03-03');
    await saveSettings(
      db,
      {
        cadence: [
          { day: 1, channels: ['email'] },
          { day: 4, channels: ['linkedin'] },
        ],
      },
      clock,
    );
    expect(await db.prospects.get(prospectId)).toMatchObject({
      nextDueDay: '2026-03-05',
      nextChannels: ['linkedin'],
      totalSteps: 2,
    });
  });
});

describe('learnOwnAddresses', () => {
  it('a send from me@myco.com makes the address own; a later send to me+crm@myco.com is skipped', async () => {
    const learned = await learnOwnAddresses(db, { emails: ['Me <ME@MyCo.com>'] }, clock);
    expect(learned).toEqual({ addedAddresses: ['me@myco.com'], addedDomains: ['myco.com'] });
    const settings = await getSettings(db);
    expect(settings.ownAddresses).toEqual(['me@myco.com']);
    expect(settings.ownDomains).toEqual(['myco.com']);

    const result = await recordSend(
      db,
      emailSend({ recipients: [{ email: 'me+crm@myco.com', role: 'to' }] }),
      clock,
    );
    expect(result).toEqual({ touches: [], skipped: 1 });
    expect(await counts()).toMatchObject({ prospects: 0, touches: 0 });
  });

  it('is idempotent: learning the same addresses again changes nothing', async () => {
    await learnOwnAddresses(db, { emails: ['me@myco.com', 'me@myco.com'] }, clock);
    const before = await getSettings(db);
    const again = await learnOwnAddresses(db, { emails: ['me@myco.com', 'ME@myco.com'] }, clock);
    expect(again).toEqual({ addedAddresses: [], addedDomains: [] });
    expect(await getSettings(db)).toEqual(before);
  });

  it('never adds a public mail domain as a company domain, but keeps the address', async () => {
    const learned = await learnOwnAddresses(
      db,
      { emails: ['rep.one@gmail.com', 'rep@yahoo.co.uk'] },
      clock,
    );
    expect(learned.addedDomains).toEqual([]);
    const settings = await getSettings(db);
    expect(settings.ownAddresses).toEqual(['rep.one@gmail.com', 'rep@yahoo.co.uk']);
    expect(settings.ownDomains).toEqual([]);
    // Other people at gmail.com stay prospects; the user's own dotted variant does not.
    const result = await recordSend(
      db,
      emailSend({
        recipients: [
          { email: 'jane@gmail.com', role: 'to' },
          { email: 'repone@gmail.com', role: 'to' },
        ],
      }),
      clock,
    );
    expect(result.skipped).toBe(1);
    expect(result.touches).toHaveLength(1);
  });

  it('keeps what the user had and does not add a domain they already cover', async () => {
    await saveSettings(
      db,
      { ownAddresses: ['boss@myco.com'], ownDomains: ['myco.com'], trackCc: true },
      clock,
    );
    const learned = await learnOwnAddresses(db, { emails: ['me@eu.myco.com'] }, clock);
    expect(learned).toEqual({ addedAddresses: ['me@eu.myco.com'], addedDomains: [] });
    const settings = await getSettings(db);
    expect(settings.ownAddresses).toEqual(['boss@myco.com', 'me@eu.myco.com']);
    expect(settings.ownDomains).toEqual(['myco.com']);
    expect(settings.trackCc).toBe(true);
  });

  it('refuses garbage and too many addresses with a clear error, writing nothing', async () => {
    await expect(learnOwnAddresses(db, { emails: ['not an address'] }, clock)).rejects.toThrow(
      /Invalid own addresses: emails\.0: an email address/,
    );
    await expect(learnOwnAddresses(db, { emails: [] }, clock)).rejects.toThrow(StoreError);
    const many = Array.from({ length: 21 }, (_, i) => `me${i}@myco.com`);
    await expect(learnOwnAddresses(db, { emails: many }, clock)).rejects.toThrow(StoreError);
    expect(await getSettings(db)).toEqual(DEFAULT_SETTINGS);
  });

  it('past the settings limit of 100 own addresses it refuses as saveSettings would', async () => {
    const full = Array.from({ length: 100 }, (_, i) => `me${i}@myco.com`);
    await saveSettings(db, { ownAddresses: full }, clock);
    await expect(learnOwnAddresses(db, { emails: ['one.more@other.com'] }, clock)).rejects.toThrow(
      /Invalid settings: ownAddresses/,
    );
    expect((await getSettings(db)).ownAddresses).toEqual(full);
  });
});

describe('forgetOwnAddress', () => {
  it('removes the address and the domains it taught, keeping everything else', async () => {
    await saveSettings(
      db,
      {
        ownAddresses: ['Dana@Acme.example', 'dana@home.example'],
        ownDomains: ['acme.example', 'myco.example'],
        notifyAt: '07:45',
      },
      clock,
    );
    const first = await forgetOwnAddress(
      db,
      { email: 'dana@acme.example', domains: ['acme.example'] },
      clock,
    );
    expect(first).toEqual({ changed: true });
    const settings = await getSettings(db);
    expect(settings.ownAddresses).toEqual(['dana@home.example']);
    expect(settings.ownDomains).toEqual(['myco.example']);
    expect(settings.notifyAt).toBe('07:45');
    const again = await forgetOwnAddress(
      db,
      { email: 'dana@acme.example', domains: ['acme.example'] },
      clock,
    );
    expect(again).toEqual({ changed: false });
  });
});

describe('markUndeliverable', () => {
  it('flags the address on the prospect who holds it, once, and never marks a reply', async () => {
    const prospectId = await janeAfterOneSend();
    const before = (await db.prospects.get(prospectId))!;
    expect(before.undeliverable).toBeUndefined();

    expect(await markUndeliverable(db, { email: 'JANE.DOE@acme.com' }, clock)).toEqual({
      prospectId,
      added: true,
    });
    expect(await markUndeliverable(db, { email: 'jane.doe@acme.com' }, clock)).toEqual({
      prospectId,
      added: false,
    });
    const after = (await db.prospects.get(prospectId))!;
    expect(after.undeliverable).toEqual(['jane.doe@acme.com']);
    expect(after.status).toBe('active');
    expect(after.nextDueDay).toBe(before.nextDueDay);
    expect(await outcomesOf(db, prospectId)).toEqual([]);
  });

  it('an address nobody holds, or garbage, is refused with a clear error', async () => {
    await janeAfterOneSend();
    await expect(markUndeliverable(db, { email: 'who@nowhere.com' }, clock)).rejects.toThrow(
      'No prospect has the address who@nowhere.com',
    );
    await expect(markUndeliverable(db, { email: 'nope' }, clock)).rejects.toThrow(StoreError);
  });
});

describe('undo and recompute', () => {
  it('deleting the only touch puts the prospect back at step 1', async () => {
    const prospectId = await janeAfterOneSend();
    const [touch] = await touchesOf(db, prospectId);
    await deleteTouch(db, touch!.id, { now: local(2026, 3, 4) });
    const prospect = await db.prospects.get(prospectId);
    expect(prospect).toMatchObject({ touchCount: 0, nextStep: 1, nextDueDay: '2026-03-04' });
    expect(prospect).not.toHaveProperty('lastTouchAt');
  });

  it('undo of something unknown says so', async () => {
    await expect(deleteTouch(db, 'nope', clock)).rejects.toThrow('Unknown touch nope');
    await expect(deleteOutcome(db, 'nope', clock)).rejects.toThrow('Unknown outcome nope');
  });

  it('recomputeProspect repairs a stale due day from the history', async () => {
    const prospectId = await janeAfterOneSend();
    await db.prospects.update(prospectId, { nextDueDay: '2020-01-01', touchCount: 99 });
    const fixed = await recomputeProspect(db, prospectId, '2026-03-02');
    expect(fixed).toMatchObject({ nextDueDay: '2026-03-03', touchCount: 1 });
    expect(await db.prospects.get(prospectId)).toEqual(fixed);
    await expect(recomputeProspect(db, 'ghost', '2026-03-02')).rejects.toThrow(
      'Unknown prospect ghost',
    );
  });
});
