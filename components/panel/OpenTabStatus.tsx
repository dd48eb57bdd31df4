// The status of the LinkedIn profile or conversation open in the current tab, so the rep who turned
// the LinkedIn overlays off still sees where that person stands; and, when the tab's content
// script could not read that page, one line that says so.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { findProspectByLinkedInId, prospectsInConversation } from '../../lib/db/queries';
import type { FifthTouchDb } from '../../lib/db/schema';
import type { LocalDay, Prospect } from '../../lib/model';
import type { PageRead } from '../../lib/page-read';
import { linkedInPageSubject, type LinkedInPageSubject } from '../../lib/sites/linkedin/urls';
import { UNREADABLE_TEXT } from '../linkedin/UnreadableNotice';
import { useDb, useToday } from '../env';
import { relativeDue, STATUS_LABELS, touchProgress } from '../format';
import { usePanelStore } from '../store';

/**
 * Calls back with the active tab's URL now and whenever it changes, and which page of it (if any)
 * its content script reported it could not read; returns an unsubscribe.
 */
export type ActiveTabWatcher = (
  onUrl: (url: string | undefined, unreadable?: PageRead['page']) => void,
) => () => void;

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
  const [tab, setTab] = useState<{ url?: string; unreadable?: PageRead['page'] }>({});
  useEffect(
    () =>
      watchActiveTab((url, unreadable) =>
        setTab((previous) =>
          previous.url === url && previous.unreadable === unreadable
            ? previous
            : { ...(url ? { url } : {}), ...(unreadable ? { unreadable } : {}) },
        ),
      ),
    [watchActiveTab],
  );
  const { url } = tab;
  const subject = useMemo(() => linkedInPageSubject(url), [url]);
  const lookup = useLiveQuery(
    async () => ({ subject, prospects: subject ? await prospectsOn(db, subject) : [] }),
    [db, subject],
  );
  if (!subject || !lookup || lookup.subject !== subject) return null;
  const { prospects } = lookup;
  const page = subject.kind === 'profile' ? 'profile' : 'conversation';
  const unreadable =
    tab.unreadable === page ? (
      <p className="open-tab-unreadable" role="status">
        On LinkedIn now: {UNREADABLE_TEXT[page]}.
      </p>
    ) : null;

  if (subject.kind === 'profile') {
    return (
      <aside className="open-tab" aria-label="Open LinkedIn profile">
        {unreadable}
        {prospects[0] ? (
          <StatusLine prospect={prospects[0]} today={today} />
        ) : unreadable ? null : (
          <>On LinkedIn now: {subject.linkedinId} is not a prospect yet.</>
        )}
      </aside>
    );
  }
  return (
    <aside className="open-tab" aria-label="Open LinkedIn conversation">
      {unreadable}
      {prospects.length ? (
        prospects.map((prospect) => (
          <div key={prospect.id}>
            <StatusLine prospect={prospect} today={today} />
          </div>
        ))
      ) : unreadable ? null : (
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
