// UI state only: what the rep is looking at and what is open. Data stays in Dexie.
import { create } from 'zustand';
import type { Channel } from '../lib/model';
import type { PanelSection } from '../lib/db/lists';

export type PanelView = 'lists' | 'prospect' | 'report' | 'transfer';

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

export interface PanelState {
  view: PanelView;
  section: PanelSection;
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
  setSearch: (search: string) => void;
  setChannel: (channel: Channel | '') => void;
  setTag: (tag: string) => void;
  showMore: () => void;
  openProspect: (prospectId: string) => void;
  showView: (view: PanelView) => void;
  openDialog: (dialog: Dialog) => void;
  offerUndo: (message: string, undo: () => Promise<void>) => void;
  clearUndo: (id?: number) => void;
  setError: (error: string | null) => void;
}

export const FIRST_PAGE = 50;
let undoCounter = 0;

export const usePanelStore = create<PanelState>()((set) => ({
  view: 'lists',
  section: 'today',
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
  setSection: (section) => set({ section, limit: FIRST_PAGE }),
  setSearch: (search) => set({ search, limit: FIRST_PAGE }),
  setChannel: (channel) => set({ channel }),
  setTag: (tag) => set({ tag }),
  showMore: () => set((state) => ({ limit: state.limit + FIRST_PAGE })),
  openProspect: (prospectId) => set({ view: 'prospect', selectedProspectId: prospectId }),
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
    section: 'today',
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
