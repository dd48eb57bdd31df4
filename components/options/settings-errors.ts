// Turns the settings schema's issues into sentences that name the field the way the page does.
import * as v from 'valibot';
import { settingsPatchSchema, type SettingsPatch } from '../../lib/db/settings-schema';

const FIELD_NAMES: Record<string, string> = {
  cadence: 'Cadence',
  nurtureEveryDays: 'Nurture every (days)',
  nosThreshold: 'Nos before closing',
  daysAfterNo: 'Days after a no',
  burstEndsAfterDay: 'Early burst ends after day',
  minDaysBetweenTouches: 'Days between touches after the burst',
  skipWeekends: 'Skip weekends',
  thankYouAfterWonDays: 'Thank-you after a win (days)',
  checkInAfterWonDays: 'Check-in after a win (days)',
  notifyAt: 'Daily reminder time',
  notifyOnWeekends: 'Remind on weekends',
  quietHours: 'Quiet hours',
  notificationCap: 'Notifications per day',
  ownAddresses: 'Your addresses',
  ownDomains: 'Your domains',
  ignoreList: 'Ignore list',
  trackCc: 'Track Cc',
  showOnLinkedIn: 'Show Fifth Touch on LinkedIn pages',
  disabledAngles: 'Angles turned off',
  angleTemplates: 'Angle templates',
  customAngles: 'Your angles',
  drafting: 'Draft follow-ups in the side panel',
  draftStyle: 'Your writing style',
};

function describePath(path: (string | number)[]): string {
  const [top, ...rest] = path;
  const name = FIELD_NAMES[String(top)] ?? String(top);
  if (top === 'cadence' && typeof rest[0] === 'number') {
    return `Cadence step ${rest[0] + 1}${rest[1] ? `, ${rest[1]}` : ''}`;
  }
  if (
    (top === 'ownAddresses' || top === 'ownDomains' || top === 'ignoreList') &&
    typeof rest[0] === 'number'
  ) {
    return `${name}, line ${rest[0] + 1}`;
  }
  if (top === 'customAngles' && typeof rest[0] === 'number') {
    return `Your angle ${rest[0] + 1}${rest[1] ? `, ${rest[1]}` : ''}`;
  }
  return rest.length ? `${name}, ${rest.join('.')}` : name;
}

/** Every problem with a settings draft, one sentence each; empty when it can be saved. */
export function settingsErrors(draft: SettingsPatch): string[] {
  const result = v.safeParse(settingsPatchSchema, draft);
  if (result.success) return [];
  return result.issues.slice(0, 10).map((issue) => {
    const path = (issue.path ?? []).map((item) => item.key as string | number);
    const value =
      typeof issue.input === 'string' || typeof issue.input === 'number'
        ? ` (${JSON.stringify(issue.input)})`
        : '';
    return `${describePath(path)}: expected ${issue.expected ?? 'a valid value'}${value} — ${issue.message}`;
  });
}
