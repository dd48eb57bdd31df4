import type { FeedbackFridayReport } from '../report/feedback-friday';
import { toCsv } from './cells';

/** The Feedback Friday report as CSV, one line per lead. */
export function feedbackFridayCsv(report: FeedbackFridayReport): string {
  return toCsv(
    [
      'Name',
      'Company',
      'Status',
      'Touches this week',
      'Total touches',
      'Nos',
      'Next due',
      'Last touch',
      'Quiet',
    ],
    report.rows.map((row) => [
      row.name,
      row.company,
      row.status,
      row.touchesThisWeek,
      row.totalTouches,
      row.noCount,
      row.nextDueDay,
      row.lastTouchDay,
      row.quiet ? 'yes' : 'no',
    ]),
  );
}
