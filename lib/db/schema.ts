// The extension's one IndexedDB database. Every version(n) states the full schema and stays here
// forever with its upgrade(), so a store written by any earlier release opens in this one.
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { localDayOf } from '../cadence/days';
import type { Outcome, Prospect, Settings, Touch, UnconfirmedSend } from '../model';
import { DEFAULT_SETTINGS } from '../settings';
import { V1_STORES, type OutcomeV1, type ProspectV1, type SettingsRowV1, type TouchV1 } from './v1';
import { V2_STORES } from './v2';
import { CURRENT_VERSION, DEFAULT_DB_NAME, SETTINGS_ROW_ID } from './names';
import { waitingSinceOf, WORK_ORDER_INDEX, workOrderMiddleware } from './work-order';

export { V2_STORES, CURRENT_VERSION, DEFAULT_DB_NAME, SETTINGS_ROW_ID };

/** The settings live in one row. */
export type SettingsRow = Settings & { id: typeof SETTINGS_ROW_ID };

/** Only queried fields are indexed; each index serves a named query in queries.ts. */
export const V3_STORES = {
  prospects: 'id, *emails, *linkedinIds, status, nextDueDay',
  // [channel+threadId]: whom an open conversation is with (a LinkedIn `2-…` conversation id, a Gmail
  // thread id). A touch without a threadId is not in that index.
  touches: 'id, &dedupeKey, [prospectId+at], at, [channel+threadId]',
  outcomes: 'id, [prospectId+at]',
  settings: 'id',
} as const;

/**
 * Version 4: a touch still *sending* (Gmail's undo window open) is in the `sending.until` index
 * (a settled touch has no `sending`, so that index holds only the few in flight), and sends that
 * came past a rate limit wait for the rep in `unconfirmedSends`, oldest first by `receivedAt`.
 */
export const V4_STORES = {
  prospects: 'id, *emails, *linkedinIds, status, nextDueDay',
  touches: 'id, &dedupeKey, [prospectId+at], at, [channel+threadId], sending.until',
  outcomes: 'id, [prospectId+at]',
  settings: 'id',
  unconfirmedSends: 'id, receivedAt',
} as const;

/**
 * Version 5: the daily lists' work order as an index (lib/db/work-order.ts): a page of Overdue,
 * Due today or Upcoming is one index range read, however many prospects share its last day.
 */
export const V5_STORES = {
  ...V4_STORES,
  prospects: `id, *emails, *linkedinIds, status, nextDueDay, ${WORK_ORDER_INDEX}`,
} as const;

export class FifthTouchDb extends Dexie {
  prospects!: EntityTable<Prospect, 'id'>;
  touches!: EntityTable<Touch, 'id'>;
  outcomes!: EntityTable<Outcome, 'id'>;
  settings!: EntityTable<SettingsRow, 'id'>;
  unconfirmedSends!: EntityTable<UnconfirmedSend, 'id'>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.version(1).stores(V1_STORES);
    this.version(2).stores(V2_STORES).upgrade(upgradeToV2);
    // Version 3 only adds an index, which IndexedDB builds from the rows already there.
    this.version(3).stores(V3_STORES);
    // Version 4 adds an index no existing row is in and an empty table: nothing to upgrade.
    this.version(4).stores(V4_STORES);
    this.version(5).stores(V5_STORES).upgrade(upgradeToV5);
    this.use(workOrderMiddleware);
  }
}

export function createFifthTouchDb(name: string = DEFAULT_DB_NAME): FifthTouchDb {
  return new FifthTouchDb(name);
}

/**
 * Version 2 keys due dates on local days, so a time-zone or DST change never moves them: each
 * instant becomes the day it fell on where the user is, and fields the prospect gained get values
 * derived from its history (the engine refines them on the next change).
 */
async function upgradeToV2(tx: Transaction): Promise<void> {
  const settingsTable = tx.table<SettingsRowV1 | SettingsRow, string>('settings');
  const storedSettings = await settingsTable.get(SETTINGS_ROW_ID);
  const settings = settingsFromRow(storedSettings);
  if (storedSettings) await settingsTable.put({ ...settings, id: SETTINGS_ROW_ID });

  const touchesV1 = await tx.table<TouchV1, string>('touches').toArray();
  const outcomesV1 = await tx.table<OutcomeV1, string>('outcomes').toArray();

  await tx
    .table<TouchV1 & Partial<Touch>, string>('touches')
    .toCollection()
    .modify((touch) => {
      touch.day = localDayOf(touch.at);
    });
  await tx
    .table<Omit<OutcomeV1, 'until'> & { until?: number | string; day?: string }, string>('outcomes')
    .toCollection()
    .modify((outcome) => {
      outcome.day = localDayOf(outcome.at);
      if (typeof outcome.until === 'number') outcome.until = localDayOf(outcome.until);
    });

  const outByProspect = new Map<string, TouchV1[]>();
  for (const touch of touchesV1) {
    if (touch.direction !== 'out') continue;
    const list = outByProspect.get(touch.prospectId) ?? [];
    list.push(touch);
    outByProspect.set(touch.prospectId, list);
  }
  const nosByProspect = new Map<string, number>();
  for (const outcome of outcomesV1) {
    if (outcome.kind === 'no') {
      nosByProspect.set(outcome.prospectId, (nosByProspect.get(outcome.prospectId) ?? 0) + 1);
    }
  }

  await tx
    .table<ProspectV1 & Partial<Prospect>, string>('prospects')
    .toCollection()
    .modify((prospect) => {
      const outbound = (outByProspect.get(prospect.id) ?? []).sort((a, b) => a.at - b.at);
      const touchDays = new Set(outbound.map((touch) => localDayOf(touch.at)));
      const last = outbound[outbound.length - 1];
      const lastWithAngle = outbound.filter((touch) => touch.angleId).pop();

      if (prospect.nextDueAt !== undefined) prospect.nextDueDay = localDayOf(prospect.nextDueAt);
      delete prospect.nextDueAt;
      prospect.tags ??= [];
      prospect.nextChannels ??= [];
      prospect.touchCount ??= touchDays.size;
      prospect.nextStep ??= touchDays.size + 1;
      prospect.totalSteps ??= settings.cadence.length;
      prospect.noCount ??= nosByProspect.get(prospect.id) ?? 0;
      prospect.reason ??= prospect.nextDueDay
        ? 'Due day carried over from the previous version.'
        : 'Nothing due.';
      if (last) prospect.lastTouchAt ??= last.at;
      if (lastWithAngle?.angleId) prospect.lastAngleId ??= lastWithAngle.angleId;
    });
}

/** Version 5: every prospect gets the `waitingSince` its work-order index entry needs. */
async function upgradeToV5(tx: Transaction): Promise<void> {
  await tx
    .table<Prospect, string>('prospects')
    .toCollection()
    .modify((prospect) => {
      prospect.waitingSince = waitingSinceOf(prospect);
    });
}

/** The settings a row holds, with defaults for every field it lacks (a new install has no row). */
export function settingsFromRow(row: (Partial<Settings> & { id?: string }) | undefined): Settings {
  if (!row) return structuredClone(DEFAULT_SETTINGS);
  const { id: _id, ...stored } = row;
  const present = Object.entries(stored).filter(([, value]) => value !== undefined);
  return { ...structuredClone(DEFAULT_SETTINGS), ...Object.fromEntries(present) };
}
