// Snooze choices, each named by the day the prospect will really come due (lib/cadence/snooze.ts),
// or a day the rep picks. Opening it moves focus to the first choice; Escape closes it and hands
// focus back (the caller's onCancel).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { addDaysToDay, isLocalDay } from '../../lib/cadence/days';
import { snoozeChoices, snoozeLandsOn } from '../../lib/cadence/snooze';
import type { LocalDay, Prospect } from '../../lib/model';
import { useToday } from '../env';
import { formatDay } from '../format';

export function SnoozeMenu({
  prospect,
  skipWeekends,
  onSnooze,
  onCancel,
}: {
  prospect: Prospect;
  skipWeekends: boolean;
  onSnooze: (until: LocalDay) => void;
  onCancel: () => void;
}) {
  const today = useToday();
  const [picked, setPicked] = useState('');
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const pickedValid = isLocalDay(picked) && picked > today;
  const pickedLands = pickedValid ? snoozeLandsOn(picked, skipWeekends) : undefined;
  function onKeyDown(event: KeyboardEvent) {
    // Keys typed here are the menu's, never the row's shortcuts.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }
  return (
    <div
      className="inline-form"
      role="group"
      aria-label={`Snooze ${prospect.name}`}
      onKeyDown={onKeyDown}
    >
      {snoozeChoices(today, { skipWeekends }).map(({ label, until }, index) => (
        <button
          key={until}
          ref={index === 0 ? first : undefined}
          type="button"
          onClick={() => onSnooze(until)}
          title={formatDay(until)}
        >
          {label}
        </button>
      ))}
      <label>
        Until
        <input
          type="date"
          value={picked}
          min={addDaysToDay(today, 1)}
          onChange={(event) => setPicked(event.target.value)}
        />
      </label>
      <button
        type="button"
        disabled={!pickedLands}
        onClick={() => pickedLands && onSnooze(pickedLands)}
      >
        {pickedLands ? `Snooze to ${formatDay(pickedLands)}` : 'Snooze to date'}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
