// Feedback Friday: every lead's week, who went quiet, and the rep's persistence beside the
// published figures. Loaded only when opened; its chart loads after it.
import { parseISO } from 'date-fns';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense } from 'react';
import { addDaysToDay } from '../../lib/cadence/days';
import { feedbackFridayCsv } from '../../lib/csv/feedback-friday';
import { listAllProspects, touchesBetween } from '../../lib/db/lists';
import {
  feedbackFriday,
  PERSISTENCE_BUCKETS,
  PUBLISHED_PERSISTENCE,
  QUIET_AFTER_DAYS,
  weekOf,
  type PersistenceFigures,
} from '../../lib/report/feedback-friday';
import { useDb, useSaveFile, useToday } from '../env';
import { formatDay, STATUS_LABELS } from '../format';
import { usePanelStore } from '../store';

const PersistenceChart = lazy(() => import('./PersistenceChart'));

/** Published share of salespeople who stop after 1, 2, 3, 4 attempts; the rest go on to 5+. */
const PUBLISHED_STOPS = [
  ...PUBLISHED_PERSISTENCE.stopAfter,
  100 - PUBLISHED_PERSISTENCE.stopAfter.reduce((sum, share) => sum + share, 0),
];

export default function FeedbackFriday() {
  const db = useDb();
  const today = useToday();
  const saveFile = useSaveFile();
  const openProspect = usePanelStore((s) => s.openProspect);
  const report = useLiveQuery(async () => {
    const week = weekOf(today);
    const [prospects, touches] = await Promise.all([
      listAllProspects(db),
      touchesBetween(
        db,
        parseISO(week.start).getTime(),
        parseISO(addDaysToDay(week.end, 1)).getTime(),
      ),
    ]);
    return feedbackFriday({ today, prospects, touches });
  }, [db, today]);
  if (!report) return <p className="muted">Loading the report…</p>;
  const { totals, week } = report;

  return (
    <section aria-labelledby="report-title" className="report">
      <h2 id="report-title">
        Feedback Friday: {formatDay(week.start)} – {formatDay(week.end)}
      </h2>
      <p>
        {totals.touchesThisWeek} touches to {totals.leadsTouchedThisWeek} of {totals.leads} leads
        this week · {totals.quiet} gone quiet · {totals.replied} replied · {totals.won} won ·{' '}
        {totals.lost} lost
      </p>
      <button
        type="button"
        onClick={() =>
          saveFile(`feedback-friday-${week.start}.csv`, feedbackFridayCsv(report), 'text/csv')
        }
      >
        Export report as CSV
      </button>
      <Persistence figures={report.persistence} />
      <h3>Every lead</h3>
      {report.rows.length === 0 ? (
        <p className="muted">No leads yet.</p>
      ) : (
        <table aria-label="Leads this week">
          <thead>
            <tr>
              <th scope="col">Lead</th>
              <th scope="col">Status</th>
              <th scope="col">This week</th>
              <th scope="col">Nos</th>
              <th scope="col">Next due</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.prospectId}>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => openProspect(row.prospectId)}
                  >
                    {row.name}
                  </button>
                  {row.company && <span className="company"> {row.company}</span>}
                </td>
                <td>
                  {STATUS_LABELS[row.status]}
                  {row.quiet && <span className="undeliverable"> · quiet</span>}
                </td>
                <td>{row.touchesThisWeek}</td>
                <td>{row.noCount}</td>
                <td>{row.nextDueDay ? formatDay(row.nextDueDay) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Persistence({ figures }: { figures: PersistenceFigures }) {
  const published = PUBLISHED_STOPS;
  return (
    <>
      <h3>Your persistence</h3>
      <p className="muted">
        Touches leads received before they closed or went quiet ({QUIET_AFTER_DAYS}+ days without a
        touch), beside the published figures: 44% of salespeople stop after one attempt, 22% after
        two, 14% after three, 12% after four — while {PUBLISHED_PERSISTENCE.salesNeedingFivePlus}%
        of sales need five or more follow-ups.
      </p>
      {figures.stopped > 0 && (
        <Suspense fallback={null}>
          <PersistenceChart figures={figures} published={published} />
        </Suspense>
      )}
      <table aria-label="Your persistence">
        <thead>
          <tr>
            <th scope="col">Touches</th>
            <th scope="col">Your leads</th>
            <th scope="col">Salespeople who stop (published)</th>
          </tr>
        </thead>
        <tbody>
          {PERSISTENCE_BUCKETS.map((bucket, i) => (
            <tr key={bucket}>
              <th scope="row">{bucket}</th>
              <td>
                {figures.counts[i]} ({figures.percentages[i]}%)
              </td>
              <td>{published[i]}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
