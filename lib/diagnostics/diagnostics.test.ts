import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIAGNOSTICS_MAX_ENTRIES,
  emptyDiagnosticsLog,
  parseDiagnosticsLog,
  recordDiagnostic,
} from './diagnostics';

const T0 = Date.UTC(2026, 10, 23, 9, 0);

describe('the diagnostics log', () => {
  it('records a new check with when it was first and last seen', () => {
    const log = recordDiagnostic(
      emptyDiagnosticsLog(),
      { site: 'gmail', check: 'sync-payload', detail: 'no message id' },
      T0,
    );
    expect(log.entries).toEqual([
      {
        site: 'gmail',
        check: 'sync-payload',
        detail: 'no message id',
        firstSeen: T0,
        lastSeen: T0,
        count: 1,
      },
    ]);
  });

  it('counts a repeated check on one entry, keeping the first time and the latest detail', () => {
    let log = emptyDiagnosticsLog();
    log = recordDiagnostic(log, { site: 'linkedin', check: 'thread-header', detail: 'a' }, T0);
    log = recordDiagnostic(log, { site: 'gmail', check: 'thread-header' }, T0 + 5);
    log = recordDiagnostic(log, { site: 'linkedin', check: 'thread-header', detail: 'b' }, T0 + 10);
    expect(log.entries).toHaveLength(2);
    expect(log.entries[0]).toEqual({
      site: 'linkedin',
      check: 'thread-header',
      detail: 'b',
      firstSeen: T0,
      lastSeen: T0 + 10,
      count: 2,
    });
    expect(log.entries[1]).toMatchObject({ site: 'gmail', count: 1 });
  });

  it('ignores an invalid report (page text, a long name, another site) and leaves the log as it was', () => {
    const log = recordDiagnostic(emptyDiagnosticsLog(), { site: 'gmail', check: 'ok' }, T0);
    for (const report of [
      { site: 'gmail', check: 'Has Spaces <img src=x>' },
      { site: 'gmail', check: 'x'.repeat(61) },
      { site: 'evil.example', check: 'ok' },
      { site: 'gmail', check: 'ok', detail: 'x'.repeat(201) },
      null,
      'gmail',
    ]) {
      expect(recordDiagnostic(log, report, T0 + 1)).toBe(log);
    }
  });

  it('stays bounded: the check seen longest ago makes room', () => {
    let log = emptyDiagnosticsLog();
    for (let index = 0; index < DIAGNOSTICS_MAX_ENTRIES + 25; index++) {
      log = recordDiagnostic(log, { site: 'gmail', check: `check-${index}` }, T0 + index);
    }
    expect(log.entries).toHaveLength(DIAGNOSTICS_MAX_ENTRIES);
    expect(log.entries.map((e) => e.check)).not.toContain('check-0');
    expect(log.entries[0]!.check).toBe(`check-${DIAGNOSTICS_MAX_ENTRIES + 24}`);
  });

  it('under any sequence of reports: bounded, one entry per site and check, counts add up', () => {
    const report = fc.record({
      site: fc.constantFrom('gmail', 'linkedin'),
      check: fc.stringMatching(/^[a-z0-9:-]{1,8}$/),
      detail: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(report, fc.nat(1e9)), { maxLength: 300 }), (reports) => {
        let log = emptyDiagnosticsLog();
        for (const [item, at] of reports) log = recordDiagnostic(log, item, T0 + at);
        const keys = log.entries.map((e) => `${e.site}/${e.check}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(log.entries.length).toBeLessThanOrEqual(DIAGNOSTICS_MAX_ENTRIES);
        const distinct = new Set(reports.map(([r]) => `${r.site}/${r.check}`)).size;
        if (distinct <= DIAGNOSTICS_MAX_ENTRIES) {
          expect(log.entries.reduce((sum, e) => sum + e.count, 0)).toBe(reports.length);
        }
        for (const entry of log.entries)
          expect(entry.firstSeen).toBeLessThanOrEqual(entry.lastSeen);
        // Whatever was stored reads back the same.
        expect(parseDiagnosticsLog(JSON.parse(JSON.stringify(log)))).toEqual(log);
      }),
    );
  });
});

describe('reading the stored log', () => {
  it('treats missing or damaged storage as empty and drops bad entries one by one', () => {
    expect(parseDiagnosticsLog(undefined)).toEqual({ entries: [] });
    expect(parseDiagnosticsLog('garbage')).toEqual({ entries: [] });
    expect(parseDiagnosticsLog({ entries: 'no' })).toEqual({ entries: [] });
    const good = { site: 'gmail', check: 'a', firstSeen: 1, lastSeen: 2, count: 3 };
    expect(
      parseDiagnosticsLog({ entries: [good, { ...good, count: -1 }, { ...good, site: 'x' }, 7] }),
    ).toEqual({ entries: [good] });
  });

  it('never throws on random stored values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (stored) => {
        const log = parseDiagnosticsLog(stored);
        expect(log.entries.length).toBeLessThanOrEqual(DIAGNOSTICS_MAX_ENTRIES);
      }),
    );
  });
});
