// One section's follow-ups (or the search results), a page at a time, navigable by keyboard:
// arrows or j/k move, Enter opens, the action keys act on the focused prospect. After every action
// focus stays on the prospect's row, or on its neighbour once it has left the list, so the next key
// works at once.
import { useLiveQuery } from 'dexie-react-hooks';
import {
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { useShallow } from 'zustand/react/shallow';
import { listSection, searchProspects, type PanelSection } from '../../lib/db/lists';
import type { Prospect, Settings } from '../../lib/model';
import { useProspectActions, type ProspectActions } from '../actions';
import { useDb, useToday } from '../env';
import { usePanelStore } from '../store';
import { listReadKey, useFirstAnswer, type ListResult } from './first-reads';
import { ProspectCard, SHORTCUTS } from './ProspectCard';

export const SECTION_LABELS: Record<PanelSection, string> = {
  overdue: 'Overdue',
  today: 'Due today',
  upcoming: 'Upcoming',
  replied: 'Replied',
  closed: 'Closed',
};

const KEYS_SAID =
  'Keys: j/k or ↑/↓ move · Enter opens · R reply · N no · W won · L lost · S snooze · T touch';
/** The actions in the order of the card's buttons; each word starts with its key. */
const KEY_WORDS = ['Reply', 'No', 'Won', 'Lost', 'Snooze', 'Touch'];

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
  const sectionAuto = usePanelStore((s) => s.sectionAuto);
  const skipEmptySection = usePanelStore((s) => s.skipEmptySection);
  const listFocus = usePanelStore((s) => s.listFocus);
  const keepListFocus = usePanelStore((s) => s.keepListFocus);
  const dialog = usePanelStore((s) => s.dialog);
  const actions = useProspectActions();
  const [activeIndex, setActiveIndex] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);

  const searching = search.trim() !== '';
  // The result carries the query it answers: while the next one runs, the list says what it shows.
  const result = useFirstAnswer(
    searching ? undefined : listReadKey(section, today, limit + 1),
    useLiveQuery(
      async (): Promise<ListResult> => ({
        section,
        query: searching ? search.trim() : '',
        prospects: searching
          ? await searchProspects(db, search, { limit: limit + 1 })
          : await listSection(db, section, { today, limit: limit + 1 }),
      }),
      [db, section, search, searching, today, limit],
    ),
  );
  // A section's rows never show under another section's name; search results may lag a keystroke.
  const stale = !searching && (result?.query !== '' || result.section !== section);
  // Opening on its own: an empty section hands over to the next most urgent one.
  const skipping = !!result && !stale && !searching && sectionAuto && result.prospects.length === 0;
  useEffect(() => {
    if (skipping) skipEmptySection(section);
  }, [skipping, section, skipEmptySection]);
  const shown = !!result && !stale && !!settings && !skipping;
  const markListShown = usePanelStore((s) => s.markListShown);
  useEffect(() => {
    // After this commit is painted: the tab counts wait for the first list, not the other way.
    if (!shown) return;
    const timer = setTimeout(markListShown, 0);
    return () => clearTimeout(timer);
  }, [shown, markListShown]);
  const rowIds = shown ? result.prospects.map((p) => p.id).join(' ') : '';
  useLayoutEffect(() => {
    // Back to the row acted on (or its neighbour) once focus was lost with its row or form: never
    // taken from where the rep has put it since (another row, the search box, a form).
    if (!listFocus || !rowIds) return;
    if (Date.now() > listFocus.until) return;
    const list = listRef.current;
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected;
    if (!list || !lost) return;
    const rows = Array.from(list.querySelectorAll<HTMLElement>('[data-prospect-row]'));
    if (rows.length === 0) return;
    const own = rows.find((row) => row.dataset.prospectId === listFocus.prospectId);
    const target = own ?? rows[Math.min(listFocus.index, rows.length - 1)]!;
    setActiveIndex(Number(target.dataset.prospectRow));
    if (document.activeElement !== target) target.focus();
    // Back from the prospect page: done once found; after an action, the row may still leave.
    if (listFocus.until === Number.POSITIVE_INFINITY) keepListFocus(null);
    // Rows come and go, a form closes: each may have taken focus with it.
  }, [listFocus, rowIds, dialog, keepListFocus]);
  if (!result || stale || !settings || skipping) return <p className="muted">Loading…</p>;
  const loaded = result.prospects;

  const hasMore = loaded.length > limit;
  const tagNeedle = tag.trim().toLocaleLowerCase();
  const prospects = loaded
    .slice(0, limit)
    .filter((p) => !channel || p.nextChannels.includes(channel))
    .filter((p) => !tagNeedle || p.tags.some((t) => t.toLocaleLowerCase() === tagNeedle));
  const current = Math.min(activeIndex, Math.max(0, prospects.length - 1));

  function focusRow(index: number) {
    keepListFocus(null);
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
    const stay = () => keepListFocus({ prospectId: prospect.id, index });
    const closed = prospect.status === 'won' || prospect.status === 'lost';
    const act: Record<string, () => void> = {
      ArrowDown: () => focusRow(index + 1),
      j: () => focusRow(index + 1),
      ArrowUp: () => focusRow(index - 1),
      k: () => focusRow(index - 1),
      Home: () => focusRow(0),
      End: () => focusRow(prospects.length - 1),
      Enter: () => openProspect(prospect.id, index),
      [SHORTCUTS.reply]: () => {
        if (prospect.status !== 'active') return;
        stay();
        void actions.logReply(prospect);
      },
      [SHORTCUTS.no]: () => {
        // A won or lost lead has nothing to say no to (the card offers no "Log no" either).
        if (closed) return;
        stay();
        void actions.logNo(prospect);
      },
      [SHORTCUTS.won]: () => {
        stay();
        void actions.logWon(prospect);
      },
      [SHORTCUTS.lost]: () => {
        stay();
        void actions.logLost(prospect);
      },
      [SHORTCUTS.snooze]: () => {
        if (prospect.status === 'active') openDialog({ kind: 'snooze', prospectId: prospect.id });
      },
      [SHORTCUTS.touch]: () => openDialog({ kind: 'touch', prospectId: prospect.id }),
    };
    const handler = act[key.length === 1 ? key.toLowerCase() : key];
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
      {prospects.length > 0 && (
        // Above the list, so it is seen without scrolling past every card.
        // One line: each action word shows its key in bold; the whole sentence is read out.
        <p className="hint muted keys-hint" id="list-keys" title={KEYS_SAID}>
          <span className="visually-hidden">{KEYS_SAID}</span>
          <span aria-hidden="true">
            j/k move · Enter opens ·{' '}
            {KEY_WORDS.map((word) => (
              <span key={word} className="key-word">
                <span className="key-letter">{word[0]}</span>
                {word.slice(1)}
              </span>
            ))}
          </span>
        </p>
      )}
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
            onBeforeAction={(prospect, index) => keepListFocus({ prospectId: prospect.id, index })}
          />
        </ul>
      )}
      {hasMore && (
        <button type="button" className="show-more" onClick={showMore}>
          Show more
        </button>
      )}
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
  onBeforeAction,
}: {
  prospects: Prospect[];
  settings: Settings;
  actions: ProspectActions;
  current: number;
  onFocusRow: (index: number) => void;
  onRowKeyDown: (event: KeyboardEvent<HTMLLIElement>, prospect: Prospect) => void;
  onBeforeAction: (prospect: Prospect, index: number) => void;
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
        onBeforeAction={() => onBeforeAction(prospect, index)}
      />
    ));
}
