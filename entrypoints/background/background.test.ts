// The worker's handlers with WXT's fake browser and the real store (fake-indexeddb): alarms armed
// from settings, a run of notifications deduped per day, and what the notification buttons do.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addDaysToDay, localDayOf } from '../../lib/cadence/days';
import { SETTINGS_ROW_ID } from '../../lib/db/schema';
import type { Prospect } from '../../lib/model';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { ALARMS, armAlarms, handleAlarm } from './alarms';
import { openDatabase } from './database';
import { openFromNotification, runNotifications, snoozeFromNotification } from './notifications';
import { prospectRow } from '../../tests/helpers/prospect-row';

// Set before any instant below is computed: the times are Berlin wall-clock times.
const previousTz = process.env.TZ;
process.env.TZ = 'Europe/Berlin';
afterAll(() => {
  process.env.TZ = previousTz;
});

// Wednesday 2026-03-04, 10:15 local.
const NOW = new Date(2026, 2, 4, 10, 15).getTime();
const TODAY = '2026-03-04';

const prospect = (id: string, fields: Partial<Prospect> = {}): Prospect =>
  prospectRow(id, { nextDueDay: TODAY, ...fields });

beforeEach(async () => {
  const db = await openDatabase();
  await Promise.all([db.prospects.clear(), db.touches.clear(), db.outcomes.clear()]);
  await db.settings.put({ ...DEFAULT_SETTINGS, notificationCap: 2, id: SETTINGS_ROW_ID });
});

describe('the alarms', () => {
  it('are the 5-minute refresh, the digest at the notify time and local midnight', async () => {
    await armAlarms({ ...DEFAULT_SETTINGS, notifyAt: '09:30' }, NOW);
    const alarms = Object.fromEntries(
      (await fakeBrowser.alarms.getAll()).map((alarm) => [alarm.name, alarm]),
    );
    expect(alarms[ALARMS.refresh]?.periodInMinutes).toBe(5);
    expect(alarms[ALARMS.digest]?.scheduledTime).toBe(new Date(2026, 2, 5, 9, 30).getTime());
    expect(alarms[ALARMS.midnight]?.scheduledTime).toBe(new Date(2026, 2, 5).getTime());
  });

  it('move the digest when the settings change, without restarting the refresh period', async () => {
    await armAlarms(DEFAULT_SETTINGS, NOW);
    const refresh = await fakeBrowser.alarms.get(ALARMS.refresh);
    await armAlarms({ ...DEFAULT_SETTINGS, notifyAt: '17:00' }, NOW + 60_000);
    expect((await fakeBrowser.alarms.get(ALARMS.refresh))?.scheduledTime).toBe(
      refresh?.scheduledTime,
    );
    expect((await fakeBrowser.alarms.get(ALARMS.digest))?.scheduledTime).toBe(
      new Date(2026, 2, 4, 17, 0).getTime(),
    );
  });

  it('re-arm after the digest fires, from the stored settings', async () => {
    const db = await openDatabase();
    await db.settings.update(SETTINGS_ROW_ID, { notifyAt: '08:00', quietHours: null });
    await handleAlarm(ALARMS.digest, NOW);
    expect((await fakeBrowser.alarms.get(ALARMS.digest))?.scheduledTime).toBe(
      new Date(2026, 2, 5, 8, 0).getTime(),
    );
  });
});

