// What a settings change must satisfy before it is saved: the options page, an import or a message
// can send anything, and a bad cadence would silently break every due day.
import * as v from 'valibot';
import { isPublicMailDomain, normalizeDomain, normalizeEmail } from '../identity';
import { channelSchema, type Settings } from '../model';
import { styleNoteSchema } from '../drafts/style';

const clockTime = v.pipe(v.string(), v.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:mm'));
const wholeDays = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

const cadenceStepSchema = v.strictObject({
  day: wholeDays(1, 366),
  channels: v.pipe(
    v.array(channelSchema),
    v.minLength(1, 'a cadence step needs at least one channel'),
    v.check((channels) => new Set(channels).size === channels.length, 'a channel is listed twice'),
  ),
});

const cadenceSchema = v.pipe(
  v.array(cadenceStepSchema),
  v.minLength(1, 'the cadence needs at least one step'),
  v.maxLength(60),
  v.check(
    (steps) => steps.every((step, i) => i === 0 || step.day > steps[i - 1]!.day),
    'cadence days must increase from step to step',
  ),
);

const emailEntry = v.pipe(
  v.string(),
  v.check((value) => normalizeEmail(value) !== null, 'an email address'),
  v.transform((value) => normalizeEmail(value)!),
);

const ownDomainEntry = v.pipe(
  v.string(),
  v.check((value) => normalizeDomain(value) !== null, 'a domain like acme.com'),
  v.transform((value) => normalizeDomain(value)!),
  v.check(
    (domain) => !isPublicMailDomain(domain),
    'a public mail domain (gmail.com, outlook.com…) cannot be your company domain',
  ),
);

/** An ignored address (`jane@acme.com`) or domain (`@acme.com`, `acme.com`); domains kept as `acme.com`. */
const ignoreEntry = v.pipe(
  v.string(),
  v.check(
    (value) => normalizeEmail(value) !== null || normalizeDomain(value) !== null,
    'an email address or a domain',
  ),
  v.transform((value) => normalizeEmail(value) ?? normalizeDomain(value)!),
);

const uniqueList = <T extends v.GenericSchema<string, string>>(item: T, max: number) =>
  v.pipe(
    v.array(item),
    v.maxLength(max),
    v.transform((values) => [...new Set(values)]),
  );

const customAngleSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  label: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
  prompt: v.pipe(v.string(), v.maxLength(1000)),
  template: v.pipe(v.string(), v.maxLength(5000)),
  channels: v.pipe(v.array(channelSchema), v.minLength(1)),
});

export const settingsSchema = v.strictObject({
  cadence: cadenceSchema,
  nurtureEveryDays: wholeDays(1, 365),
  nosThreshold: wholeDays(1, 20),
  daysAfterNo: wholeDays(0, 365),
  burstEndsAfterDay: wholeDays(0, 366),
  minDaysBetweenTouches: wholeDays(0, 365),
  skipWeekends: v.boolean(),
  thankYouAfterWonDays: wholeDays(0, 365),
  checkInAfterWonDays: wholeDays(0, 730),
  notifyAt: clockTime,
  notifyOnWeekends: v.boolean(),
  quietHours: v.nullable(v.strictObject({ start: clockTime, end: clockTime })),
  notificationCap: wholeDays(0, 100),
  ownAddresses: uniqueList(emailEntry, 100),
  ownDomains: uniqueList(ownDomainEntry, 50),
  ignoreList: uniqueList(ignoreEntry, 5000),
  trackCc: v.boolean(),
  showOnLinkedIn: v.boolean(),
  // Optional so a settings row or backup from before they existed still parses.
  myName: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'at most 100 characters')), ''),
  onboarding: v.optional(v.picklist(['due', 'done', 'skipped']), 'due'),
  disabledAngles: v.array(v.pipe(v.string(), v.maxLength(100))),
  angleTemplates: v.record(
    v.pipe(v.string(), v.maxLength(100)),
    v.pipe(v.string(), v.maxLength(5000)),
  ),
  customAngles: v.pipe(v.array(customAngleSchema), v.maxLength(100)),
  // Optional with defaults: settings saved and backed up before drafts existed still parse.
  drafting: v.optional(v.boolean(), true),
  draftStyle: v.optional(v.nullable(styleNoteSchema), null),
}) satisfies v.GenericSchema<unknown, Settings>;

/** A change to some settings; unknown keys are rejected so a typo never passes silently. */
export const settingsPatchSchema = v.partial(settingsSchema);
export type SettingsPatch = v.InferInput<typeof settingsPatchSchema>;

/** Settings that change due days: saving any of them recomputes every prospect. */
export const CADENCE_SETTING_KEYS = [
  'cadence',
  'nurtureEveryDays',
  'nosThreshold',
  'daysAfterNo',
  'burstEndsAfterDay',
  'minDaysBetweenTouches',
  'skipWeekends',
  'thankYouAfterWonDays',
  'checkInAfterWonDays',
] as const satisfies readonly (keyof Settings)[];
