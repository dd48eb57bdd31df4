// The options page's Diagnostics section: what Fifth Touch failed to recognise on Gmail or LinkedIn
// (a selector or a payload shape that stopped matching) and since when. Read from storage.local,
// where the background keeps the bounded log; nothing of it ever leaves the machine.
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import {
  DIAGNOSTICS_KEY,
  parseDiagnosticsLog,
  type DiagnosticEntry,
} from '../../lib/diagnostics/diagnostics';
import { formatInstant } from '../format';

const SITE_LABELS: Record<DiagnosticEntry['site'], string> = {
  gmail: 'Gmail',
  linkedin: 'LinkedIn',
};

export function Diagnostics() {
  const [entries, setEntries] = useState<DiagnosticEntry[] | null>(null);

  useEffect(() => {
    let live = true;
    const read = () =>
      browser.storage.local
        .get(DIAGNOSTICS_KEY)
        .then((stored) => {
          if (live) setEntries(parseDiagnosticsLog(stored[DIAGNOSTICS_KEY]).entries);
        })
        .catch(() => {
          if (live) setEntries([]);
        });
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && DIAGNOSTICS_KEY in changes) void read();
    };
    void read();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  return (
    <section aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">Diagnostics</h2>
      <p className="muted">
        When Gmail or LinkedIn change their pages, Fifth Touch may stop recognising part of them. It
        keeps recording what it can and notes here what it missed. This stays on this computer.
      </p>
      {entries === null ? (
        <p className="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p role="status">Nothing to report: everything Fifth Touch looked for was recognised.</p>
      ) : (
        <>
          <table aria-label="Not recognised">
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">What</th>
                <th scope="col">First seen</th>
                <th scope="col">Last seen</th>
                <th scope="col">Times</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={`${entry.site}/${entry.check}`}>
                  <td>{SITE_LABELS[entry.site]}</td>
                  <td>
                    {entry.check}
                    {entry.detail ? ` (${entry.detail})` : ''}
                  </td>
                  <td>{formatInstant(entry.firstSeen)}</td>
                  <td>{formatInstant(entry.lastSeen)}</td>
                  <td>{entry.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            onClick={() =>
              void browser.storage.local
                .remove(DIAGNOSTICS_KEY)
                .then(() => setEntries([]))
                .catch(() => undefined)
            }
          >
            Clear diagnostics
          </button>
        </>
      )}
    </section>
  );
}
