// A full disk, simulated by wrapping IndexedDB (fake-indexeddb) with a byte budget: once it is
// spent, every put/add request fails asynchronously with a QuotaExceededError and its transaction
// aborts, as in a browser. Each write must then say so clearly and leave the store as it was.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPermanentFailure } from '../outbox/outbox';
import { exportBackup } from './backup';
import { isStorageFull, STORAGE_FULL_MESSAGE } from './errors';
import { importBook } from './import';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import {
  addProspect,
  logManualTouch,
  logOutcome,
  recordSend,
  saveSettings,
  StorageFullError,
  StoreError,
} from './writes';

interface Quota {
  /** Bytes still free; undefined: unlimited. */
  free: number | undefined;
  refused: number;
}

type Writer = (this: IDBObjectStore, value: unknown, key?: IDBValidKey) => IDBRequest;

/** Wraps IDBObjectStore.put/add with a byte budget; returns the quota and an uninstaller. */
function installQuota(): { quota: Quota; uninstall(): void } {
  const proto = IDBObjectStore.prototype as unknown as Record<'put' | 'add', Writer>;
  const originals = { put: proto.put, add: proto.add };
  const quota: Quota = { free: undefined, refused: 0 };
  for (const method of ['put', 'add'] as const) {
    proto[method] = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      const size = JSON.stringify(value)?.length ?? 0;
      if (quota.free !== undefined && size > quota.free) {
        quota.refused += 1;
        const transaction = this.transaction as unknown as {
          _execRequestAsync(request: { operation: () => never; source: unknown }): IDBRequest;
        };
        return transaction._execRequestAsync({
          operation: () => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          },
          source: this,
        });
      }
      if (quota.free !== undefined) quota.free -= size;
      return originals[method].call(this, value, key);
    };
  }
  return {
    quota,
    uninstall() {
      proto.put = originals.put;
      proto.add = originals.add;
    },
  };
}

const NOW = new Date(2026, 2, 2, 10).getTime();
const clock = { now: NOW };
let db: FifthTouchDb;
let disk: ReturnType<typeof installQuota>;

beforeEach(async () => {
  disk = installQuota();
  db = createFifthTouchDb(`quota-${crypto.randomUUID()}`);
  await db.open();
});

afterEach(async () => {
  disk.uninstall();
  await db.delete();
});

/** Everything stored, without the export's own timestamp. */
async function snapshot() {
  const { exportedAt: _at, ...rows } = await exportBackup(db, { now: 0 });
  return rows;
}

async function seedBook(): Promise<string> {
  const { prospectId } = await addProspect(
    db,
    { name: 'Jane Doe', company: 'Acme', emails: ['jane@acme.example'] },
    clock,
  );
  await recordSend(
    db,
    {
      channel: 'email',
      at: NOW - 86_400_000,
      sendKey: 'gmail:msg-a:r1',
      summary: 'Renewal numbers',
      confirmed: true,
      recipients: [{ email: 'jane@acme.example', role: 'to' }],
    },
    clock,
  );
  return prospectId;
}

async function expectStorageFull(write: Promise<unknown>): Promise<StorageFullError> {
  const error = await write.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(StorageFullError);
  expect(error).toBeInstanceOf(StoreError);
  expect((error as Error).message).toBe(STORAGE_FULL_MESSAGE);
  expect(isStorageFull((error as Error).cause)).toBe(true);
  return error as StorageFullError;
}

describe('when the disk is full', () => {
  it('a detected send, an outcome, a manual touch and a settings change each fail clearly and change nothing', async () => {
    const prospectId = await seedBook();
    const before = await snapshot();
    disk.quota.free = 0;

    await expectStorageFull(
      recordSend(
        db,
        {
          channel: 'email',
          at: NOW,
          sendKey: 'gmail:msg-a:r2',
          summary: 'Ten minutes Thursday?',
          confirmed: true,
          recipients: [
            { email: 'jane@acme.example', role: 'to' },
            { email: 'new.person@globex.example', role: 'to' },
          ],
        },
        clock,
      ),
    );
    await expectStorageFull(logOutcome(db, { prospectId, kind: 'no' }, clock));
    await expectStorageFull(
      logManualTouch(db, { prospectId, channel: 'call', at: NOW, summary: 'Called' }, clock),
    );
    await expectStorageFull(saveSettings(db, { nosThreshold: 3 }, clock));
    expect(disk.quota.refused).toBeGreaterThanOrEqual(4);
    expect(await snapshot()).toEqual(before);

    // Space freed: the same write goes through, nothing was stuck.
    disk.quota.free = undefined;
    await logOutcome(db, { prospectId, kind: 'no' }, clock);
    expect(await db.outcomes.count()).toBe(before.outcomes.length + 1);
  });

  it('a write that runs out of room halfway (the first rows fit) rolls back entirely', async () => {
    await seedBook();
    const before = await snapshot();
    const leads = Array.from({ length: 200 }, (_, index) => ({
      name: `Lead ${index}`,
      company: 'Initech',
      emails: [`lead${index}@initech.example`],
      linkedinIds: [],
      tags: ['imported'],
    }));
    // Room for some dozens of prospects, not two hundred.
    disk.quota.free = 40_000;
    const progress: number[] = [];
    await expectStorageFull(importBook(db, leads, clock, (done) => progress.push(done)));
    expect(progress).toContain(50);
    expect(await snapshot()).toEqual(before);
  });
});

describe('recognising a full disk', () => {
  it('as Dexie and IndexedDB report it, and nothing else', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(isStorageFull(quota)).toBe(true);
    expect(isStorageFull({ name: 'AbortError', inner: quota })).toBe(true);
    expect(isStorageFull({ name: 'BulkError', failures: [new Error('x'), quota] })).toBe(true);
    expect(isStorageFull(new Error('wrapped', { cause: quota }))).toBe(true);
    expect(isStorageFull(new DOMException('gone', 'AbortError'))).toBe(false);
    expect(isStorageFull(new StoreError('Unknown prospect x'))).toBe(false);
    expect(isStorageFull(null)).toBe(false);
    const loop: { name: string; inner?: unknown } = { name: 'AbortError' };
    loop.inner = loop;
    expect(isStorageFull(loop)).toBe(false);
  });
});

describe('a send refused for lack of room', () => {
  it('stays in the content scripts’ outbox to be retried (a refused payload would be set aside)', () => {
    expect(isPermanentFailure(new StorageFullError())).toBe(false);
    // As it arrives over the wire: a plain error with the name kept.
    const wire = Object.assign(new Error(STORAGE_FULL_MESSAGE), { name: 'StorageFullError' });
    expect(isPermanentFailure(wire)).toBe(false);
    expect(isPermanentFailure(new StoreError('Invalid send: at'))).toBe(true);
  });
});
