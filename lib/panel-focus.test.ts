import { describe, expect, test } from 'vitest';
import { PANEL_FOCUS_FRESH_MS, prospectToFocus } from './panel-focus';

const NOW = Date.UTC(2026, 10, 23, 9, 0);

describe('prospectToFocus', () => {
  test('names the prospect of a focus written just now', () => {
    expect(prospectToFocus({ prospectId: 'p-1', at: NOW - 1_000 }, NOW)).toBe('p-1');
  });

  test('ignores a focus on no one, a stale one and malformed values', () => {
    expect(prospectToFocus({ prospectId: null, at: NOW }, NOW)).toBeNull();
    expect(
      prospectToFocus({ prospectId: 'p-1', at: NOW - PANEL_FOCUS_FRESH_MS - 1 }, NOW),
    ).toBeNull();
    expect(
      prospectToFocus({ prospectId: 'p-1', at: NOW + PANEL_FOCUS_FRESH_MS + 1 }, NOW),
    ).toBeNull();
    for (const bad of [
      undefined,
      null,
      'p-1',
      42,
      {},
      { prospectId: 'p-1' },
      { prospectId: '', at: NOW },
      { prospectId: 7, at: NOW },
      { prospectId: 'p-1', at: Number.NaN },
    ]) {
      expect(prospectToFocus(bad, NOW)).toBeNull();
    }
  });
});
