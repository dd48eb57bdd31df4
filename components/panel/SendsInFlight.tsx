// Sends that are not settled touches yet, above the lists: those still in Gmail's undo window
// (already counted as touched, so nobody follows up twice) and those that came past a rate limit,
// each with one-click Keep and Discard. Nothing shows when there is nothing in flight.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { listSendsInFlight, listUnconfirmedSends } from '../../lib/db/sends';
import { discardUnconfirmedSends, keepUnconfirmedSend } from '../../lib/db/writes';
import type { UnconfirmedSend } from '../../lib/model';
import { useEnv } from '../env';
import { formatInstant } from '../format';
import { usePanelStore } from '../store';

const SITE = { email: 'Gmail', linkedin: 'LinkedIn' } as const;

const WHY: Record<UnconfirmedSend['reason'], string> = {
  rate: 'more sends at once than a person makes, or no Send click seen in the tab',
  'page-cap': 'more sends than one page may make',
};

/** Who a send went to, in a few words: names where the page gave them, else the address or id. */
function recipientsOf(row: UnconfirmedSend): string {
  const names = row.send.recipients.map(
    (recipient) => recipient.name || recipient.email || recipient.linkedinId || '',
  );
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

export function SendsInFlight() {
  return (
    <>
      <Sending />
      <Unconfirmed />
    </>
  );
}

function Sending() {
  const { db } = useEnv();
  const sends = useLiveQuery(() => listSendsInFlight(db), [db]);
  const openProspect = usePanelStore((s) => s.openProspect);
  if (!sends?.length) return null;
  return (
    <section className="in-flight" aria-labelledby="sending-title">
      <h2 id="sending-title">Sending</h2>
      <p className="muted hint">
        Counted as touched already; {SITE[sends[0]!.channel]} can still undo{' '}
        {sends.length === 1 ? 'it' : 'them'} for a few seconds.
      </p>
      <ul>
        {sends.map((send) => (
          <li key={`${send.channel}:${send.sendKey}`}>
            {send.prospects.map((prospect, index) => (
              <span key={prospect.id}>
                {index > 0 && ', '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => openProspect(prospect.id)}
                >
                  {prospect.name}
                </button>
              </span>
            ))}{' '}
            · {send.summary} · sending…
          </li>
        ))}
      </ul>
    </section>
  );
}

function Unconfirmed() {
  const { db, now } = useEnv();
  const rows = useLiveQuery(() => listUnconfirmedSends(db), [db]);
  const setError = usePanelStore((s) => s.setError);
  const [busy, setBusy] = useState(false);
  if (!rows?.length) return null;

  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await run();
    } catch (error) {
      setError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="in-flight" aria-labelledby="unconfirmed-title">
      <h2 id="unconfirmed-title">Unconfirmed sends</h2>
      <p className="muted hint">
        These went out, but came past a limit meant to stop forged sends. Keep the ones you sent;
        discard the rest. Nothing of them counts until you keep it.
      </p>
      <ul>
        {rows.map((row) => {
          const who = recipientsOf(row);
          return (
            <li key={row.id}>
              <div>
                {SITE[row.send.channel]} to {who} · {row.send.summary} ·{' '}
                <time dateTime={new Date(row.send.at).toISOString()}>
                  {formatInstant(row.send.at)}
                </time>
              </div>
              <div className="muted hint">Why: {WHY[row.reason]}.</div>
              <div className="row-actions" role="group" aria-label={`Unconfirmed send to ${who}`}>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void act(() => keepUnconfirmedSend(db, row.id, { now: now() }))}
                >
                  Keep
                </button>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void act(() => discardUnconfirmedSends(db, [row.id]))}
                >
                  Discard
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {rows.length > 1 && (
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void act(() =>
              discardUnconfirmedSends(
                db,
                rows.map((row) => row.id),
              ),
            )
          }
        >
          Discard all {rows.length}
        </button>
      )}
    </section>
  );
}
