import { useState, type FormEvent } from 'react';
import { CHANNELS, type Channel, type Prospect } from '../../lib/model';
import type { ManualTouchInput } from '../actions';
import { CHANNEL_LABELS } from '../format';

/** Logs a touch the extension could not see: a call, a meeting, a tweet. */
export function ManualTouchForm({
  prospect,
  onLog,
  onCancel,
}: {
  prospect: Prospect;
  onLog: (input: ManualTouchInput) => void;
  onCancel: () => void;
}) {
  const [channel, setChannel] = useState<Channel>(prospect.nextChannels[0] ?? 'call');
  const [summary, setSummary] = useState('');
  const [note, setNote] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    onLog({
      channel,
      summary: summary.trim() || `${CHANNEL_LABELS[channel]} (logged by hand)`,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  }
  return (
    <form className="inline-form" aria-label={`Log a touch for ${prospect.name}`} onSubmit={submit}>
      <label>
        Channel
        <select value={channel} onChange={(event) => setChannel(event.target.value as Channel)}>
          {CHANNELS.map((option) => (
            <option key={option} value={option}>
              {CHANNEL_LABELS[option]}
            </option>
          ))}
        </select>
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
    </form>
  );
}