describe('a run of notifications', () => {
  it('shows the digest and the capped most urgent, and nothing more the same day', async () => {
    const db = await openDatabase();
    await db.prospects.bulkPut([
      prospect('a'),
      prospect('b', { nextDueDay: addDaysToDay(TODAY, -2) }),
      prospect('c', { nextDueDay: addDaysToDay(TODAY, -1) }),
      prospect('d', { nextDueDay: addDaysToDay(TODAY, 1) }),
    ]);
    expect(await runNotifications(NOW)).toEqual([
      `fifth-touch:digest:${TODAY}`,
      `fifth-touch:prospect:${TODAY}:b`,
      `fifth-touch:prospect:${TODAY}:c`,
    ]);
    const shown = fakeBrowser.notifications.getAllCreateOptions();
    expect(shown[`fifth-touch:digest:${TODAY}`]).toMatchObject({
      title: '3 follow-ups due today',
      message: '2 overdue · Person b, Person c and Person a',
    });
    expect(shown[`fifth-touch:prospect:${TODAY}:b`]).toMatchObject({
      title: 'Person b · Acme — 2 days overdue',
      buttons: [{ title: 'Open' }, { title: 'Snooze a day' }],
    });

    // Another alarm an hour later, even with a new overdue prospect: nothing new today.
    await fakeBrowser.notifications.clear(`fifth-touch:digest:${TODAY}`);
    await db.prospects.put(prospect('e', { nextDueDay: addDaysToDay(TODAY, -5) }));
    expect(await runNotifications(NOW + 3_600_000)).toEqual([]);
    // The next day starts afresh.
    expect((await runNotifications(NOW + 86_400_000)).length).toBeGreaterThan(0);
  });

  it('waits for the notify time and stays silent in quiet hours', async () => {
    const db = await openDatabase();
    await db.prospects.put(prospect('a'));
    await db.settings.update(SETTINGS_ROW_ID, { notifyAt: '11:00' });
    expect(await runNotifications(NOW)).toEqual([]);
    await db.settings.update(SETTINGS_ROW_ID, {
      notifyAt: '09:00',
      quietHours: { start: '10:00', end: '12:00' },
    });
    expect(await runNotifications(NOW)).toEqual([]);
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toEqual([]);
  });

  it('never throws when notifications fail, and the log still prevents a repeat', async () => {
    const db = await openDatabase();
    await db.prospects.put(prospect('a'));
    const create = fakeBrowser.notifications.create;
    fakeBrowser.notifications.create = (() =>
      Promise.reject(new Error('Notifications are disabled'))) as typeof create;
    try {
      await expect(runNotifications(NOW)).resolves.toEqual([]);
    } finally {
      fakeBrowser.notifications.create = create;
    }
    expect(await runNotifications(NOW)).toEqual([]);
  });
});

describe('the notification buttons', () => {
  it('Snooze a day moves the prospect to the next business day', async () => {
    const db = await openDatabase();
    // Friday: the next business day is Monday.
    const friday = new Date(2026, 2, 6, 10).getTime();
    await db.prospects.put(prospect('a', { nextDueDay: '2026-03-06' }));
    const id = `fifth-touch:prospect:2026-03-06:a`;
    await fakeBrowser.notifications.create(id, {
      type: 'basic',
      title: 't',
      message: 'm',
      iconUrl: '',
    });

    const result = await snoozeFromNotification(id, friday);
    expect(result?.outcomeId).toBeDefined();
    const outcomes = await db.outcomes.toArray();
    expect(outcomes).toMatchObject([{ prospectId: 'a', kind: 'snooze', until: '2026-03-09' }]);
    expect((await db.prospects.get('a'))?.nextDueDay).toBe('2026-03-09');
    expect(Object.keys(fakeBrowser.notifications.getAllCreateOptions())).toEqual([]);
  });

  it('Open falls back to the last thread when the side panel cannot open', async () => {
    const db = await openDatabase();
    await db.prospects.put(prospect('a'));
    await db.touches.put({
      id: 't1',
      prospectId: 'a',
      channel: 'email',
      direction: 'out',
      at: NOW - 86_400_000,
      day: localDayOf(NOW - 86_400_000),
      summary: 'Intro',
      link: 'https://mail.google.com/mail/u/0/#inbox/abc',
      source: 'detected',
      confirmed: true,
      dedupeKey: 'email:abc:a',
    });
    const before = (await fakeBrowser.tabs.query({})).length;
    // No sidePanel API here (as when Chrome refuses): the thread opens in a tab instead.
    await openFromNotification(`fifth-touch:prospect:${TODAY}:a`);
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs).toHaveLength(before + 1);
    expect(tabs[tabs.length - 1]?.url).toBe('https://mail.google.com/mail/u/0/#inbox/abc');
  });

  it('ignore notifications that are not ours', async () => {
    await expect(snoozeFromNotification('other-extension:1', NOW)).resolves.toBeUndefined();
    expect(await (await openDatabase()).outcomes.count()).toBe(0);
  });
});
