// The one way lib/db writes: a read-write transaction in which a full disk becomes a
// StorageFullError, the errors a refused write throws, and the checks each write makes first.
import Dexie, { type Table } from 'dexie';
import * as v from 'valibot';
import type { Prospect } from '../model';
import { isStorageFull, STORAGE_FULL_MESSAGE } from './errors';
import type { FifthTouchDb } from './schema';

/** A write refused: unknown ids, invalid input. Nothing was written. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * The disk is full: the write was rolled back and nothing stored before was lost. A StoreError, but
 * named apart so the content scripts' outbox keeps the send and retries it instead of setting it
 * aside as refused.
 */
export class StorageFullError extends StoreError {
  override name = 'StorageFullError';
  constructor(options?: { cause?: unknown }) {
    super(STORAGE_FULL_MESSAGE, options);
  }
}

/** The instant of the write; `today` is its local day. Passed in so tests control time. */
export interface WriteClock {
  now: number;
}

export function allTables(db: FifthTouchDb): Table[] {
  return [db.prospects, db.touches, db.outcomes, db.settings, db.unconfirmedSends];
}

/**
 * One read-write transaction over every table, or over the tables named (a narrower scope lets
 * writes to other tables run alongside); a full disk becomes a StorageFullError.
 */
export function writeTransaction<T>(
  db: FifthTouchDb,
  run: () => Promise<T>,
  tables: Table[] = allTables(db),
): Promise<T> {
  return db.transaction('rw', tables, run).catch((error: unknown) => {
    if (isStorageFull(error) && !(error instanceof StorageFullError)) {
      throw new StorageFullError({ cause: error });
    }
    throw error;
  });
}

/**
 * Lets IndexedDB commit the current write transaction as soon as the requests made so far are done,
 * instead of once their answers have come back to this context (a round trip less per write). For
 * the end of a scope only: it makes no request after this call, and none of its pending requests
 * can fail on its own (Dexie keeps a failed request from aborting the transaction, so a commit
 * already asked for would keep the others). A transaction nested in another is left to its outer
 * scope, which may still have work to do.
 */
export function commitWhenRequestsDone(): void {
  const transaction = Dexie.currentTransaction;
  if (!transaction || transaction.parent) return;
  const idbTransaction = transaction.idbtrans as IDBTransaction | null;
  idbTransaction?.commit?.();
}

export function parseInput<S extends v.GenericSchema>(
  schema: S,
  data: unknown,
  what: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (!result.success) {
    const detail = result.issues
      .slice(0, 3)
      .map((issue) => `${v.getDotPath(issue) ?? what}: ${issue.message}`)
      .join('; ');
    throw new StoreError(`Invalid ${what}: ${detail}`);
  }
  return result.output;
}

export async function requireProspect(db: FifthTouchDb, prospectId: string): Promise<Prospect> {
  const prospect = await db.prospects.get(prospectId);
  if (!prospect) throw new StoreError(`Unknown prospect ${prospectId}`);
  return prospect;
}

export async function requireTrackedProspect(
  db: FifthTouchDb,
  prospectId: string,
): Promise<Prospect> {
  const prospect = await requireProspect(db, prospectId);
  if (prospect.status === 'not-prospect') {
    throw new StoreError(`${prospect.name} (${prospectId}) is marked not a prospect`);
  }
  return prospect;
}
