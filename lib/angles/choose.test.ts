import fc from 'fast-check';
import { CHANNELS } from '../model';
import type { Channel, Settings } from '../model';
import { DEFAULT_SETTINGS } from '../settings';
import { listAngles, suggestAngle } from './choose';
import { BUILT_IN_ANGLES } from './library';

const settings = DEFAULT_SETTINGS;
const ids = (angles: { id: string }[]) => angles.map((a) => a.id);

describe('the library', () => {
  test('has the angles good reps use, each complete', () => {
    const required = [
      'business-value',
      'insight',
      'educate',
      'news',
      'case-study',
      'resource',
      'introduction',
      'event-invite',
      'priorities-question',
      'thank-you',
      'delivery-check-in',
    ];
    expect(ids([...BUILT_IN_ANGLES])).toEqual(expect.arrayContaining(required));
    expect(new Set(ids([...BUILT_IN_ANGLES])).size).toBe(BUILT_IN_ANGLES.length);
    for (const angle of BUILT_IN_ANGLES) {
      expect(angle.label.trim()).not.toBe('');
      expect(angle.prompt).not.toContain('\n');
      expect(angle.template).toMatch(/\{firstName\}|\{company\}/);
      expect(angle.channels.length).toBeGreaterThan(0);
      expect(angle.phases.length).toBeGreaterThan(0);
      expect(angle.template.length).toBeLessThan(400);
    }
  });

  test('thank-you and the delivery check-in are for after the win only', () => {
    const afterWin = BUILT_IN_ANGLES.filter((a) => a.phases.includes('after-win'));
    expect(ids(afterWin).sort()).toEqual(['delivery-check-in', 'thank-you']);
    expect(afterWin.every((a) => a.phases.length === 1)).toBe(true);
  });
});

describe('listAngles', () => {
  test('applies edited templates, adds custom angles, drops disabled ones', () => {
    const mine: Settings = {
      ...settings,
      angleTemplates: { insight: 'My insight for {company}', news: '   ' },
      customAngles: [
        {
          id: 'podcast',
          label: 'Podcast',
          prompt: 'Invite them on the podcast.',
          template: 'Hi {firstName}',
          channels: ['email'],
        },
        { id: 'insight', label: 'Shadow', prompt: 'x', template: 'x', channels: ['email'] },
      ],
      disabledAngles: ['educate'],
    };
    const angles = listAngles(mine);
    const byId = new Map(angles.map((a) => [a.id, a]));
    expect(byId.get('insight')?.template).toBe('My insight for {company}');
    expect(byId.get('insight')?.label).toBe('Insight');
    // A blank edit keeps the built-in text.
    expect(byId.get('news')?.template).toBe(BUILT_IN_ANGLES.find((a) => a.id === 'news')?.template);
    expect(byId.get('podcast')).toMatchObject({ builtIn: false, phases: ['cadence', 'nurture'] });
    expect(byId.has('educate')).toBe(false);
    expect(angles.filter((a) => a.id === 'insight')).toHaveLength(1);
    expect(ids(listAngles(mine, { includeDisabled: true }))).toContain('educate');
  });

  test('never changes the shared built-ins', () => {
    const before = JSON.stringify(BUILT_IN_ANGLES);
    const angles = listAngles({ ...settings, angleTemplates: { insight: 'edited' } });
    angles[0]!.channels.push('other');
    expect(JSON.stringify(BUILT_IN_ANGLES)).toBe(before);
  });
});

