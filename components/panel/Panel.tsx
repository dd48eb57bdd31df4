// The side panel: the follow-up desk. Tabs for each list, search and filters, the prospect page,
// dialogs for add/edit/merge, and the undo toast.
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getProspect, getSettings } from '../../lib/db/queries';
import { CHANNELS, type Channel, type Settings } from '../../lib/model';
import { useProspectActions } from '../actions';
import { saveSettings } from '../../lib/db/writes';
import { useDb, useEnv } from '../env';
import { CHANNEL_LABELS } from '../format';
import { usePanelStore } from '../store';
import { useFirstSettings } from './first-reads';
import { OpenTabStatus, type ActiveTabWatcher } from './OpenTabStatus';
import type { ProspectFormValues } from './ProspectForm';
import { ProspectList } from './ProspectList';
import { SectionTabs } from './SectionTabs';
import { SendsInFlight } from './SendsInFlight';
import { UndoToast } from './UndoToast';

/** Calls back with each prospect the panel is asked to show (on load and while open); returns an unsubscribe. */
export type FocusWatcher = (onProspect: (prospectId: string) => void) => () => void;

// What the first list does not show loads when first opened, so the first paint stays light.
const MergeDialog = lazy(() => import('./MergeDialog').then((m) => ({ default: m.MergeDialog })));
const ProspectForm = lazy(() =>
  import('./ProspectForm').then((m) => ({ default: m.ProspectForm })),
);
const ProspectPage = lazy(() =>
  import('./ProspectPage').then((m) => ({ default: m.ProspectPage })),
);
const Welcome = lazy(() => import('../onboarding/Welcome').then((m) => ({ default: m.Welcome })));

