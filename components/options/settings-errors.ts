// Turns the settings schema's issues into plain sentences, each tied to the field it is about, so
// the page can show it beside that field (not in a list at the bottom) in words a rep uses.
import * as v from 'valibot';
import { settingsPatchSchema, type SettingsPatch } from '../../lib/db/settings-schema';
import type { Settings } from '../../lib/model';

export const FIELD_NAMES: Record<keyof Settings, string> = {
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
  myName: 'Your name',
  onboarding: 'Welcome',
  disabledAngles: 'Angles turned off',
  angleTemplates: 'Angle templates',
  customAngles: 'Your angles',
  drafting: 'Draft follow-ups in the side panel',
  draftStyle: 'Your writing style',
};

/** One problem with a settings draft: the field it belongs beside, and what to do, in plain words. */
export interface SettingsProblem {
  field: keyof Settings;
  message: string;
}

type Issue = v.InferIssue<typeof settingsPatchSchema>;

/** What the value should be, said as an instruction ("Use a whole number from 1 to 20."). */
function instruction(issue: Issue): string {
  const requirement = (issue as { requirement?: unknown }).requirement;
  switch (issue.type) {
    case 'number':
      return 'Enter a number.';
    case 'integer':
      return 'Use a whole number.';
    case 'min_value':
      return `Use ${String(requirement)} or more.`;
    case 'max_value':
      return `Use ${String(requirement)} or less.`;
    case 'regex':
      return 'Enter a time like 09:00.';
    case 'max_length':
      return `Keep it to ${String(requirement)} or fewer.`;
    default:
      return `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
  }
}

function describe(issue: Issue): SettingsProblem {
  const path = (issue.path ?? []).map((item) => item.key as string | number);
  const field = String(path[0] ?? 'cadence') as keyof Settings;
  const input = typeof issue.input === 'string' ? issue.input : undefined;
  if (field === 'cadence' && typeof path[1] === 'number') {
    const step = `Step ${path[1] + 1}`;
    if (path[2] === 'day') return { field, message: `${step}: the day — ${instruction(issue)}` };
    if (issue.type === 'min_length')
      return { field, message: `${step} needs at least one channel.` };
    return { field, message: `${step}: ${instruction(issue)}` };
  }
  if (field === 'cadence' && issue.type === 'check') {
    return {
      field,
      message: 'Each step’s day must come after the step before it (days 1, 2, 3…, no repeats).',
    };
  }
  if (field === 'cadence' && issue.type === 'min_length') {
    return { field, message: 'Keep at least one step.' };
  }
  if (
    (field === 'ownAddresses' || field === 'ownDomains' || field === 'ignoreList') &&
    typeof path[1] === 'number'
  ) {
    const line = `Line ${path[1] + 1}${input !== undefined ? ` (“${input}”)` : ''}`;
    // The schema's message names what a line should be ("an email address", "a domain like acme.com").
    return /^an? /.test(issue.message)
      ? { field, message: `${line} is not ${issue.message}.` }
      : { field, message: `${line}: ${issue.message}.` };
  }
  if (field === 'quietHours') return { field, message: `Quiet hours: ${instruction(issue)}` };
  return { field, message: instruction(issue) };
}

/** Every problem with a settings draft, each beside its field; empty when it can be saved. */
export function settingsProblems(draft: SettingsPatch): SettingsProblem[] {
  const result = v.safeParse(settingsPatchSchema, draft);
  if (result.success) return [];
  const problems = result.issues.slice(0, 20).map(describe);
  // The same sentence twice helps no one.
  return problems.filter(
    (problem, index) =>
      problems.findIndex((p) => p.field === problem.field && p.message === problem.message) ===
      index,
  );
}