describe('suggestAngle', () => {
  test('walks the default cadence with a fitting, varied angle at every step', () => {
    let last: string | undefined;
    const seen: string[] = [];
    settings.cadence.forEach((step, index) => {
      const channel = step.channels[0]!;
      const angle = suggestAngle({
        channel,
        step: index + 1,
        phase: 'cadence',
        lastAngleId: last,
        recentAngleIds: seen.slice(-3),
        settings,
      })!;
      expect(angle.channels).toContain(channel);
      expect(angle.phases).toContain('cadence');
      expect(angle.id).not.toBe(last);
      seen.push(angle.id);
      last = angle.id;
    });
    expect(new Set(seen).size).toBeGreaterThanOrEqual(7);
  });

  test('different steps give different angles where possible', () => {
    const byStep = [1, 2, 3, 4, 5, 6].map(
      (step) => suggestAngle({ channel: 'email', step, phase: 'cadence', settings })!.id,
    );
    expect(new Set(byStep).size).toBe(6);
  });

  test('after a win: the thank-you first, then the check-in', () => {
    const first = suggestAngle({ channel: 'email', step: 10, phase: 'after-win', settings });
    expect(first?.id).toBe('thank-you');
    const second = suggestAngle({
      channel: 'email',
      step: 11,
      phase: 'after-win',
      lastAngleId: 'thank-you',
      settings,
    });
    expect(second?.id).toBe('delivery-check-in');
  });

  test('prospecting never gets a post-sale angle', () => {
    for (let step = 1; step <= 30; step += 1) {
      for (const channel of CHANNELS) {
        const angle = suggestAngle({ channel, step, phase: 'nurture', settings });
        expect(angle?.phases).toContain('nurture');
      }
    }
  });

  test('a Twitter step gets an angle that fits a tweet', () => {
    const angle = suggestAngle({ channel: 'twitter', step: 3, phase: 'cadence', settings });
    expect(angle?.channels).toContain('twitter');
  });

  test('repeats the last angle only when it is the only one allowed', () => {
    const only: Settings = {
      ...settings,
      disabledAngles: BUILT_IN_ANGLES.filter((a) => a.id !== 'insight').map((a) => a.id),
    };
    expect(
      suggestAngle({
        channel: 'email',
        step: 2,
        phase: 'cadence',
        lastAngleId: 'insight',
        settings: only,
      })?.id,
    ).toBe('insight');
  });

  test('nothing to suggest when every angle is disabled', () => {
    const none: Settings = { ...settings, disabledAngles: BUILT_IN_ANGLES.map((a) => a.id) };
    expect(suggestAngle({ step: 1, phase: 'cadence', settings: none })).toBeUndefined();
  });

  test('custom angles take part in the rotation', () => {
    const mine: Settings = {
      ...settings,
      disabledAngles: BUILT_IN_ANGLES.map((a) => a.id),
      customAngles: [
        { id: 'a', label: 'A', prompt: 'a', template: 'a', channels: ['email'] },
        { id: 'b', label: 'B', prompt: 'b', template: 'b', channels: ['email'] },
      ],
    };
    expect(suggestAngle({ channel: 'email', step: 1, phase: 'cadence', settings: mine })?.id).toBe(
      'a',
    );
    expect(suggestAngle({ channel: 'email', step: 2, phase: 'cadence', settings: mine })?.id).toBe(
      'b',
    );
    expect(
      suggestAngle({
        channel: 'email',
        step: 1,
        phase: 'cadence',
        lastAngleId: 'a',
        settings: mine,
      })?.id,
    ).toBe('b');
  });

  const requestArb = fc.record({
    channel: fc.option(fc.constantFrom<Channel>(...CHANNELS), { nil: undefined }),
    step: fc.integer({ min: -3, max: 40 }),
    phase: fc.constantFrom('cadence', 'nurture', 'after-win', 'paused', 'ended' as const),
    lastAngleId: fc.option(fc.constantFrom(...ids([...BUILT_IN_ANGLES]), 'gone'), {
      nil: undefined,
    }),
    recentAngleIds: fc.array(fc.constantFrom(...ids([...BUILT_IN_ANGLES])), { maxLength: 5 }),
    disabledAngles: fc.subarray(ids([...BUILT_IN_ANGLES])),
  });

  test('never the last angle when another allowed angle fits the phase; fits the channel when one can', () => {
    fc.assert(
      fc.property(requestArb, ({ disabledAngles, ...request }) => {
        const mine = { ...settings, disabledAngles };
        const angle = suggestAngle({ ...request, settings: mine });
        const allowed = listAngles(mine);
        if (allowed.length === 0) {
          expect(angle).toBeUndefined();
          return;
        }
        expect(angle).toBeDefined();
        expect(disabledAngles).not.toContain(angle!.id);
        const phase = ['cadence', 'nurture', 'after-win'].includes(request.phase)
          ? request.phase
          : 'cadence';
        const inPhase = allowed.filter((a) => a.phases.includes(phase as never));
        const others = inPhase.filter((a) => a.id !== request.lastAngleId);
        if (others.length > 0) {
          expect(angle!.id).not.toBe(request.lastAngleId);
          expect(angle!.phases).toContain(phase);
          if (request.channel && others.some((a) => a.channels.includes(request.channel!))) {
            expect(angle!.channels).toContain(request.channel);
          }
        }
        // Deterministic.
        expect(suggestAngle({ ...request, settings: mine })).toEqual(angle);
      }),
      { numRuns: 500 },
    );
  });
});
