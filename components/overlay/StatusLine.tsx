// The prospect's name and where they stand, in one slim line. Page data is rendered as text only.
import type { LocalDay } from '../../lib/model';
import type { ProspectSummary } from '../../lib/messages';
import { dueStateOf, statusLine } from './status';

export function StatusLine({ summary, today }: { summary: ProspectSummary; today: LocalDay }) {
  return (
    <p className={`ft-status ft-due-${dueStateOf(summary, today)}`}>
      <strong className="ft-name" title={summary.name}>
        {summary.name}
      </strong>
      <span className="ft-sep"> · </span>
      <span>{statusLine(summary, today)}</span>
    </p>
  );
}
