// A prospect's page: who they are, every touch and outcome across channels in one timeline, and
// the cadence ahead.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { addDaysToDay, shiftOffWeekend } from '../../lib/cadence/days';
import { getProspect, outcomesOf, touchesOf } from '../../lib/db/queries';
import type { LocalDay, Outcome, Prospect, Settings, Touch } from '../../lib/model';
import { useProspectActions } from '../actions';
import { useDb } from '../env';
import {
  CHANNEL_LABELS,
  formatDay,
  formatInstant,
  linkedInProfileUrl,
  nosProgress,
  safeHttpsUrl,
  STATUS_LABELS,
  telUrl,
  touchProgress,
  twitterProfileUrl,
} from '../format';
import { usePanelStore } from '../store';
import { ProspectCard } from './ProspectCard';

const OUTCOME_LABELS: Record<Outcome['kind'], string> = {
  reply: 'Replied',
  no: 'Said no',
  won: 'Won',
  lost: 'Lost',
  snooze: 'Snoozed',
  pause: 'Paused',
  resume: 'Resumed',
};

type TimelineEntry = { at: number; key: string; touch?: Touch; outcome?: Outcome };

export function ProspectPage({ prospectId, settings }: { prospectId: string; settings: Settings }) {
  const db = useDb();
  const showView = usePanelStore((s) => s.showView);
  const openDialog = usePanelStore((s) => s.openDialog);
  const actions = useProspectActions();
  const heading = useRef<HTMLHeadingElement>(null);
  const data = useLiveQuery(async () => {
    const prospect = await getProspect(db, prospectId);
    if (!prospect) return { prospect: undefined, touches: [], outcomes: [] };
    const [touches, outcomes] = await Promise.all([
      touchesOf(db, prospectId),
      outcomesOf(db, prospectId),
    ]);
    return { prospect, touches, outcomes };
  }, [db, prospectId]);
  const loaded = !!data?.prospect;
  // The page takes focus where it starts, so a keyboard user is not left on a row that is gone.
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);
  if (!data) return <p className="muted">Loading…</p>;
  const { prospect, touches, outcomes } = data;
  const back = (
    <button type="button" className="link-button" onClick={() => showView('lists')}>
      ← Back to the lists
    </button>
  );
  if (!prospect) {
    return (
      <section aria-label="Prospect">
        {back}
        <p>This prospect no longer exists (merged or removed).</p>
      </section>
    );
  }

  const timeline: TimelineEntry[] = [
    ...touches.map((touch) => ({ at: touch.at, key: `t-${touch.id}`, touch })),
    ...outcomes.map((outcome) => ({ at: outcome.at, key: `o-${outcome.id}`, outcome })),
  ].sort((a, b) => b.at - a.at);

  return (
    <section aria-labelledby="prospect-title" className="prospect-page">
      {back}
      <h2 id="prospect-title" tabIndex={-1} ref={heading}>
        {prospect.name}
      </h2>
      <p>
        {prospect.company && <span className="company">{prospect.company} · </span>}
        <span>{STATUS_LABELS[prospect.status]}</span>
        {prospect.status !== 'not-prospect' && (
          <>
            {' · '}
            {touchProgress(prospect)} · {nosProgress(prospect.noCount, settings.nosThreshold)}
          </>
        )}
      </p>
      <p className="reason">{prospect.reason}</p>
      <Identities prospect={prospect} />
      {prospect.status !== 'not-prospect' && (
        <ul className="prospects" aria-label="This prospect">
          <ProspectCard
            prospect={prospect}
            settings={settings}
            actions={actions}
            index={0}
            active
            onFocusRow={() => undefined}
            onRowKeyDown={() => undefined}
          />
        </ul>
      )}
      <div className="row-actions">
        <button type="button" onClick={() => openDialog({ kind: 'edit', prospectId })}>
          Edit
        </button>
        <button type="button" onClick={() => openDialog({ kind: 'merge', prospectId })}>
          Merge…
        </button>
        {prospect.status !== 'not-prospect' && (
          <button type="button" onClick={() => void actions.markNotAProspect(prospect)}>
            Not a prospect
          </button>
        )}
      </div>
      <CadenceAhead prospect={prospect} settings={settings} />
      <h3>Timeline</h3>
      {timeline.length === 0 ? (
        <p className="muted">No touches yet.</p>
      ) : (
        <ol className="timeline" aria-label="Timeline">
          {timeline.map((entry) => (
            <li key={entry.key}>
              <time dateTime={new Date(entry.at).toISOString()}>{formatInstant(entry.at)}</time>{' '}
              {entry.touch ? (
                <TouchLine touch={entry.touch} />
              ) : (
                <OutcomeLine outcome={entry.outcome!} />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Identities({ prospect }: { prospect: Prospect }) {
  const undeliverable = new Set(prospect.undeliverable ?? []);
  return (
    <ul className="plain-list identities" aria-label="Addresses and profiles">
      {prospect.title && <li>{prospect.title}</li>}
      {prospect.phone && (
        <li>
          ☎{' '}
          {telUrl(prospect.phone) ? (
            <a href={telUrl(prospect.phone)}>{prospect.phone}</a>
          ) : (
            prospect.phone
          )}
        </li>
      )}
      {prospect.twitter && (
        <li>
          𝕏{' '}
          <a href={twitterProfileUrl(prospect.twitter)} target="_blank" rel="noreferrer noopener">
            @{prospect.twitter}
          </a>
        </li>
      )}
      {prospect.emails.map((email) => (
        <li key={email}>
          ✉ {email}
          {undeliverable.has(email) && <span className="undeliverable"> undeliverable</span>}
        </li>
      ))}
      {prospect.linkedinIds.map((id) => {
        const url = linkedInProfileUrl(id);
        return (
          <li key={id}>
            in{' '}
            {url ? (
              <a href={url} target="_blank" rel="noreferrer noopener">
                {id}
              </a>
            ) : (
              id
            )}
          </li>
        );
      })}
    </ul>
  );
}

function TouchLine({ touch }: { touch: Touch }) {
  const link = safeHttpsUrl(touch.link);
  const label = `${touch.direction === 'in' ? 'Received' : CHANNEL_LABELS[touch.channel]}: ${touch.summary}`;
  return (
    <span>
      {link ? (
        <a href={link} target="_blank" rel="noreferrer noopener">
          {label}
        </a>
      ) : (
        label
      )}
      {touch.source !== 'detected' && <span className="muted"> ({touch.source})</span>}
    </span>
  );
}

function OutcomeLine({ outcome }: { outcome: Outcome }) {
  return (
    <span className={`outcome outcome-${outcome.kind}`}>
      {OUTCOME_LABELS[outcome.kind]}
      {outcome.until && ` until ${formatDay(outcome.until)}`}
      {outcome.note && <span className="muted"> — {outcome.note}</span>}
    </span>
  );
}

/** The steps still to come, dated from the next due day by the cadence's own gaps. */
function CadenceAhead({ prospect, settings }: { prospect: Prospect; settings: Settings }) {
  if (!prospect.nextDueDay || prospect.status === 'won') return null;
  const start = prospect.nextStep - 1;
  const around = (day: LocalDay) => (settings.skipWeekends ? shiftOffWeekend(day) : day);
  const first = settings.cadence[start];
  const ahead: { step: number; day: LocalDay; channels: string }[] = first
    ? settings.cadence.slice(start).map((step, i) => ({
        step: start + i + 1,
        day: around(addDaysToDay(prospect.nextDueDay!, step.day - first.day)),
        channels: step.channels.map((channel) => CHANNEL_LABELS[channel]).join(', '),
      }))
    : [{ step: prospect.nextStep, day: prospect.nextDueDay, channels: 'Email (nurture)' }];
  return (
    <>
      <h3>Cadence ahead</h3>
      <ol className="plain-list" aria-label="Cadence ahead">
        {ahead.map((entry) => (
          <li key={entry.step}>
            Touch {entry.step}: {entry.channels}, around {formatDay(entry.day)}
          </li>
        ))}
      </ol>
    </>
  );
}
