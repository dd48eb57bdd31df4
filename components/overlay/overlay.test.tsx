import { render, screen } from '@testing-library/react';
import { Component as PreactComponent } from 'preact';
import { Component } from 'react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ProspectSummary } from '../../lib/messages';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { nextAngle } from './angle';
import { AngleHint } from './AngleHint';
import { PausedLine } from './PausedLine';
import { defaultOverlaySettings, loadOverlaySettings } from './settings';
import { snoozeChoices } from './snooze';
import { nosText, statusLine } from './status';

function summary(overrides: Partial<ProspectSummary> = {}): ProspectSummary {
  return {
    id: 'p1',
    name: 'Jane',
    company: 'Acme',
    status: 'active',
    emails: ['jane@acme.example'],
    linkedinIds: [],
    nextChannels: ['email'],
    nextStep: 3,
    totalSteps: 9,
    touchCount: 2,
    noCount: 0,
    reason: '',
    ...overrides,
  };
}

describe('nextAngle', () => {
  it('never suggests the angle of the last touch, at any step or channel', () => {
    for (let step = 1; step <= 12; step++) {
      for (const channel of ['email', 'linkedin', 'call'] as const) {
        const first = nextAngle(summary({ nextStep: step }), DEFAULT_SETTINGS, channel)!;
        const after = nextAngle(
          summary({ nextStep: step, lastAngleId: first.id }),
          DEFAULT_SETTINGS,
          channel,
        )!;
        expect(after.id).not.toBe(first.id);
      }
    }
  });

  it("follows the user's angle settings: disabled angles never, custom ones may", () => {
    const settings = {
      ...defaultOverlaySettings(),
      disabledAngles: ['business-value', 'insight', 'priorities-question', 'case-study'],
      customAngles: [
        {
          id: 'roi-calculator',
          label: 'ROI calculator',
          prompt: 'Send the calculator with their numbers.',
          template: '',
          channels: ['email' as const],
        },
      ],
    };
    const seen = new Set<string>();
    for (let step = 1; step <= 9; step++) {
      seen.add(nextAngle(summary({ nextStep: step }), settings, 'email')!.id);
    }
    for (const disabled of settings.disabledAngles) expect(seen.has(disabled)).toBe(false);
    expect(seen.has('roi-calculator')).toBe(true);
  });

  it('with no prospect yet, suggests a first touch', () => {
    expect(nextAngle(undefined, DEFAULT_SETTINGS, 'email')).toBeDefined();
  });
});

describe('AngleHint', () => {
  it("uses the summary's last angle", () => {
    const plain = nextAngle(summary(), DEFAULT_SETTINGS)!;
    render(<AngleHint summary={summary({ lastAngleId: plain.id })} settings={DEFAULT_SETTINGS} />);
    expect(screen.getByText(/^Angle:/).parentElement).not.toHaveTextContent(plain.label);
  });
});

describe('snoozeChoices', () => {
  it('tomorrow, 3 days and the coming Monday, as the side panel offers, each named by its real day', () => {
    // A Friday with weekends worked: Saturday is tomorrow; 3 days and next week are both Monday.
    expect(snoozeChoices('2026-11-27', { skipWeekends: false })).toEqual([
      { label: 'Tomorrow (Sat)', until: '2026-11-28' },
      { label: 'In 3 days (Mon)', until: '2026-11-30' },
    ]);
    // The same Friday with weekends skipped: one choice, Monday, named so.
    expect(snoozeChoices('2026-11-27', { skipWeekends: true })).toEqual([
      { label: 'Monday', until: '2026-11-30' },
    ]);
    // From a Monday, next week is a week later, never today.
    expect(snoozeChoices('2026-11-23', { skipWeekends: true })[2]).toEqual({
      label: 'Next week (Mon)',
      until: '2026-11-30',
    });
  });
});

describe('the status words', () => {
  it('say touch N of M, nos and the due state in one line', () => {
    expect(nosText(1)).toBe('1 no');
    expect(nosText(0)).toBe('0 nos');
    expect(statusLine(summary({ noCount: 2, nextDueDay: '2026-11-20' }), '2026-11-23')).toBe(
      'touch 3 of 9 · 2 nos · overdue by 3 days',
    );
    expect(statusLine(summary({ nextStep: 10 }), '2026-11-23')).toBe('nurture');
  });
});

describe('loadOverlaySettings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('falls back to the defaults when no background answers, and never throws', async () => {
    await expect(loadOverlaySettings()).resolves.toEqual(defaultOverlaySettings());
    expect(defaultOverlaySettings().showOnLinkedIn).toBe(DEFAULT_SETTINGS.showOnLinkedIn);
  });
});

describe('the overlay tests themselves', () => {
  it('render through preact/compat, as the content scripts are built', () => {
    // The vitest "overlay" project aliases react to preact/compat like wxt.config.ts does.
    expect(Component).toBe(PreactComponent);
    const { container } = render(<AngleHint summary={summary()} settings={DEFAULT_SETTINGS} />);
    expect(container).not.toBeEmptyDOMElement();
    // react-dom marks every container it renders into; Preact does not.
    expect(Object.keys(container).some((key) => key.startsWith('__reactContainer'))).toBe(false);
  });
});

describe('PausedLine', () => {
  it('says in one line that this tab stopped tracking and what to do, as an alert', () => {
    render(<PausedLine site="Gmail" />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Tracking paused in this tab — reload Gmail',
    );
  });
});
