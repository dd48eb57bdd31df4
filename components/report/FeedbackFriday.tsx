// Feedback Friday: the week shown, what to do next, where every lead stands from its first touch
// beside the published figures, and the leads worked this week. Every count is the week's, and the
// CSV carries the rows the screen shows with the same dates. Loaded only when opened; its chart
// loads after it.
import { parseISO } from 'date-fns';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense } from 'react';
import { addDaysToDay } from '../../lib/cadence/days';
import { feedbackFridayCsv } from '../../lib/csv/feedback-friday';
import { listAllProspects, outcomesOfDays, touchesBetween } from '../../lib/db/lists';
import {
  feedbackFriday,
  LEAD_STANDINGS,
  PERSISTENCE_BUCKETS,
  PUBLISHED_PERSISTENCE,
  QUIET_AFTER_DAYS,
  STANDING_LABELS,
  weekOf,
  type DoNextList,
  type PersistenceFigures,
  type WeekOutcome,
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

const OUTCOME_LABELS: Record<WeekOutcome, string> = {
  reply: 'replied',
  no: 'said no',
  won: 'won',
  lost: 'lost',
};

export default function FeedbackFriday() {
  const db = useDb();
  const today = useToday();
  const saveFile = useSaveFile();
  const openProspect = usePanelStore((s) => s.openProspect);
  const report = useLiveQuery(async () => {
    const week = weekOf(today);
    const [prospects, touches, outcomes] = await Promise.all([
      listAllProspects(db),
      // A day's instants may sit a few hours either side in another zone: read wide, count by day.
      touchesBetween(
        db,
        parseISO(addDaysToDay(week.start, -1)).getTime(),
        parseISO(addDaysToDay(week.end, 2)).getTime(),
      ),
      outcomesOfDays(db, week.start, week.end),
    ]);
    return feedbackFriday({ today, prospects, touches, outcomes });
  }, [db, today]);
  if (!report) return <p className="muted">Loading the report…</p>;
  const { totals, week } = report;

  return (
    <section aria-labelledby="report-title" className="report">
      <h2 id="report-title">
        Feedback Friday: {formatDay(week.start)} – {formatDay(week.end)}
      </h2>
      <p>
        This week: {totals.touchesThisWeek} touches to {totals.leadsTouchedThisWeek} leads ·{' '}
        {totals.newThisWeek} new · {totals.repliedThisWeek} replied · {totals.wonThisWeek} won ·{' '}
        {totals.lostThisWeek} lost · {totals.nosThisWeek} nos · {totals.wentQuietThisWeek} went
        quiet
      </p>
      <button
        type="button"
        onClick={() =>
          saveFile(
            `feedback-friday-${week.start}.csv`,
            feedbackFridayCsv(report, (day) => formatDay(day)),
            'text/csv',
          )
        }
      >
        Export report as CSV
      </button>

      <h3>Do next</h3>
      <ul className="do-next plain-list" aria-label="Do next">
        <DoNext
          title={`Touch on ${formatDay(report.nextMonday)}`}
          empty="Nobody is due by then."
          list={report.doNext.touchMonday}
          detail={(day) => (day && day < report.nextMonday ? `due ${formatDay(day)}` : '')}
          onOpen={openProspect}
        />
        <DoNext
          title="One touch from the fifth"
          empty="Nobody has four touches yet."
          list={report.doNext.oneFromFifth}
          detail={(day) => (day ? `due ${formatDay(day)}` : '')}
          onOpen={openProspect}
        />
        <DoNext
          title="Went quiet"
          empty={`Nobody has gone ${QUIET_AFTER_DAYS} days without a touch.`}
          list={report.doNext.wentQuiet}
          detail={(day) => (day ? `last touch ${formatDay(day)}` : '')}
          onOpen={openProspect}
        />
      </ul>

      <Persistence figures={report.persistence} />

      <h3>Leads worked this week</h3>
      {report.rows.length === 0 ? (
        <p className="muted">No lead was touched or answered this week.</p>
      ) : (
        <table aria-label="Leads this week" className="report-table">
          <thead>
            <tr>
              <th scope="col">Lead</th>
              <th scope="col">Status</th>
              <th scope="col">Week</th>
              <th scope="col">All</th>
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
                  {row.outcomeThisWeek && (
                    <span className="muted"> · {OUTCOME_LABELS[row.outcomeThisWeek]}</span>
                  )}
                  {row.quiet && <span className="undeliverable"> · quiet</span>}
                </td>
                <td>{row.touchesThisWeek}</td>
                <td>{row.totalTouches}</td>
                <td>{row.nextDueDay ? formatDay(row.nextDueDay) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">
        Week: touch days this week; All: touch days in all (a call and an email on one day are one
        touch, as the cadence counts them).
      </p>
    </section>
  );
}

function DoNext({
  title,
  empty,
  list,
  detail,
  onOpen,
}: {
  title: string;
  empty: string;
  list: DoNextList;
  detail: (day: string | undefined) => string;
  onOpen: (prospectId: string) => void;
}) {
  return (
    <li>
      <h4>
        {title} ({list.count})
      </h4>
      {list.count === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul aria-label={title} className="plain-list">
          {list.shown.map((entry) => (
            <li key={entry.prospectId}>
              <button
                type="button"
                className="link-button"
                onClick={() => onOpen(entry.prospectId)}
              >
                {entry.name}
              </button>
              {detail(entry.day) && <span className="muted"> · {detail(entry.day)}</span>}
            </li>
          ))}
          {list.count > list.shown.length && (
            <li className="muted">…and {list.count - list.shown.length} more</li>
          )}
        </ul>
      )}
    </li>
  );
}

function Persistence({ figures }: { figures: PersistenceFigures }) {
  return (
    <>
      <h3>Your persistence</h3>
      <p className="muted">
        Every lead you have touched, by its number of touches, and where it stands: still being
        worked, replied, won, lost, or stopped (no touch for {QUIET_AFTER_DAYS}+ days). Only
        stopping is set beside the published figures: 44% of salespeople stop after one attempt, 22%
        after two, 14% after three, 12% after four, while{' '}
        {PUBLISHED_PERSISTENCE.salesNeedingFivePlus}% of sales need five or more follow-ups.
      </p>
      {figures.touched > 0 && (
        <Suspense fallback={null}>
          <PersistenceChart figures={figures} published={PUBLISHED_STOPS} />
        </Suspense>
      )}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Persistence table">
        <table aria-label="Your persistence" className="report-table">
          <thead>
            <tr>
              <th scope="col">Touches</th>
              {LEAD_STANDINGS.map((standing) => (
                <th scope="col" key={standing}>
                  {STANDING_LABELS[standing]}
                </th>
              ))}
              <th scope="col">Reps</th>
            </tr>
          </thead>
          <tbody>
            {PERSISTENCE_BUCKETS.map((bucket, i) => (
              <tr key={bucket}>
                <th scope="row">{bucket}</th>
                {LEAD_STANDINGS.map((standing) => (
                  <td key={standing}>
                    {figures.byTouches[i]![standing]}
                    {standing === 'quiet' && figures.touched > 0
                      ? ` (${figures.stoppedPercentages[i]}%)`
                      : ''}
                  </td>
                ))}
                <td>{i < 4 ? `${PUBLISHED_STOPS[i]}%` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
