// Logs a touch the extension could not see: a call, a meeting, a tweet, dated when it happened
// (now by default, never in the future). Takes focus when it opens; Escape or Cancel closes it.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CHANNELS, type Channel, type Prospect } from '../../lib/model';
import type { ManualTouchInput } from '../actions';
import { useEnv } from '../env';
import { CHANNEL_LABELS } from '../format';

/** `yyyy-MM-ddTHH:mm` in local time, as a datetime-local input holds it. */
export function toLocalInput(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a datetime-local value names in local time, or null when it names none. */
export function fromLocalInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  return date.getMonth() === mo - 1 && date.getDate() === d ? date.getTime() : null;
}

/** How far back a touch may be logged. */
const OLDEST_DAYS = 365;

export function ManualTouchForm({
  prospect,
  defaultSummary,
  onLog,
  onCancel,
}: {
  prospect: Prospect;
  defaultSummary?: string;
  onLog: (input: ManualTouchInput) => void;
  onCancel: () => void;
}) {
  const { now } = useEnv();
  const [opened] = useState(() => now());
  const [channel, setChannel] = useState<Channel>(prospect.nextChannels[0] ?? 'call');
  const [summary, setSummary] = useState(defaultSummary ?? '');
  const [note, setNote] = useState('');
  const [when, setWhen] = useState(() => toLocalInput(opened));
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const whenId = `touch-when-${prospect.id}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    const at = fromLocalInput(when);
    const current = now();
    if (at === null) return setProblem('Enter the date and time of the touch.');
    // The minute shown as "now" is fine; later is not.
    if (at > current + 60_000) return setProblem('A touch cannot be in the future.');
    if (at < current - OLDEST_DAYS * 86_400_000)
      return setProblem('A touch more than a year ago cannot be logged here.');
    onLog({
      channel,
      at: Math.min(at, current),
      summary: summary.trim() || `${CHANNEL_LABELS[channel]} (logged by hand)`,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  }
  function onKeyDown(event: KeyboardEvent) {
    // Keys typed here are the form's, never the row's shortcuts.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }
  return (
    <form
      className="inline-form"
      aria-label={`Log a touch for ${prospect.name}`}
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
    >
      <label>
        Channel
        <select
          ref={first}
          value={channel}
          onChange={(event) => setChannel(event.target.value as Channel)}
        >
          {CHANNELS.map((option) => (
            <option key={option} value={option}>
              {CHANNEL_LABELS[option]}
            </option>
          ))}
        </select>
      </label>
      <label>
        When
        <input
          id={whenId}
          type="datetime-local"
          value={when}
          max={toLocalInput(opened)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${whenId}-problem` : undefined}
          onChange={(event) => {
            setProblem(null);
            setWhen(event.target.value);
          }}
        />
      </label>
      <label>
        Summary
        <input
          value={summary}
          maxLength={200}
          onChange={(event) => setSummary(event.target.value)}
        />
      </label>
      <label>
        Note
        <input value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} />
      </label>
      <button type="submit">Log</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {problem && (
        <p className="field-error" id={`${whenId}-problem`} role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
