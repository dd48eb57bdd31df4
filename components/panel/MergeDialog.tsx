import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { listProspectsForMerge } from '../../lib/db/lists';
import type { Prospect } from '../../lib/model';
import { useDb } from '../env';

/** Picks the other record of the same person; the open prospect keeps its name and gains the rest. */
export function MergeDialog({
  prospect,
  onMerge,
  onCancel,
}: {
  prospect: Prospect;
  onMerge: (other: Prospect) => void;
  onCancel: () => void;
}) {
  const db = useDb();
  const [query, setQuery] = useState('');
  const candidates = useLiveQuery(
    () => listProspectsForMerge(db, prospect.id, query),
    [db, prospect.id, query],
  );
  const title = `Merge into ${prospect.name}`;
  return (
    <section role="dialog" aria-label={title} className="dialog">
      <h2>{title}</h2>
      <label>
        Find the other record
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      <ul className="plain-list" aria-label="Merge candidates">
        {(candidates ?? []).map((other) => (
          <li key={other.id}>
            <span>
              {other.name}
              {other.company && <span className="company"> {other.company}</span>}
              <span className="muted"> {[...other.emails, ...other.linkedinIds].join(', ')}</span>
            </span>
            <button type="button" onClick={() => onMerge(other)}>
              Merge {other.name}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}
