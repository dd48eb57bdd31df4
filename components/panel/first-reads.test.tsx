import { render, renderHook, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  EARLY_READ_GLOBAL,
  EARLY_READ_LIMIT,
  readEarly,
  type EarlyRead,
} from '../../lib/db/early-read';
import { listSection } from '../../lib/db/lists';
import { CURRENT_IDB_VERSION } from '../../lib/db/names';
import { getSettings } from '../../lib/db/queries';
import { addDaysToDay, localDayOf } from '../../lib/cadence/days';
import type { Settings } from '../../lib/model';
import { EnvProvider, type PageEnv } from '../env';
import { usePanelStore, FIRST_PAGE } from '../store';
import { MONDAY, seedDesk, openPanelEnv, closePanelEnv } from '../../tests/helpers/seed';
import {
  listReadKey,
  startFirstReads,
  useFirstAnswer,
  useFirstSettings,
  type ListResult,
} from './first-reads';
import { Panel } from './Panel';

let env: PageEnv;
beforeEach(() => {
  env = openPanelEnv();
});
afterEach(() => closePanelEnv(env));

const today = localDayOf(MONDAY);
const overdueKey = listReadKey('overdue', today, FIRST_PAGE + 1);

describe("the panel's first reads", () => {
  test('answer before any live query: the first section page and the settings, as the live queries read them', async () => {
    const { jane } = await seedDesk(env.db);
    startFirstReads(env.db, MONDAY);

    const list = renderHook(() => useFirstAnswer<ListResult>(overdueKey, undefined));
    const settings = renderHook(() => useFirstSettings(undefined));
    await waitFor(() => expect(list.result.current).toBeDefined());
    await waitFor(() => expect(settings.result.current).toBeDefined());

    expect(list.result.current).toEqual({
      section: 'overdue',
      query: '',
      prospects: await listSection(env.db, 'overdue', { today, limit: FIRST_PAGE + 1 }),
    });
    expect(list.result.current?.prospects.map((p) => p.id)).toEqual([jane]);
    expect(settings.result.current).toEqual(await getSettings(env.db));
  });

  test("read the section the store opens on, for the clock's day: another key gets nothing", async () => {
    await seedDesk(env.db);
    usePanelStore.setState({ section: 'today', sectionAuto: false });
    startFirstReads(env.db, MONDAY);

    const opened = renderHook(() =>
      useFirstAnswer<ListResult>(listReadKey('today', today, FIRST_PAGE + 1), undefined),
    );
    await waitFor(() => expect(opened.result.current?.section).toBe('today'));
    expect(opened.result.current?.prospects.map((p) => p.name)).toEqual(['Bob Stone']);

    const otherSection = renderHook(() => useFirstAnswer<ListResult>(overdueKey, undefined));
    const nextDay = renderHook(() =>
      useFirstAnswer<ListResult>(
        listReadKey('today', addDaysToDay(today, 1), FIRST_PAGE + 1),
        undefined,
      ),
    );
    const search = renderHook(() => useFirstAnswer<ListResult>(undefined, undefined));
    expect(otherSection.result.current).toBeUndefined();
    expect(nextDay.result.current).toBeUndefined();
    expect(search.result.current).toBeUndefined();
  });

  test('serve once: the live answer wins, and a list shown again later starts from its own read', async () => {
    await seedDesk(env.db);
    startFirstReads(env.db, MONDAY);
    const first = renderHook(({ live }) => useFirstAnswer<ListResult>(overdueKey, live), {
      initialProps: { live: undefined as ListResult | undefined },
    });
    await waitFor(() => expect(first.result.current).toBeDefined());

    const live: ListResult = { section: 'overdue', query: '', prospects: [] };
    first.rerender({ live });
    expect(first.result.current).toBe(live);
    first.unmount();

    const again = renderHook(() => useFirstAnswer<ListResult>(overdueKey, undefined));
    expect(again.result.current).toBeUndefined();
  });

  test('a failed early read shows nothing early, and the panel still lists through its live query', async () => {
    await seedDesk(env.db);
    // The read fails (the database is closed under it); the live query opens it again.
    env.db.close({ disableAutoOpen: true });
    startFirstReads(env.db, MONDAY);
    const early = renderHook(() => useFirstSettings(undefined as Settings | undefined));
    await env.db.open();

    render(
      <EnvProvider env={env}>
        <Panel />
      </EnvProvider>,
    );
    expect(
      within(await screen.findByRole('list', { name: 'Overdue' })).getByText('Jane Doe'),
    ).toBeInTheDocument();
    expect(early.result.current).toBeUndefined();
  });
});

describe("the page's early read (entrypoints/panel-early.ts)", () => {
  const store = globalThis as Record<string, unknown>;
  afterEach(() => {
    delete store[EARLY_READ_GLOBAL];
  });

  /** What the early script leaves, read from this test's database as the script reads its own. */
  function leaveEarlyRead(day: string, answer?: EarlyRead['answer']): EarlyRead {
    const read: EarlyRead = {
      today: day,
      limit: EARLY_READ_LIMIT,
      answer:
        answer ??
        readEarly(
          { indexedDB, IDBKeyRange },
          { name: env.db.name, version: CURRENT_IDB_VERSION, today: day, limit: EARLY_READ_LIMIT },
        ),
    };
    store[EARLY_READ_GLOBAL] = read;
    return read;
  }

  test('stands in for both first reads, with what the Dexie reads would answer, and is taken once', async () => {
    await seedDesk(env.db);
    expect(FIRST_PAGE + 1).toBe(EARLY_READ_LIMIT);
    const early = leaveEarlyRead(today);
    startFirstReads(env.db, MONDAY);
    expect(store[EARLY_READ_GLOBAL]).toBeUndefined();

    const list = renderHook(() => useFirstAnswer<ListResult>(overdueKey, undefined));
    const settings = renderHook(() => useFirstSettings(undefined));
    await waitFor(() => expect(list.result.current).toBeDefined());
    await waitFor(() => expect(settings.result.current).toBeDefined());
    // It was the early read that answered: the very rows it read.
    expect(list.result.current?.prospects).toBe((await early.answer)?.prospects);
    expect(list.result.current?.prospects).toEqual(
      await listSection(env.db, 'overdue', { today, limit: FIRST_PAGE + 1 }),
    );
    expect(settings.result.current).toEqual(await getSettings(env.db));
  });

  test('another day, or no answer from it: the Dexie reads answer instead', async () => {
    const { jane } = await seedDesk(env.db);
    leaveEarlyRead(addDaysToDay(today, -1));
    startFirstReads(env.db, MONDAY);
    expect(store[EARLY_READ_GLOBAL]).toBeUndefined();
    const list = renderHook(() => useFirstAnswer<ListResult>(overdueKey, undefined));
    await waitFor(() => expect(list.result.current?.prospects.map((p) => p.id)).toEqual([jane]));

    leaveEarlyRead(today, Promise.resolve(undefined));
    startFirstReads(env.db, MONDAY);
    const again = renderHook(() => useFirstAnswer<ListResult>(overdueKey, undefined));
    const settings = renderHook(() => useFirstSettings(undefined));
    await waitFor(() => expect(again.result.current?.prospects.map((p) => p.id)).toEqual([jane]));
    await waitFor(() => expect(settings.result.current).toEqual(expect.anything()));
    expect(settings.result.current).toEqual(await getSettings(env.db));
  });
});
