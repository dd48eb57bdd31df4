import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BUILT_IN_ANGLES } from '../angles/library';
import type { Prospect } from '../model';
import { DEFAULT_SETTINGS } from '../settings';
import { BADGE_DUE_COLOR, BADGE_OVERDUE_COLOR, badgeFor } from './badge';
import { followUpLink } from './links';
import { notifiedKey, pruneNotified, readNotified, recordNotified } from './notified';
import {
  MESSAGE_MAX,
  TITLE_MAX,
  digestText,
  notificationId,
  parseNotificationId,
  pickForNotification,
  planNotifications,
  prospectText,
} from './notifications';
import { prospectRow } from '../../tests/helpers/prospect-row';

const TODAY = '2026-03-04';

const prospect = (id: string, fields: Partial<Prospect> = {}): Prospect =>
  prospectRow(id, { nextDueDay: TODAY, ...fields });

describe('the badge', () => {
  it('is empty when nothing is due', () => {
    expect(badgeFor({ due: 0, overdue: 0 }).text).toBe('');
  });

  it('counts due today and overdue, blue when none is late, red when any is', () => {
    expect(badgeFor({ due: 3, overdue: 0 })).toMatchObject({ text: '3', color: BADGE_DUE_COLOR });
    expect(badgeFor({ due: 3, overdue: 1 })).toMatchObject({
      text: '3',
      color: BADGE_OVERDUE_COLOR,
      title: 'Fifth Touch: 3 follow-ups due, 1 overdue',
    });
    expect(badgeFor({ due: 1, overdue: 0 }).title).toBe('Fifth Touch: 1 follow-up due');
  });

  it('fits four characters however many are due', () => {
    expect(badgeFor({ due: 12_345, overdue: 2 }).text).toBe('999+');
  });
});

describe('the digest', () => {
  it('says how many are due today, how many of them are overdue, and who, most urgent first', () => {
    const due = [
      prospect('a', { name: 'Ann' }),
      prospect('b', { name: 'Bo', nextDueDay: '2026-03-02' }),
      prospect('c', { name: 'Cy', nextDueDay: '2026-03-03' }),
      prospect('d', { name: 'Di' }),
    ];
    expect(digestText(due, TODAY)).toEqual({
      title: '4 follow-ups due today',
      message: '2 overdue · Bo, Cy, Ann and 1 more',
    });
  });

  it('is nothing when nothing is due, and leaves out replied or future prospects', () => {
    expect(digestText([], TODAY)).toBeUndefined();
    expect(
      digestText(
        [prospect('a', { status: 'replied' }), prospect('b', { nextDueDay: '2026-03-05' })],
        TODAY,
      ),
    ).toBeUndefined();
    expect(digestText([prospect('a', { name: 'Ann' })], TODAY)).toEqual({
      title: '1 follow-up due today',
      message: 'Ann',
    });
  });
});

