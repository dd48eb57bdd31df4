/// <reference types="chrome" />
// The digest and the per-prospect notifications, and what their clicks do. What was shown each day
// is logged in storage.local before it is shown, so no item is notified twice in a day, whatever
// restarts in between. Notifications off or refused: nothing here throws, the badge carries on.
import { browser } from 'wxt/browser';
import { localDayOf, nextBusinessDay } from '../../lib/cadence/days';
import { readDigestInput } from '../../lib/db/digest';
import { getProspect, touchesOf } from '../../lib/db/queries';
import { logOutcome } from '../../lib/db/writes';
import type { DueCount } from '../../lib/messages';
import { followUpLink } from '../../lib/nudges/links';
import { pruneNotified, readNotified, recordNotified } from '../../lib/nudges/notified';
import {
  OPEN_BUTTON,
  SNOOZE_BUTTON,
  notifiedItem,
  parseNotificationId,
  planNotifications,
} from '../../lib/nudges/notifications';
import { isDigestDue } from '../../lib/nudges/schedule';
import { refreshBadge } from './badge';
import { openDatabase, readSettings } from './database';
import { serially } from './serial';
import { focusedWindowHint, openPanel, panelPageUrl } from './side-panel';

/**
 * Shows what is due now (the digest and the most urgent prospects), once a day; returns the ids
 * shown. `count`: the badge's count of this same moment, so the digest need not count again.
 */
export function runNotifications(now = Date.now(), count?: DueCount): Promise<string[]> {
  return serially(async () => {
    try {
      const db = await openDatabase();
      const settings = await readSettings(db, { fresh: true });
      const today = localDayOf(now);
      const digestDue = isDigestDue(now, settings);
      if (!digestDue) return [];
      const storage = browser.storage.local;
      const notifiedToday = await readNotified(storage, today);
      const input = await readDigestInput(db, today, {
        cap: settings.notificationCap,
        notifiedToday,
        count,
      });
      const planned = planNotifications({ today, digestDue, ...input, settings, notifiedToday });
      if (planned.length === 0 || !(await mayNotify())) return [];
      await recordNotified(
        storage,
        today,
        planned.map((notification) => notifiedItem(notification.ref)),
      );
      const shown: string[] = [];
      for (const notification of planned) {
        try {
          await browser.notifications.create(notification.id, {
            type: 'basic',
            iconUrl: browser.runtime.getURL('/icon/128.png'),
            title: notification.text.title,
            message: notification.text.message,
            ...(notification.text.contextMessage && !import.meta.env.FIREFOX
              ? { contextMessage: notification.text.contextMessage }
              : {}),
            // Firefox shows no buttons; a click on the body opens the panel there.
            ...(notification.buttons.length && !import.meta.env.FIREFOX
              ? { buttons: notification.buttons.map((title) => ({ title })) }
              : {}),
          });
          shown.push(notification.id);
        } catch (error) {
          console.warn('[Fifth Touch] notification not shown', error);
        }
      }
      return shown;
    } catch (error) {
      console.warn('[Fifth Touch] notifications skipped', error);
      return [];
    }
  });
}

/** False when the user turned the extension's notifications off (Chrome can tell). */
async function mayNotify(): Promise<boolean> {
  if (import.meta.env.FIREFOX) return true;
  try {
    return (await chrome.notifications.getPermissionLevel()) === 'granted';
  } catch {
    return true;
  }
}

export async function forgetOldNotified(now = Date.now()): Promise<void> {
  await pruneNotified(browser.storage.local, localDayOf(now)).catch(() => undefined);
}

/**
 * A click on a notification (or its Open button): the side panel, on the prospect when it names
 * one; when the panel cannot open, the prospect's thread or profile, else the panel page in a tab.
 */
export function openFromNotification(notificationId: string): Promise<void> {
  const ref = parseNotificationId(notificationId);
  if (!ref) return Promise.resolve();
  const prospectId = ref.kind === 'prospect' ? ref.prospectId : undefined;
  // Synchronously while the click's gesture lasts. A worker woken by the click has no window hint
  // yet: Chrome's "current window" (the last focused one) is named without waiting, so the
  // gesture still holds (fetching the window first would lose it).
  const opening = openPanel(
    { windowId: focusedWindowHint() ?? browser.windows?.WINDOW_ID_CURRENT },
    prospectId,
  );
  return opening
    .then(async (opened) => {
      if (!opened) await browser.tabs.create({ url: await fallbackUrl(prospectId) });
    })
    .catch((error: unknown) => console.warn('[Fifth Touch] could not open', error))
    .finally(() => browser.notifications.clear(notificationId).catch(() => undefined));
}

async function fallbackUrl(prospectId: string | undefined): Promise<string> {
  if (!prospectId) return panelPageUrl();
  const db = await openDatabase();
  const prospect = await getProspect(db, prospectId);
  if (!prospect) return panelPageUrl();
  return followUpLink(prospect, await touchesOf(db, prospectId)) ?? panelPageUrl(prospectId);
}

/** "Snooze a day": the prospect waits until the next business day. */
export async function snoozeFromNotification(
  notificationId: string,
  now = Date.now(),
): Promise<{ outcomeId: string } | undefined> {
  const ref = parseNotificationId(notificationId);
  if (ref?.kind !== 'prospect') return undefined;
  try {
    const result = await logOutcome(
      await openDatabase(),
      { prospectId: ref.prospectId, kind: 'snooze', until: nextBusinessDay(localDayOf(now)) },
      { now },
    );
    void refreshBadge(now);
    return result;
  } catch (error) {
    console.warn('[Fifth Touch] snooze failed', error);
    return undefined;
  } finally {
    await browser.notifications.clear(notificationId).catch(() => undefined);
  }
}

export function setUpNotifications(): void {
  // Firefox MV2 without the permission has no notifications namespace at all.
  if (!browser.notifications) return;
  browser.notifications.onClicked.addListener((id) => void openFromNotification(id));
  browser.notifications.onButtonClicked?.addListener((id, index) => {
    if (index === OPEN_BUTTON) void openFromNotification(id);
    if (index === SNOOZE_BUTTON) void snoozeFromNotification(id);
  });
}
