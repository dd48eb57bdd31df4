// The worker's diagnostics store on WXT's fake browser: reports arriving together are all counted.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DIAGNOSTICS_KEY, parseDiagnosticsLog } from '../../lib/diagnostics/diagnostics';
import { storeDiagnostic } from './diagnostics';

describe('storing diagnostics', () => {
  it('merges concurrent reports without losing one', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        storeDiagnostic({ site: 'gmail', check: `c-${index % 4}` }, 1_000 + index),
      ),
    );
    const stored = await fakeBrowser.storage.local.get(DIAGNOSTICS_KEY);
    const log = parseDiagnosticsLog(stored[DIAGNOSTICS_KEY]);
    expect(log.entries.map((e) => [e.check, e.count]).sort()).toEqual([
      ['c-0', 10],
      ['c-1', 10],
      ['c-2', 10],
      ['c-3', 10],
    ]);
  });

  it('starts over from damaged storage instead of failing', async () => {
    await fakeBrowser.storage.local.set({ [DIAGNOSTICS_KEY]: 'not a log' });
    await storeDiagnostic({ site: 'linkedin', check: 'profile-name' }, 5);
    const stored = await fakeBrowser.storage.local.get(DIAGNOSTICS_KEY);
    expect(parseDiagnosticsLog(stored[DIAGNOSTICS_KEY]).entries).toEqual([
      { site: 'linkedin', check: 'profile-name', firstSeen: 5, lastSeen: 5, count: 1 },
    ]);
  });
});
