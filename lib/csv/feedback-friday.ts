import type { LocalDay } from '../model';
import type { FeedbackFridayReport, WeekOutcome } from '../report/feedback-friday';
import { toCsv } from './cells';
import { UTF8_BOM } from './leads';

const OUTCOME_WORDS: Record<WeekOutcome, string> = {
  reply: 'replied',
  no: 'said no',
  won: 'won',
  lost: 'lost',
};

/**
 * The Feedback Friday report as CSV: the very rows the screen lists (the leads worked in the week),
 * its counts, and its dates written as the screen writes them (`formatDay`). UTF-8 with its
 * byte-order mark, so Excel shows accents.
 */
export function feedbackFridayCsv(
  report: FeedbackFridayReport,
  formatDay: (day: LocalDay) => string,
): string {
  const day = (value: LocalDay | undefined) => (value ? formatDay(value) : '');
  return (
    UTF8_BOM +
    toCsv(
      [
        'Week',
        'Name',
        'Company',
        'Status',
        'Touches this week',
        'Touches in all',
        'Nos',
        'This week',
        'Last touch',
        'Next due',
        'Quiet',
      ],
      report.rows.map((row) => [
        `${day(report.week.start)} – ${day(report.week.end)}`,
        row.name,
        row.company,
        row.status,
        row.touchesThisWeek,
        row.totalTouches,
        row.noCount,
        row.outcomeThisWeek ? OUTCOME_WORDS[row.outcomeThisWeek] : '',
        day(row.lastTouchDay),
        day(row.nextDueDay),
        row.quiet ? 'yes' : 'no',
      ]),
    )
  );
}
