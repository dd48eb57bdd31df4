import { useState } from 'react';
import { addDaysToDay, isLocalDay, weekdayOf } from '../../lib/cadence/days';
import type { LocalDay, Prospect } from '../../lib/model';
import { useToday } from '../env';
import { formatDay } from '../format';

/** Snooze choices: tomorrow, in 3 days, next Monday, or a day the rep picks. */
export function SnoozeMenu({
  prospect,
  onSnooze,
  onCancel,
}: {
  prospect: Prospect;
  onSnooze: (until: LocalDay) => void;
  onCancel: () => void;
}) {
  const today = useToday();
  const [picked, setPicked] = useState('');
  const nextMonday = addDaysToDay(today, (8 - weekdayOf(today)) % 7 || 7);
  const choices: [string, LocalDay][] = [
    ['Tomorrow', addDaysToDay(today, 1)],
    ['3 days', addDaysToDay(today, 3)],
    ['Next week', nextMonday],
  ];
  const pickedValid = isLocalDay(picked) && picked > today;
  return (
    <div className="inline-form" role="group" aria-label={`Snooze ${prospect.name}`}>
      {choices.map(([label, day]) => (
        <button key={label} type="button" onClick={() => onSnooze(day)} title={formatDay(day)}>
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
      <button type="button" disabled={!pickedValid} onClick={() => onSnooze(picked)}>
        Snooze to date
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
