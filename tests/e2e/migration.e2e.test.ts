/// <reference types="chrome" />
// A database the first release wrote, upgraded by the built extension in real Chromium. The test
// stops the worker, deletes the store and creates a version 1 database with raw IndexedDB in the
// extension's origin (object stores and indexes read from lib/db/v1.ts's V1_STORES, at the native
// version Dexie gives version 1), then starts a new worker life, whose Dexie upgrades it to
// CURRENT_VERSION. Every row must be kept, carry the upgraded fields, equal what the same upgrade
// gives in Node (fake-indexeddb), and show in the side panel.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import type { Page } from 'playwright-core';
import { localDayOf } from '../../lib/cadence/days';
import { CURRENT_VERSION, createFifthTouchDb } from '../../lib/db/schema';
import {
  V1_STORES,
  type OutcomeV1,
  type ProspectV1,
  type SettingsRowV1,
  type TouchV1,
} from '../../lib/db/v1';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import {
  DATABASE_NAME,
  E2E_NOW,
  launchExtension,
  readDatabase,
  stopServiceWorker,
  type ExtensionSession,
} from './harness';

/** Dexie stores version n as native IndexedDB version n × 10. */
const nativeVersion = (version: number) => Math.round(version * 10);

let session: ExtensionSession;

beforeEach(async () => {
  session = await launchExtension();
});
afterEach(async () => {
  await session?.close();
});

interface StorePlan {
  name: string;
  keyPath: string;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
}

/** Dexie's schema syntax (`id, &unique, *multi, [a+b]`) as the object stores it creates. */
function planStores(stores: Record<string, string>): StorePlan[] {
  return Object.entries(stores).map(([name, schema]) => {
    const [primary, ...rest] = schema.split(',').map((part) => part.trim());
    return {
      name,
      keyPath: primary as string,
      indexes: rest.map((spec) => {
        const unique = spec.startsWith('&');
        const multiEntry = spec.startsWith('*');
        const bare = spec.replace(/^[&*]/, '');
        const compound = /^\[(.+)\]$/.exec(bare);
        return {
          name: bare,
          keyPath: compound ? (compound[1] as string).split('+') : bare,
          unique,
          multiEntry,
        };
      }),
    };
  });
}

const DAY = 86_400_000;
/** The browser's clock starts here (the harness's default), so version 1's rows are dated from it. */
const now = E2E_NOW;
/** Local noon `days` from today: an instant version 1 would have stored. */
const noon = (days: number) => {
  const date = new Date(now + days * DAY);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate(), 12).getTime();
};

const PROSPECTS: ProspectV1[] = [
  {
    id: 'p-jane',
    name: 'Jane Doe',
    company: 'Acme',
    emails: ['jane@acme.example'],
    linkedinIds: ['jane-doe'],
    status: 'active',
    tags: ['q3'],
    createdAt: noon(-20),
    nextDueAt: noon(-3),
  },
  {
    id: 'p-ravi',
    name: 'Ravi Patel',
    company: 'Initech',
    emails: ['ravi@initech.example'],
    linkedinIds: [],
    status: 'active',
    tags: [],
    createdAt: noon(-9),
    // 23:30 today: a due instant near midnight stays on its own local day.
    nextDueAt: new Date(new Date(now).setHours(23, 30, 0, 0)).getTime(),
  },
  {
    id: 'p-omar',
    name: 'Omar Haddad',
    company: 'Globex',
    emails: ['omar@globex.example'],
    linkedinIds: [],
    status: 'replied',
    tags: [],
    createdAt: noon(-15),
  },
];
const TOUCHES: TouchV1[] = [
  {
    id: 't1',
    prospectId: 'p-jane',
    channel: 'email',
    direction: 'out',
    at: noon(-10),
    summary: 'Intro',
    source: 'detected',
    confirmed: true,
    dedupeKey: 'email:m1:p-jane',
    threadId: 'th1',
    link: 'https://mail.google.com/mail/u/0/#all/th1',
  },
  {
    id: 't2',
    prospectId: 'p-jane',
    channel: 'linkedin',
    direction: 'out',
    at: noon(-6),
    summary: 'Connect',
    source: 'detected',
    confirmed: false,
    dedupeKey: 'linkedin:c1:p-jane',
    angleId: 'insight',
  },
  {
    id: 't3',
    prospectId: 'p-ravi',
    channel: 'call',
    direction: 'out',
    at: noon(-2),
    summary: 'Voicemail',
    source: 'manual',
    confirmed: true,
    dedupeKey: 'manual:x',
  },
  {
    id: 't4',
    prospectId: 'p-omar',
    channel: 'email',
    direction: 'in',
    at: noon(-4),
    summary: 'Re: Hello',
    source: 'detected',
    confirmed: true,
    dedupeKey: 'email:m3:p-omar',
  },
];
const OUTCOMES: OutcomeV1[] = [
  { id: 'o1', prospectId: 'p-jane', kind: 'no', at: noon(-5), note: 'not this quarter' },
  { id: 'o2', prospectId: 'p-ravi', kind: 'snooze', at: noon(-2), until: noon(0) },
  { id: 'o3', prospectId: 'p-omar', kind: 'reply', at: noon(-4) },
];
const SETTINGS: SettingsRowV1 = { id: 'user', nosThreshold: 3, ownAddresses: ['me@myco.example'] };
const V1_ROWS = {
  prospects: PROSPECTS,
  touches: TOUCHES,
  outcomes: OUTCOMES,
  settings: [SETTINGS],
};