export function Panel({
  onOpenOptions,
  extraViews,
  watchActiveTab,
  watchFocus,
}: {
  onOpenOptions?: () => void;
  /** Where the panel learns which page the rep has open (absent in tests of other parts). */
  watchActiveTab?: ActiveTabWatcher;
  /** Where the panel learns it was opened on a prospect (a notification, a click in a page). */
  watchFocus?: FocusWatcher;
  /** Views loaded on demand (the report, import/export), so the first paint stays light. */
  extraViews?: Partial<Record<'report' | 'transfer', React.ReactNode>>;
}) {
  const db = useDb();
  const settings = useFirstSettings(useLiveQuery(() => getSettings(db), [db]));
  const { view, selectedProspectId, error } = usePanelStore(
    useShallow((s) => ({
      view: s.view,
      selectedProspectId: s.selectedProspectId,
      error: s.error,
    })),
  );
  const showView = usePanelStore((s) => s.showView);
  const setError = usePanelStore((s) => s.setError);
  // Once the welcome is saved or skipped, its offer is not shown again while the settings' live
  // query catches up (it would flash above the lists for a moment); the settings decide again as
  // soon as they no longer say it is due.
  const [welcomeAnswered, setWelcomeAnswered] = useState(false);
  const onboarding = settings?.onboarding;
  if (welcomeAnswered && onboarding !== undefined && onboarding !== 'due') {
    setWelcomeAnswered(false);
  }
  const openDialog = usePanelStore((s) => s.openDialog);
  const openProspect = usePanelStore((s) => s.openProspect);
  useEffect(() => watchFocus?.(openProspect), [watchFocus, openProspect]);

  return (
    // The page's one main landmark: the side panel is all content, no site chrome around it.
    <main className="app">
      <header className="app-header">
        <h1>Fifth Touch</h1>
        {/* Short on screen, each named in full (the visible word is part of the name, WCAG 2.5.3). */}
        <nav className="row-actions" aria-label="Fifth Touch">
          <button type="button" onClick={() => openDialog({ kind: 'add' })}>
            + Add
          </button>
          {extraViews?.report && (
            <button
              type="button"
              onClick={() => showView('report')}
              aria-pressed={view === 'report'}
              aria-label="Friday report"
            >
              Report
            </button>
          )}
          {extraViews?.transfer && (
            <button
              type="button"
              onClick={() => showView('transfer')}
              aria-pressed={view === 'transfer'}
              aria-label="Import/export"
            >
              Import
            </button>
          )}
          {onOpenOptions && (
            <button type="button" onClick={onOpenOptions}>
              Settings
            </button>
          )}
        </nav>
      </header>
      {error && (
        <div className="error" role="alert">
          <span>{error}</span>
          <button type="button" aria-label="Dismiss error" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
      {onboarding === 'due' && !welcomeAnswered && view === 'lists' && (
        <WelcomeBanner onAnswered={() => setWelcomeAnswered(true)} />
      )}
      {watchActiveTab && <OpenTabStatus watchActiveTab={watchActiveTab} />}
      {settings && (
        <Suspense fallback={null}>
          <Dialogs settings={settings} />
        </Suspense>
      )}
      {view === 'lists' ? (
        // The list is read alongside the settings, not after them.
        <Lists settings={settings} />
      ) : !settings ? (
        <p className="muted">Loading…</p>
      ) : view === 'welcome' ? (
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Welcome
            onClose={() => {
              setWelcomeAnswered(true);
              showView('lists');
            }}
          />
        </Suspense>
      ) : view === 'prospect' && selectedProspectId ? (
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <ProspectPage prospectId={selectedProspectId} settings={settings} />
        </Suspense>
      ) : view === 'report' && extraViews?.report ? (
        <>
          <BackToLists />
          {extraViews.report}
        </>
      ) : view === 'transfer' && extraViews?.transfer ? (
        <>
          <BackToLists />
          {extraViews.transfer}
        </>
      ) : (
        <Lists settings={settings} />
      )}
      <UndoToast />
    </main>
  );
}

/** First run: one line offering the welcome, or skipping it (it stays in Settings). */
function WelcomeBanner({ onAnswered }: { onAnswered: () => void }) {
  const { db, now } = useEnv();
  const showView = usePanelStore((s) => s.showView);
  const setError = usePanelStore((s) => s.setError);
  return (
    <section className="welcome-banner" aria-label="Welcome">
      <p>New here? Two minutes to set up Fifth Touch.</p>
      <button type="button" onClick={() => showView('welcome')}>
        Set up
      </button>
      <button
        type="button"
        onClick={() =>
          void saveSettings(db, { onboarding: 'skipped' }, { now: now() }).then(
            onAnswered,
            (error: unknown) => setError(error instanceof Error ? error.message : String(error)),
          )
        }
      >
        Not now
      </button>
    </section>
  );
}

function BackToLists() {
  const showView = usePanelStore((s) => s.showView);
  return (
    <button type="button" className="link-button" onClick={() => showView('lists')}>
      ← Back to the lists
    </button>
  );
}

function Lists({ settings }: { settings: Settings | undefined }) {
  const { search, channel, tag } = usePanelStore(
    useShallow((s) => ({ search: s.search, channel: s.channel, tag: s.tag })),
  );
  const setSearch = usePanelStore((s) => s.setSearch);
  const setChannel = usePanelStore((s) => s.setChannel);
  const setTag = usePanelStore((s) => s.setTag);
  return (
    <>
      <SendsInFlight />
      <div className="filters" role="search">
        <input
          type="search"
          aria-label="Search prospects"
          placeholder="Search name, company, email, tag"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <select
          aria-label="Filter by channel"
          value={channel}
          onChange={(event) => setChannel(event.target.value as Channel | '')}
        >
          <option value="">All channels</option>
          {CHANNELS.map((option) => (
            <option key={option} value={option}>
              {CHANNEL_LABELS[option]}
            </option>
          ))}
        </select>
        <input
          aria-label="Filter by tag"
          placeholder="Tag"
          value={tag}
          size={8}
          onChange={(event) => setTag(event.target.value)}
        />
      </div>
      {search.trim() === '' && <SectionTabs />}
      <div id="section-panel" role={search.trim() === '' ? 'tabpanel' : undefined}>
        <ProspectList settings={settings} />
      </div>
    </>
  );
}

function Dialogs({ settings: _settings }: { settings: Settings }) {
  const db = useDb();
  const dialog = usePanelStore((s) => s.dialog);
  const openDialog = usePanelStore((s) => s.openDialog);
  const openProspect = usePanelStore((s) => s.openProspect);
  const actions = useProspectActions();
  const prospectId = dialog && 'prospectId' in dialog ? dialog.prospectId : undefined;
  const prospect = useLiveQuery(
    () => (prospectId ? getProspect(db, prospectId) : Promise.resolve(undefined)),
    [db, prospectId],
  );
  const close = () => openDialog(null);

  if (dialog?.kind === 'add') {
    return (
      <ProspectForm
        onSave={async (values: ProspectFormValues) => {
          const id = await actions.add(values);
          if (id) openProspect(id);
          return id !== undefined;
        }}
        onCancel={close}
      />
    );
  }
  if (dialog?.kind === 'edit' && prospect) {
    return (
      <ProspectForm
        prospect={prospect}
        onSave={async (values) => (await actions.edit(prospect, values)) !== undefined}
        onCancel={close}
      />
    );
  }
  if (dialog?.kind === 'merge' && prospect) {
    return (
      <MergeDialog
        prospect={prospect}
        onMerge={(other) => {
          close();
          void actions.merge(prospect, other);
        }}
        onCancel={close}
      />
    );
  }
  return null;
}
