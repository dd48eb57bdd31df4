// Everything time-driven, on browser.alarms so nothing depends on the worker staying alive: the
// refresh every few minutes (badge, outbox, a missed digest), the digest at the user's time,
// local midnight, and the end of the first open undo window (sends.ts). Re-armed on install, update, browser start, every worker start, every alarm and
// every settings change this worker sees; a change made while it slept is picked up on its next
// wake, at the latest by the refresh alarm, because the times are always recomputed from settings.
import { browser } from 'wxt/browser';
import type { Settings } from '../../lib/model';
import { REFRESH_PERIOD_MINUTES, nextDigestAt, nextMidnightAt } from '../../lib/nudges/schedule';
import { refreshBadge } from './badge';
import { openDatabase, readSettings, watchSettings } from './database';
import { forgetOldNotified, runNotifications } from './notifications';
import { SENDS_ALARM, sweepSends } from './sends';

export const ALARMS = {
  refresh: 'fifth-touch:refresh',
  digest: 'fifth-touch:digest',
  midnight: 'fifth-touch:midnight',
  sends: SENDS_ALARM,
} as const;

/** Creates each alarm that is missing or due at a time the settings no longer give. */
export async function armAlarms(settings: Settings, now = Date.now()): Promise<void> {
  const refresh = await browser.alarms.get(ALARMS.refresh);
  // Re-creating the periodic alarm would restart its period: a busy worker would never refresh.
  if (!refresh || refresh.periodInMinutes !== REFRESH_PERIOD_MINUTES) {
    await browser.alarms.create(ALARMS.refresh, {
      delayInMinutes: REFRESH_PERIOD_MINUTES,
      periodInMinutes: REFRESH_PERIOD_MINUTES,
    });
  }
  await armAt(ALARMS.digest, nextDigestAt(now, settings));
  await armAt(ALARMS.midnight, nextMidnightAt(now));
}

async function armAt(name: string, when: number): Promise<void> {
  const existing = await browser.alarms.get(name);
  if (existing && Math.abs(existing.scheduledTime - when) < 1000) return;
  await browser.alarms.create(name, { when });
}

/** Re-arms from the stored settings; never throws. */
export async function rearm(now = Date.now()): Promise<void> {
  try {
    await armAlarms(await readSettings(await openDatabase(), { fresh: true }), now);
  } catch (error) {
    console.warn('[Fifth Touch] alarms not armed', error);
  }
}

export async function handleAlarm(name: string, now = Date.now()): Promise<void> {
  switch (name) {
    case ALARMS.refresh:
      await sweepSends();
      // Catches up a digest whose alarm fired while the browser was closed or in quiet hours.
      await runNotifications(now, await refreshBadge(now));
      break;
    case ALARMS.digest:
      await runNotifications(now);
      break;
    case ALARMS.midnight:
      await refreshBadge(now);
      await forgetOldNotified(now);
      break;
    case ALARMS.sends:
      // Re-arms itself while anything is in flight.
      await sweepSends();
      return;
    default:
      return;
  }
  await rearm(now);
}

/** What every wake-up that may follow a gap does: the browser started, the extension installed or updated. */
export async function catchUp(now = Date.now()): Promise<void> {
  await rearm(now);
  await sweepSends();
  const count = await refreshBadge(now);
  await forgetOldNotified(now);
  await runNotifications(now, count);
}

let watchingSettings = false;

export function setUpAlarms(): void {
  browser.alarms.onAlarm.addListener((alarm) => void handleAlarm(alarm.name));
  browser.runtime.onInstalled.addListener(() => void catchUp());
  browser.runtime.onStartup.addListener(() => void catchUp());
  // A worker start may follow a stop in the middle of anything: catch up once per life too.
  void catchUp();
  rearmOnSettingsChange();
}

/** Re-arms whenever the settings the alarms depend on change, from whichever page saved them. */
function rearmOnSettingsChange(): void {
  if (watchingSettings) return;
  watchingSettings = true;
  let last: string | undefined;
  watchSettings((settings) => {
    const key = JSON.stringify([settings.notifyAt, settings.notifyOnWeekends, settings.quietHours]);
    if (key === last) return;
    last = key;
    void armAlarms(settings).catch(() => undefined);
  });
}
