// A full backup: every row of every table as JSON, and a restore that checks the whole file before
// replacing the store in one transaction. A bad or foreign file changes nothing.
import * as v from 'valibot';
import {
  CHANNELS,
  OUTCOME_KINDS,
  PROSPECT_STATUSES,
  TOUCH_SOURCES,
  localDaySchema,
  type Outcome,
  type Prospect,
  type Touch,
} from '../model';
import { CURRENT_VERSION, SETTINGS_ROW_ID, type FifthTouchDb, type SettingsRow } from './schema';
import { settingsSchema } from './settings-schema';
import { StoreError, writeTransaction } from './writes';

export const BACKUP_FORMAT = 'fifth-touch-backup';

export interface Backup {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  exportedAt: number;
  prospects: Prospect[];
  touches: Touch[];
  outcomes: Outcome[];
  settings: SettingsRow[];
}

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const instant = v.pipe(v.number(), v.integer(), v.minValue(0));
const strings = v.array(v.string());

const prospectSchema = v.looseObject({
  id,
  name: v.string(),
  company: v.string(),
  emails: strings,
  linkedinIds: strings,
  status: v.picklist(PROSPECT_STATUSES),
  tags: strings,
  createdAt: instant,
  nextDueDay: v.optional(localDaySchema),
  nextChannels: v.array(v.picklist(CHANNELS)),
  nextStep: v.number(),
  totalSteps: v.number(),
  reason: v.string(),
  touchCount: v.number(),
  noCount: v.number(),
  lastTouchAt: v.optional(instant),
  lastAngleId: v.optional(v.string()),
  undeliverable: v.optional(strings),
});

const touchSchema = v.looseObject({
  id,
  prospectId: id,
  channel: v.picklist(CHANNELS),
  direction: v.picklist(['out', 'in']),
  at: instant,
  day: localDaySchema,
  summary: v.string(),
  link: v.optional(v.string()),
  threadId: v.optional(v.string()),
  account: v.optional(v.string()),
  source: v.picklist(TOUCH_SOURCES),
  confirmed: v.boolean(),
  dedupeKey: v.pipe(v.string(), v.minLength(1)),
  angleId: v.optional(v.string()),
});

const outcomeSchema = v.looseObject({
  id,
  prospectId: id,
  kind: v.picklist(OUTCOME_KINDS),
  at: instant,
  day: localDaySchema,
  until: v.optional(localDaySchema),
  note: v.optional(v.string()),
});

const backupSchema = v.object({
  format: v.literal(BACKUP_FORMAT, 'not a Fifth Touch backup'),
  schemaVersion: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(1),
    v.maxValue(CURRENT_VERSION, 'made by a newer version of Fifth Touch'),
  ),
  exportedAt: instant,
  prospects: v.array(prospectSchema),
  touches: v.array(touchSchema),
  outcomes: v.array(outcomeSchema),
  settings: v.pipe(v.array(v.looseObject({ id: v.literal(SETTINGS_ROW_ID) })), v.maxLength(1)),
});

function tables(db: FifthTouchDb) {
  return [db.prospects, db.touches, db.outcomes, db.settings];
}

export async function exportBackup(db: FifthTouchDb, { now }: { now: number }): Promise<Backup> {
  return db.transaction('r', tables(db), async () => ({
    format: BACKUP_FORMAT,
    schemaVersion: CURRENT_VERSION,
    exportedAt: now,
    prospects: await db.prospects.toArray(),
    touches: await db.touches.toArray(),
    outcomes: await db.outcomes.toArray(),
    settings: await db.settings.toArray(),
  }));
}

/** Parses a backup file's text, or throws a StoreError saying what is wrong with it. */
export function parseBackup(text: string): Backup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StoreError('This file is not a Fifth Touch backup (it is not JSON).');
  }
  if (
    typeof json !== 'object' ||
    json === null ||
    (json as { format?: unknown }).format !== BACKUP_FORMAT
  ) {
    throw new StoreError('This file is not a Fifth Touch backup.');
  }
  const result = v.safeParse(backupSchema, json);
  if (!result.success) {
    const issue = result.issues[0]!;
    const path = v.getDotPath(issue);
    throw new StoreError(
      `This file is not a usable Fifth Touch backup: ${path ? `${path}: ` : ''}${issue.message}`,
    );
  }
  const backup = result.output as unknown as Backup;
  const settingsRow = backup.settings[0];
  if (settingsRow) {
    const { id: _id, ...settings } = settingsRow;
    const check = v.safeParse(settingsSchema, settings);
    if (!check.success) {
      const issue = check.issues[0]!;
      throw new StoreError(
        `This backup's settings are invalid: ${v.getDotPath(issue) ?? 'settings'}: ${issue.message}`,
      );
    }
  }
  const prospectIds = new Set(backup.prospects.map((p) => p.id));
  const orphan = [...backup.touches, ...backup.outcomes].find(
    (row) => !prospectIds.has(row.prospectId),
  );
  if (orphan) {
    throw new StoreError(`This backup is inconsistent: ${orphan.id} belongs to no prospect.`);
  }
  return backup;
}

/** Replaces the whole store with the backup, in one transaction. */
export async function restoreBackup(db: FifthTouchDb, backup: Backup): Promise<void> {
  await writeTransaction(
    db,
    async () => {
      await Promise.all(tables(db).map((table) => table.clear()));
      await db.prospects.bulkAdd(backup.prospects);
      // No page holds a send of a restored store: one that was still sending when the backup was
      // made stands, as it would have once its undo window ended.
      await db.touches.bulkAdd(backup.touches.map(({ sending: _sending, ...touch }) => touch));
      await db.outcomes.bulkAdd(backup.outcomes);
      await db.settings.bulkAdd(backup.settings);
    },
    tables(db),
  );
}
