// The small "3 due today" pill in Gmail's corner; a click opens the side panel.
import type { DueCount as DueCountData } from '../../lib/messages';

export function DueCount({ count, onOpen }: { count: DueCountData; onOpen(): void }) {
  const total = count.due;
  if (total <= 0) return null;
  const words =
    count.overdue > 0 ? `${total} follow-ups due (${count.overdue} overdue)` : `${total} due today`;
  return (
    <div className="ft ft-pill">
      <button
        type="button"
        onClick={onOpen}
        aria-label={`Fifth Touch: ${words}. Open the side panel`}
      >
        {words}
      </button>
    </div>
  );
}
