// The status of the LinkedIn profile or conversation open in the current tab, so the rep who turned
// the LinkedIn overlays off still sees where that person stands.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { findProspectByLinkedInId, prospectsInConversation } from '../../lib/db/queries';
import type { FifthTouchDb } from '../../lib/db/schema';
import type { LocalDay, Prospect } from '../../lib/model';
import { linkedInPageSubject, type LinkedInPageSubject } from '../../lib/sites/linkedin/urls';
import { useDb, useToday } from '../env';
import { relativeDue, STATUS_LABELS, touchProgress } from '../format';
import { usePanelStore } from '../store';

/** Calls back with the active tab's URL now and whenever it changes; returns an unsubscribe. */
export type ActiveTabWatcher = (onUrl: (url: string | undefined) => void) => () => void;

/** The prospects a page is about: the profile's person, or whom the conversation was sent to. */
async function prospectsOn(db: FifthTouchDb, subject: LinkedInPageSubject): Promise<Prospect[]> {
  if (subject.kind === 'conversation') return prospectsInConversation(db, subject.conversationId);
  const ids = subject.kind === 'profile' ? [subject.linkedinId] : subject.linkedinIds;
  const found = await Promise.all(ids.map((id) => findProspectByLinkedInId(db, id)));
  const byId = new Map(found.filter((p): p is Prospect => !!p).map((p) => [p.id, p]));
  return [...byId.values()];
}

export function OpenTabStatus({ watchActiveTab }: { watchActiveTab: ActiveTabWatcher }) {
  const db = useDb();
  const today = useToday();
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => watchActiveTab(setUrl), [watchActiveTab]);
  const subject = useMemo(() => linkedInPageSubject(url), [url]);
  const lookup = useLiveQuery(
    async () => ({ subject, prospects: subject ? await prospectsOn(db, subject) : [] }),
    [db, subject],
  );
  if (!subject || !lookup || lookup.subject !== subject) return null;
  const { prospects } = lookup;

  if (subject.kind === 'profile') {
    return (
      <aside className="open-tab" aria-label="Open LinkedIn profile">
        {prospects[0] ? (
          <StatusLine prospect={prospects[0]} today={today} />
        ) : (
          <>On LinkedIn now: {subject.linkedinId} is not a prospect yet.</>
        )}
      </aside>
    );
  }
  return (
    <aside className="open-tab" aria-label="Open LinkedIn conversation">
      {prospects.length ? (
        prospects.map((prospect) => (
          <div key={prospect.id}>
            <StatusLine prospect={prospect} today={today} />
          </div>
        ))
      ) : (
        <>On LinkedIn now: no prospect in this conversation yet.</>
      )}
    </aside>
  );
}

function StatusLine({ prospect, today }: { prospect: Prospect; today: LocalDay }) {
  const openProspect = usePanelStore((s) => s.openProspect);
  return (
    <>
      On LinkedIn now:{' '}
      <button type="button" className="link-button" onClick={() => openProspect(prospect.id)}>
        {prospect.name}
      </button>{' '}
      · {STATUS_LABELS[prospect.status]}
      {prospect.status === 'active' && <> · {touchProgress(prospect)}</>}
      {prospect.nextDueDay && <> · due {relativeDue(prospect.nextDueDay, today)}</>}
    </>
  );
}
