import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings';
import { CADENCE_SETTING_KEYS, settingsPatchSchema, settingsSchema } from './settings-schema';

describe('settingsSchema', () => {
  it('accepts the defaults a new install starts with, unchanged', () => {
    expect(v.parse(settingsSchema, DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it('requires every field of a whole settings object', () => {
    const { cadence: _cadence, ...withoutCadence } = DEFAULT_SETTINGS;
    const result = v.safeParse(settingsSchema, withoutCadence);
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toContain('cadence');
  });

  it('an empty patch is valid and changes nothing', () => {
    expect(v.parse(settingsPatchSchema, {})).toEqual({});
  });

  it.each([
    [{ quietHours: { start: '22:00', end: '7:00' } }, 'quietHours.end'],
    [{ cadence: [{ day: 1, channels: ['email', 'email'] }] }, 'cadence.0.channels'],
    [{ cadence: [{ day: 0, channels: ['email'] }] }, 'cadence.0.day'],
    [{ cadence: [{ day: 1.5, channels: ['email'] }] }, 'cadence.0.day'],
    [{ cadence: [{ day: 1, channels: ['pigeon'] }] }, 'cadence.0.channels.0'],
    [{ ownDomains: ['hotmail.co.uk'] }, 'ownDomains.0'],
    [{ ignoreList: ['not a thing'] }, 'ignoreList.0'],
    [{ minDaysBetweenTouches: -1 }, 'minDaysBetweenTouches'],
    [
      { customAngles: [{ id: 'x', label: '', prompt: '', template: '', channels: ['email'] }] },
      'customAngles.0.label',
    ],
  ])('rejects %j at %s', (patch, path) => {
    const result = v.safeParse(settingsPatchSchema, patch);
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toContain(path);
  });

  it('normalises addresses, domains and ignore entries, dropping repeats', () => {
    expect(
      v.parse(settingsPatchSchema, {
        ownAddresses: ['Rep <Rep@MyCo.com>', 'rep@myco.com'],
        ownDomains: ['MYCO.com.', '@myco.io'],
        ignoreList: ['@News.Example.com', 'news.example.com', 'Jane@Acme.com'],
      }),
    ).toEqual({
      ownAddresses: ['rep@myco.com'],
      ownDomains: ['myco.com', 'myco.io'],
      ignoreList: ['news.example.com', 'jane@acme.com'],
    });
  });

  it('names only real settings as cadence settings', () => {
    for (const key of CADENCE_SETTING_KEYS) expect(DEFAULT_SETTINGS).toHaveProperty(key);
  });
});
