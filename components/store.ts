// UI state only: what the rep is looking at and what is open. Data stays in Dexie.
import { create } from 'zustand';
import type { Channel } from '../lib/model';
import { SECTIONS_BY_URGENCY, type PanelSection } from '../lib/db/lists';

export type PanelView = 'lists' | 'prospect' | 'report' | 'transfer' | 'welcome';

export type Dialog =
  | { kind: 'snooze'; prospectId: string }
  | { kind: 'touch'; prospectId: string }
  | { kind: 'edit'; prospectId: string }
  | { kind: 'merge'; prospectId: string }
  | { kind: 'add' }
  | null;

export interface PendingUndo {
  id: number;
  message: string;
  undo: () => Promise<void>;
}

/** Where keyboard focus goes back to when the list shows again (after Back, an action, a form). */
export interface ListFocus {
  prospectId: string;
  /** Its place in the list: the neighbour that takes focus when it has left the list. */
  index: number;
  /** Until when (ms since the epoch) the list keeps looking for it as its rows change. */
  until: number;
}

export interface PanelState {
  view: PanelView;
  section: PanelSection;
  /**
   * True until the rep picks a tab: the panel opens on the most urgent section with anything in
   * it (overdue, then due today…), moving on while the one shown turns out empty.
   */
  sectionAuto: boolean;
  listFocus: ListFocus | null;
  search: string;
  channel: Channel | '';
  tag: string;
  /** How many rows each list shows ("show more" adds a page). */
  limit: number;
  selectedProspectId: string | null;
  dialog: Dialog;
  pendingUndo: PendingUndo | null;
  error: string | null;
  /** The first list has been painted (the tab counts wait for it). */
  listShown: boolean;
  markListShown: () => void;
  setSection: (section: PanelSection) => void;
  /** The section shown while choosing on its own turned out empty: on to the next most urgent. */
  skipEmptySection: (empty: PanelSection) => void;
  /** Remembers which row to focus when the list shows again; null forgets it. */
  keepListFocus: (focus: { prospectId: string; index: number } | null, forMs?: number) => void;
  setSearch: (search: string) => void;
  setChannel: (channel: Channel | '') => void;
  setTag: (tag: string) => void;
  showMore: () => void;
  openProspect: (prospectId: string, fromIndex?: number) => void;
  showView: (view: PanelView) => void;
  openDialog: (dialog: Dialog) => void;
  offerUndo: (message: string, undo: () => Promise<void>) => void;
  clearUndo: (id?: number) => void;
  setError: (error: string | null) => void;
}

export const FIRST_PAGE = 50;
/** How long after an action the list keeps focus on its row (the live query answers within it). */
export const LIST_FOCUS_MS = 3_000;
let undoCounter = 0;

export const usePanelStore = create<PanelState>()((set) => ({
  view: 'lists',
  section: SECTIONS_BY_URGENCY[0]!,
  sectionAuto: true,
  listFocus: null,
  search: '',
  channel: '',
  tag: '',
  limit: FIRST_PAGE,
  selectedProspectId: null,
  dialog: null,
  pendingUndo: null,
  error: null,
  listShown: false,
  markListShown: () => set((state) => (state.listShown ? {} : { listShown: true })),
  setSection: (section) => set({ section, sectionAuto: false, limit: FIRST_PAGE }),
  skipEmptySection: (empty) =>
    set((state) => {
      if (!state.sectionAuto || state.section !== empty) return {};
      const next = SECTIONS_BY_URGENCY[SECTIONS_BY_URGENCY.indexOf(empty) + 1];
      // Everything empty: the day's list, which says so.
      return next ? { section: next } : { section: 'today', sectionAuto: false };
    }),
  keepListFocus: (focus, forMs = LIST_FOCUS_MS) =>
    set({ listFocus: focus ? { ...focus, until: Date.now() + forMs } : null }),
  setSearch: (search) => set({ search, limit: FIRST_PAGE }),
  setChannel: (channel) => set({ channel }),
  setTag: (tag) => set({ tag }),
  showMore: () => set((state) => ({ limit: state.limit + FIRST_PAGE })),
  openProspect: (prospectId, fromIndex) =>
    set((state) => ({
      view: 'prospect',
      selectedProspectId: prospectId,
      // Back from the prospect page puts focus on the row it was opened from.
      listFocus:
        fromIndex === undefined
          ? state.listFocus
          : { prospectId, index: fromIndex, until: Number.POSITIVE_INFINITY },
    })),
  showView: (view) => set({ view }),
  openDialog: (dialog) => set({ dialog }),
  offerUndo: (message, undo) => {
    undoCounter += 1;
    set({ pendingUndo: { id: undoCounter, message, undo }, error: null });
  },
  clearUndo: (id) =>
    set((state) => (id === undefined || state.pendingUndo?.id === id ? { pendingUndo: null } : {})),
  setError: (error) => set({ error }),
}));

/** Fresh state for each test (Zustand stores are module singletons). */
export function resetPanelStore(): void {
  usePanelStore.setState({
    view: 'lists',
    section: SECTIONS_BY_URGENCY[0]!,
    sectionAuto: true,
    listFocus: null,
    search: '',
    channel: '',
    tag: '',
    limit: FIRST_PAGE,
    selectedProspectId: null,
    dialog: null,
    pendingUndo: null,
    error: null,
    listShown: false,
  });
}