describe('per-prospect notifications', () => {
  it('go to the most urgent few, up to the cap for the whole day', () => {
    const due = [
      prospect('today', { lastTouchAt: 1000 }),
      prospect('late', { nextDueDay: '2026-02-20' }),
      prospect('later', { nextDueDay: '2026-03-01' }),
      prospect('touched-long-ago', { lastTouchAt: 1 }),
    ];
    expect(pickForNotification(due, TODAY, 3, new Set()).map((p) => p.id)).toEqual([
      'late',
      'later',
      'touched-long-ago',
    ]);
    // Two were notified earlier today: one more fits under a cap of 3.
    const notified = new Set(['prospect:late', 'prospect:later']);
    expect(pickForNotification(due, TODAY, 3, notified).map((p) => p.id)).toEqual([
      'touched-long-ago',
    ]);
    expect(pickForNotification(due, TODAY, 0, new Set())).toEqual([]);
  });

  it('carry the suggested angle in one line and plain, cut text', () => {
    const long = prospect('x', {
      name: `Jane\u202E\n${'Doe'.repeat(60)}`,
      company: 'Globex',
      nextDueDay: '2026-03-01',
      nextChannels: ['email', 'call'],
      nextStep: 4,
    });
    const text = prospectText(long, TODAY, DEFAULT_SETTINGS);
    expect(text.title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(text.title).toMatch(/^Jane DoeDoe.*… — 3 days overdue$/);
    expect(text.title).not.toMatch(/[\n\u202E]/);
    expect(text.message.length).toBeLessThanOrEqual(MESSAGE_MAX);
    expect(text.message).toMatch(/^[^\n]+: [^\n]+$/);
    expect(text.contextMessage).toBe('Touch 4 of 9 · email and call');
  });

  it('never suggest the angle the last touch used', () => {
    const first = prospectText(prospect('x'), TODAY, DEFAULT_SETTINGS).message;
    const label = first.split(':')[0] as string;
    const lastAngleId = BUILT_IN_ANGLES.find((angle) => angle.label === label)?.id;
    expect(lastAngleId).toBeDefined();
    const again = prospectText(prospect('x', { lastAngleId }), TODAY, DEFAULT_SETTINGS).message;
    expect(again.split(':')[0]).not.toBe(label);
  });

  it('have ids that name the day and the prospect, and nothing else parses as ours', () => {
    const ref = { kind: 'prospect', day: TODAY, prospectId: 'p:1' } as const;
    expect(parseNotificationId(notificationId(ref))).toEqual(ref);
    expect(parseNotificationId(notificationId({ kind: 'digest', day: TODAY }))).toEqual({
      kind: 'digest',
      day: TODAY,
    });
    expect(parseNotificationId('someone-else')).toBeUndefined();
    expect(parseNotificationId('fifth-touch:prospect:2026-03-04')).toBeUndefined();
  });
});

describe('what is shown in a run', () => {
  const settings = { ...DEFAULT_SETTINGS, notificationCap: 2 };
  const due = [prospect('a'), prospect('b', { nextDueDay: '2026-03-02' }), prospect('c')];

  it('is the digest and the capped most urgent prospects, with Open and Snooze buttons', () => {
    const planned = planNotifications({
      today: TODAY,
      digestDue: true,
      due,
      settings,
      notifiedToday: new Set(),
    });
    expect(planned.map((n) => n.id)).toEqual([
      'fifth-touch:digest:2026-03-04',
      'fifth-touch:prospect:2026-03-04:b',
      'fifth-touch:prospect:2026-03-04:a',
    ]);
    expect(planned[1]?.buttons).toEqual(['Open', 'Snooze a day']);
  });

  it('is nothing once the digest went out today, or before it is due', () => {
    const base = { today: TODAY, due, settings };
    expect(
      planNotifications({ ...base, digestDue: true, notifiedToday: new Set(['digest']) }),
    ).toEqual([]);
    expect(planNotifications({ ...base, digestDue: false, notifiedToday: new Set() })).toEqual([]);
  });
});

describe('the notified log', () => {
  it('remembers items per day in storage, and forgets other days when pruned', async () => {
    const area = fakeBrowser.storage.local;
    await recordNotified(area, '2026-03-03', ['digest']);
    await recordNotified(area, TODAY, ['digest', 'prospect:a']);
    await recordNotified(area, TODAY, ['prospect:b', 'prospect:a']);
    await area.set({ 'outbox:keep-me': { x: 1 } });

    expect([...(await readNotified(area, TODAY))].sort()).toEqual([
      'digest',
      'prospect:a',
      'prospect:b',
    ]);
    expect(await pruneNotified(area, TODAY)).toEqual([notifiedKey('2026-03-03')]);
    expect([...(await readNotified(area, '2026-03-03'))]).toEqual([]);
    expect((await readNotified(area, TODAY)).size).toBe(3);
    expect(await area.get('outbox:keep-me')).toEqual({ 'outbox:keep-me': { x: 1 } });
  });
});

describe('where Open leads without the panel', () => {
  it('is the last touch’s link, else the LinkedIn profile, else a Gmail search', () => {
    const p = { emails: ['jane@acme.com'], linkedinIds: ['ACoAABcDeFgHiJkLmN', 'jane-doe-42'] };
    expect(
      followUpLink(p, [
        { at: 1, link: 'https://mail.google.com/mail/u/0/#inbox/old' },
        { at: 2, link: 'https://mail.google.com/mail/u/0/#inbox/new' },
        { at: 3 },
      ]),
    ).toBe('https://mail.google.com/mail/u/0/#inbox/new');
    expect(followUpLink(p, [])).toBe('https://www.linkedin.com/in/jane-doe-42/');
    expect(followUpLink({ emails: ['jane@acme.com'], linkedinIds: [] }, [])).toBe(
      'https://mail.google.com/mail/u/0/#search/jane%40acme.com',
    );
  });
});