/** A page of the extension's origin where no script of ours runs (so nothing opens the store). */
async function bareExtensionPage(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('icon/128.png'));
  return page;
}

/** Replaces the extension's database by a version 1 one, with raw IndexedDB. */
async function writeVersion1(page: Page): Promise<number> {
  return page.evaluate(
    async ({ name, version, plan, rows }) => {
      const request = <T>(req: IDBRequest<T> | IDBOpenDBRequest): Promise<T> =>
        new Promise((resolve, reject) => {
          req.onsuccess = () => resolve(req.result as T);
          req.onerror = () => reject(req.error);
          if ('onblocked' in req) req.onblocked = () => reject(new Error(`${name} is in use`));
        });
      await request(indexedDB.deleteDatabase(name));
      const opening = indexedDB.open(name, version);
      opening.onupgradeneeded = () => {
        for (const store of plan) {
          const created = opening.result.createObjectStore(store.name, { keyPath: store.keyPath });
          for (const index of store.indexes) {
            created.createIndex(index.name, index.keyPath, {
              unique: index.unique,
              multiEntry: index.multiEntry,
            });
          }
        }
      };
      const db = await request<IDBDatabase>(opening);
      const tx = db.transaction(Object.keys(rows), 'readwrite');
      for (const [store, list] of Object.entries(rows)) {
        for (const row of list) tx.objectStore(store).add(row);
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return (await indexedDB.databases()).find((info) => info.name === name)?.version ?? -1;
    },
    { name: DATABASE_NAME, version: nativeVersion(1), plan: planStores(V1_STORES), rows: V1_ROWS },
  );
}

/** The same version 1 rows upgraded by the same code in Node, on fake-indexeddb. */
async function upgradedInNode(): Promise<Record<string, unknown[]>> {
  const name = `v1-${crypto.randomUUID()}`;
  const v1 = new Dexie(name);
  v1.version(1).stores(V1_STORES);
  for (const [store, list] of Object.entries(V1_ROWS)) await v1.table(store).bulkAdd(list);
  v1.close();
  const db = createFifthTouchDb(name);
  try {
    await db.open();
    return Object.fromEntries(
      await Promise.all(db.tables.map(async (table) => [table.name, await table.toArray()])),
    );
  } finally {
    db.close();
    await Dexie.delete(name);
  }
}

const byId = <T extends { id: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.id.localeCompare(b.id));

test('a version 1 database in the extension’s origin is upgraded to the current version with every row kept, and the side panel shows it', async () => {
  // The worker opens (and creates) the current schema on its first turn.
  const bare = await bareExtensionPage();
  await expect
    .poll(async () => (await bare.evaluate(() => indexedDB.databases())).map((d) => d.name))
    .toContain(DATABASE_NAME);
  await stopServiceWorker(session.context);
  expect(await writeVersion1(bare)).toBe(nativeVersion(1));

  // A new worker life, woken by a message from a page that does not open the store itself: the
  // worker's Dexie upgrades it before answering.
  const reply = await bare.evaluate(() =>
    chrome.runtime.sendMessage({ id: 1, type: 'ping', data: undefined, timestamp: Date.now() }),
  );
  expect(reply).toMatchObject({ res: { version: expect.any(String) } });
  expect(
    (await bare.evaluate(() => indexedDB.databases())).find((d) => d.name === DATABASE_NAME)
      ?.version,
  ).toBe(nativeVersion(CURRENT_VERSION));

  const rows = await readDatabase(session.context, session.extensionId);
  // Every row kept, in every store.
  for (const [store, list] of Object.entries(V1_ROWS)) {
    expect((rows[store] as { id: string }[]).map((row) => row.id).sort()).toEqual(
      list.map((row) => row.id).sort(),
    );
  }
  // Upgraded fields: due instants became local days; touches and outcomes carry their day.
  for (const original of PROSPECTS) {
    const row = rows.prospects.find((p) => p.id === original.id)!;
    expect(row).toMatchObject({
      name: original.name,
      emails: original.emails,
      linkedinIds: original.linkedinIds,
      status: original.status,
      createdAt: original.createdAt,
    });
    expect(row).not.toHaveProperty('nextDueAt');
    if (original.nextDueAt === undefined) expect(row).not.toHaveProperty('nextDueDay');
    else expect(row.nextDueDay).toBe(localDayOf(original.nextDueAt));
    expect(row).toEqual(
      expect.objectContaining({
        touchCount: expect.any(Number),
        nextStep: expect.any(Number),
        totalSteps: expect.any(Number),
        noCount: expect.any(Number),
        nextChannels: expect.any(Array),
        reason: expect.any(String),
      }),
    );
  }
  expect(rows.prospects.find((p) => p.id === 'p-jane')).toMatchObject({
    noCount: 1,
    touchCount: 2,
    lastTouchAt: noon(-6),
    lastAngleId: 'insight',
  });
  expect(rows.prospects.find((p) => p.id === 'p-ravi')?.nextDueDay).toBe(localDayOf(now));
  for (const touch of rows.touches) {
    expect(touch.day).toBe(localDayOf(touch.at));
    expect(touch).toMatchObject(TOUCHES.find((t) => t.id === touch.id)!);
  }
  expect(rows.outcomes.find((o) => o.id === 'o2')).toMatchObject({
    day: localDayOf(noon(-2)),
    until: localDayOf(noon(0)),
  });
  expect(rows.settings).toEqual([{ ...DEFAULT_SETTINGS, ...SETTINGS }]);
  // The same as the upgrade gives in Node, whatever the current version adds.
  const expected = await upgradedInNode();
  for (const store of Object.keys(expected)) {
    expect(byId(rows[store] as { id: string }[])).toEqual(
      byId(expected[store] as { id: string }[]),
    );
  }

  // The side panel reads the upgraded store.
  const panel = await session.context.newPage();
  const errors: string[] = [];
  panel.on('pageerror', (error) => errors.push(error.message));
  await panel.goto(session.extensionUrl('sidepanel.html'));
  await panel.getByRole('tab', { name: 'Due today 1' }).waitFor();
  // It opens on the overdue work.
  const overdue = panel.getByRole('list', { name: 'Overdue' });
  await overdue.getByText('Jane Doe').waitFor();
  expect(await panel.getByRole('tab', { selected: true }).textContent()).toBe('Overdue 1');
  await panel.getByRole('tab', { name: 'Due today 1' }).click();
  await panel.getByRole('list', { name: 'Due today' }).getByText('Ravi Patel').waitFor();
  await panel.getByRole('tab', { name: /Replied 1/ }).click();
  await panel.getByRole('list', { name: 'Replied' }).getByText('Omar Haddad').waitFor();
  expect(errors).toEqual([]);
});
