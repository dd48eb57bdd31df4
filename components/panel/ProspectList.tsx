// One section's follow-ups (or the search results), a page at a time, navigable by keyboard:
// arrows or j/k move, Enter opens, the action keys act on the focused prospect.
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { listSection, searchProspects, type PanelSection } from '../../lib/db/lists';
import type { Prospect, Settings } from '../../lib/model';
import { useProspectActions, type ProspectActions } from '../actions';
import { useDb, useToday } from '../env';
import { usePanelStore } from '../store';
import { ProspectCard, SHORTCUTS } from './ProspectCard';

export const SECTION_LABELS: Record<PanelSection, string> = {
  overdue: 'Overdue',
  today: 'Due today',
  upcoming: 'Upcoming',
  replied: 'Replied',
  closed: 'Closed',
};

/**
 * Cards in a list's first commit: more than a tall panel shows. The rest of the page follows in a
 * background render right after, so the first screenful is not held up by cards below the fold.
 */
export const FIRST_SCREEN_ROWS = 12;

const EMPTY_MESSAGES: Record<PanelSection, string> = {
  overdue: 'Nothing overdue.',
  today: 'Nothing due today.',
  upcoming: 'Nothing due in the next 7 days.',
  replied: 'No replies waiting on you.',
  closed: 'No won or lost leads yet.',
};

/** `settings` may still be loading: the list is read meanwhile, and shown once both are in. */
export function ProspectList({ settings }: { settings: Settings | undefined }) {
  const db = useDb();
  const today = useToday();
  const { section, search, channel, tag, limit } = usePanelStore(
    useShallow((s) => ({
      section: s.section,
      search: s.search,
      channel: s.channel,
      tag: s.tag,
      limit: s.limit,
    })),
  );
  const showMore = usePanelStore((s) => s.showMore);
  const openProspect = usePanelStore((s) => s.openProspect);
  const openDialog = usePanelStore((s) => s.openDialog);
  const actions = useProspectActions();
  const [activeIndex, setActiveIndex] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  const searching = search.trim() !== '';
  // The result carries the query it answers: while the next one runs, the list says what it shows.
  const result = useLiveQuery(
    async () => ({
      section,
      query: searching ? search.trim() : '',
      prospects: searching
        ? await searchProspects(db, search, { limit: limit + 1 })
        : await listSection(db, section, { today, limit: limit + 1 }),
    }),
    [db, section, search, searching, today, limit],
  );
  // A section's rows never show under another section's name; search results may lag a keystroke.
  const stale = !searching && (result?.query !== '' || result.section !== section);
  const shown = !!result && !stale && !!settings;
  const markListShown = usePanelStore((s) => s.markListShown);
  useEffect(() => {
    // After this commit is painted: the tab counts wait for the first list, not the other way.
    if (!shown) return;
    const timer = setTimeout(markListShown, 0);
    return () => clearTimeout(timer);
  }, [shown, markListShown]);
  if (!result || stale || !settings) return <p className="muted">Loading…</p>;
  const loaded = result.prospects;

  const hasMore = loaded.length > limit;
  const tagNeedle = tag.trim().toLocaleLowerCase();
  const prospects = loaded
    .slice(0, limit)
    .filter((p) => !channel || p.nextChannels.includes(channel))
    .filter((p) => !tagNeedle || p.tags.some((t) => t.toLocaleLowerCase() === tagNeedle));
  const current = Math.min(activeIndex, Math.max(0, prospects.length - 1));

  function focusRow(index: number) {
    const rows = listRef.current?.querySelectorAll<HTMLElement>('[data-prospect-row]');
    const bounded = Math.max(0, Math.min(index, (rows?.length ?? 1) - 1));
    setActiveIndex(bounded);
    rows?.[bounded]?.focus();
  }

  function onRowKeyDown(event: KeyboardEvent<HTMLLIElement>, prospect: Prospect) {
    const fromRow = event.target === event.currentTarget;
    if (!fromRow || event.altKey || event.ctrlKey || event.metaKey) return;
    const index = Number(event.currentTarget.dataset.prospectRow);
    const key = event.key;
    const act: Record<string, () => void> = {
      ArrowDown: () => focusRow(index + 1),
      j: () => focusRow(index + 1),
      ArrowUp: () => focusRow(index - 1),
      k: () => focusRow(index - 1),
      Home: () => focusRow(0),
      End: () => focusRow(prospects.length - 1),
      Enter: () => openProspect(prospect.id),
      [SHORTCUTS.reply]: () => void actions.logReply(prospect),
      [SHORTCUTS.no]: () => void actions.logNo(prospect),
      [SHORTCUTS.won]: () => void actions.logWon(prospect),
      [SHORTCUTS.lost]: () => void actions.logLost(prospect),
      [SHORTCUTS.snooze]: () => openDialog({ kind: 'snooze', prospectId: prospect.id }),
      [SHORTCUTS.touch]: () => openDialog({ kind: 'touch', prospectId: prospect.id }),
    };
    const handler = act[key];
    if (handler) {
      event.preventDefault();
      handler();
    }
  }

  const label = result.query
    ? `Search results for ${result.query}`
    : SECTION_LABELS[result.section];
  return (
    <div>
      {prospects.length === 0 ? (
        <p className="muted">
          {searching || channel || tag ? 'No prospect matches.' : EMPTY_MESSAGES[section]}
        </p>
      ) : (
        <ul className="prospects" aria-label={label} ref={listRef}>
          <ProspectRows
            prospects={prospects}
            settings={settings}
            actions={actions}
            current={current}
            onFocusRow={setActiveIndex}
            onRowKeyDown={onRowKeyDown}
          />
        </ul>
      )}
      {hasMore && (
        <button type="button" className="show-more" onClick={showMore}>
          Show more
        </button>
      )}
      <p className="hint muted">
        Keys: ↑/↓ or j/k move, Enter opens, R reply, N no, W won, L lost, S snooze, T touch.
      </p>
    </div>
  );
}

/** The list's cards; mounted with the list, it renders the first screenful first. */
function ProspectRows({
  prospects,
  settings,
  actions,
  current,
  onFocusRow,
  onRowKeyDown,
}: {
  prospects: Prospect[];
  settings: Settings;
  actions: ProspectActions;
  current: number;
  onFocusRow: (index: number) => void;
  onRowKeyDown: (event: KeyboardEvent<HTMLLIElement>, prospect: Prospect) => void;
}) {
  // On mount React renders with the initial value, then at once again in the background with all.
  const rendered = useDeferredValue(prospects.length, FIRST_SCREEN_ROWS);
  return prospects
    .slice(0, Math.max(rendered, FIRST_SCREEN_ROWS))
    .map((prospect, index) => (
      <ProspectCard
        key={prospect.id}
        prospect={prospect}
        settings={settings}
        actions={actions}
        index={index}
        active={index === current}
        onFocusRow={onFocusRow}
        onRowKeyDown={onRowKeyDown}
      />
    ));
}
