// The status of the LinkedIn profile open in the current tab, so the rep who turned the LinkedIn
// overlays off still sees where that person stands.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { linkedInIdFromUrl } from '../../lib/identity';
import { findProspectByLinkedInId } from '../../lib/db/queries';
import { useDb, useToday } from '../env';
import { relativeDue, STATUS_LABELS, touchProgress } from '../format';
import { usePanelStore } from '../store';

/** Calls back with the active tab's URL now and whenever it changes; returns an unsubscribe. */
export type ActiveTabWatcher = (onUrl: (url: string | undefined) => void) => () => void;

export function OpenTabStatus({ watchActiveTab }: { watchActiveTab: ActiveTabWatcher }) {
  const db = useDb();
  const today = useToday();
  const openProspect = usePanelStore((s) => s.openProspect);
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => watchActiveTab(setUrl), [watchActiveTab]);
  const linkedinId = url ? linkedInIdFromUrl(url) : null;
  const lookup = useLiveQuery(
    async () => ({
      linkedinId,
      prospect: linkedinId ? await findProspectByLinkedInId(db, linkedinId) : undefined,
    }),
    [db, linkedinId],
  );
  if (!linkedinId || !lookup || lookup.linkedinId !== linkedinId) return null;
  const prospect = lookup.prospect;
  return (
    <aside className="open-tab" aria-label="Open LinkedIn profile">
      {prospect ? (
        <>
          On LinkedIn now:{' '}
          <button type="button" className="link-button" onClick={() => openProspect(prospect.id)}>
            {prospect.name}
          </button>{' '}
          · {STATUS_LABELS[prospect.status]}
          {prospect.status === 'active' && <> · {touchProgress(prospect)}</>}
          {prospect.nextDueDay && <> · due {relativeDue(prospect.nextDueDay, today)}</>}
        </>
      ) : (
        <>On LinkedIn now: {linkedinId} is not a prospect yet.</>
      )}
    </aside>
  );
}
