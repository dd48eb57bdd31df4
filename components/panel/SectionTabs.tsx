import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, type KeyboardEvent } from 'react';
import { countSections, PANEL_SECTIONS, type PanelSection } from '../../lib/db/lists';
import { useDb, useToday } from '../env';
import { usePanelStore } from '../store';
import { SECTION_LABELS } from './ProspectList';

/** On screen, short enough for the five tabs to share one line of a 360 px side panel. */
const SECTION_TABS: Record<PanelSection, string> = { ...SECTION_LABELS, today: 'Today' };

/** The five lists as tabs with their counts; arrow keys move between tabs. */
export function SectionTabs() {
  const db = useDb();
  const today = useToday();
  const section = usePanelStore((s) => s.section);
  const setSection = usePanelStore((s) => s.setSection);
  // Counted once the first list is on screen, so the counts never hold up the first paint.
  const listShown = usePanelStore((s) => s.listShown);
  const counts = useLiveQuery(
    () => (listShown ? countSections(db, today) : undefined),
    [db, today, listShown],
  );
  const tabsRef = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent) {
    const index = PANEL_SECTIONS.indexOf(section);
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = PANEL_SECTIONS[(index + delta + PANEL_SECTIONS.length) % PANEL_SECTIONS.length]!;
    setSection(next);
    tabsRef.current?.querySelector<HTMLElement>(`[data-section="${next}"]`)?.focus();
  }

  return (
    <div
      className="tabs"
      role="tablist"
      aria-label="Follow-ups"
      ref={tabsRef}
      onKeyDown={onKeyDown}
    >
      {PANEL_SECTIONS.map((name: PanelSection) => (
        <button
          key={name}
          type="button"
          role="tab"
          id={`tab-${name}`}
          data-section={name}
          aria-selected={section === name}
          aria-controls="section-panel"
          tabIndex={section === name ? 0 : -1}
          className={name === 'overdue' && counts?.overdue ? 'tab tab-alert' : 'tab'}
          // Named in full ("Due today 2"); the shorter word on screen is part of the name.
          aria-label={
            SECTION_TABS[name] === SECTION_LABELS[name]
              ? undefined
              : `${SECTION_LABELS[name]} ${counts ? counts[name] : '…'}`
          }
          onClick={() => setSection(name)}
        >
          {SECTION_TABS[name]} <span className="count">{counts ? counts[name] : '…'}</span>
        </button>
      ))}
    </div>
  );
}
