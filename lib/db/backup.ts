// A full backup: every row of every table as JSON, and a restore that checks the whole file before
// replacing the store in one transaction. A backup is a file anyone can edit, so it goes through
// the same normalisation and limits as a CSV import (addresses and LinkedIn ids in their normal
// form, names, tags and notes within their lengths, links https only) and the store's own rules
// (one row per id, one prospect per address or LinkedIn id, one touch per send), each refusal in
// plain words naming the row. A bad or foreign file changes nothing.
import * as v from 'valibot';
import { normalizeEmail, normalizeLinkedInId } from '../identity';
import {
  CHANNELS,
  NOTE_MAX,
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

const id = v.pipe(
  v.string(),
  v.minLength(1, 'an empty id'),
  v.maxLength(200, 'an id longer than 200 characters'),
);
const instant = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000));

/** Text as an import takes it: trimmed, at most `max` characters. */
const text = (max: number, what: string) =>
  v.pipe(v.string(), v.trim(), v.maxLength(max, `${what} is longer than ${max} characters`));

/** Each entry in its normal form (as an import stores it), or an issue saying which one is bad. */
const normalized = (normalize: (raw: string) => string | null, message: string) =>
  v.pipe(
    v.string(),
    v.rawTransform<string, string>(({ dataset, addIssue, NEVER }) => {
      const normal = normalize(dataset.value);
      if (normal === null) {
        addIssue({ message: `${message} (${JSON.stringify(dataset.value.slice(0, 80))})` });
        return NEVER;
      }
      return normal;
    }),
  );

const uniqueList = <T extends v.GenericSchema<unknown, string>>(
  item: T,
  max: number,
  what: string,
) =>
  v.pipe(
    v.array(item),
    v.maxLength(max, `more than ${max} ${what}`),
    v.transform((values) => [...new Set(values)]),
  );

const emails = (max: number) =>
  uniqueList(normalized(normalizeEmail, 'not an email address'), max, 'addresses');
const httpsLink = v.pipe(
  v.string(),
  v.maxLength(2048, 'a link longer than 2048 characters'),
  v.url('a link that is not a web address'),
  v.startsWith('https://', 'a link that is not https'),
);

/**
 * A row: the known fields checked and normalised, fields a later release may add kept as they are.
 * Keys that would reach an object's prototype (`__proto__`, `constructor`, `prototype`) are dropped
 * whatever their value: valibot's looseObject builds each row afresh and copies no such key.
 */
const rowOf = <T extends v.ObjectEntries>(entries: T) => v.looseObject(entries);

const prospectSchema = rowOf({
  id,
  name: text(200, 'the name'),
  company: text(200, 'the company'),
  emails: emails(20),
  linkedinIds: uniqueList(
    normalized(normalizeLinkedInId, 'not a LinkedIn profile or id'),
    20,
    'LinkedIn ids',
  ),
  status: v.picklist(PROSPECT_STATUSES, 'an unknown status'),
  tags: uniqueList(text(50, 'a tag'), 50, 'tags'),
  createdAt: instant,
  nextDueDay: v.optional(localDaySchema),
  nextChannels: v.pipe(v.array(v.picklist(CHANNELS, 'an unknown channel')), v.maxLength(20)),
  nextStep: count,
  totalSteps: count,
  reason: text(1000, 'the reason'),
  touchCount: count,
  noCount: count,
  lastTouchAt: v.optional(instant),
  lastAngleId: v.optional(text(100, 'the angle id')),
  undeliverable: v.optional(emails(20)),
});

const touchSchema = rowOf({
  id,
  prospectId: id,
  channel: v.picklist(CHANNELS, 'an unknown channel'),
  direction: v.picklist(['out', 'in'], 'a direction other than out or in'),
  at: instant,
  day: localDaySchema,
  summary: text(1000, 'the summary'),
  link: v.optional(httpsLink),
  threadId: v.optional(text(300, 'the thread id')),
  account: v.optional(text(320, 'the account')),
  source: v.picklist(TOUCH_SOURCES, 'an unknown source'),
  confirmed: v.boolean(),
  dedupeKey: v.pipe(v.string(), v.minLength(1, 'an empty send key'), v.maxLength(400)),
  angleId: v.optional(text(100, 'the angle id')),
  note: v.optional(text(NOTE_MAX, 'the note')),
});

const outcomeSchema = rowOf({
  id,
  prospectId: id,
  kind: v.picklist(OUTCOME_KINDS, 'an unknown outcome'),
  at: instant,
  day: localDaySchema,
  until: v.optional(localDaySchema),
  note: v.optional(text(NOTE_MAX, 'the note')),
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
  settings: v.pipe(
    v.array(v.looseObject({ id: v.literal(SETTINGS_ROW_ID) })),
    v.maxLength(1, 'more than one settings row'),
  ),
});

const ROW_WORDS: Record<string, string> = {
  prospects: 'prospect',
  touches: 'touch',
  outcomes: 'outcome',
  settings: 'settings row',
};

/** `prospects.2.emails.0` → "prospect 3, emails" */
function describePath(path: string | null): string {
  if (!path) return '';
  const [table, index, field] = path.split('.');
  const row = table ? ROW_WORDS[table] : undefined;
  if (!row || index === undefined || !/^\d+$/.test(index)) return `${path}: `;
  return `${row} ${Number(index) + 1}${field ? `, ${field}` : ''}: `;
}

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
    throw new StoreError(
      `This file is not a usable Fifth Touch backup: ${describePath(v.getDotPath(issue))}${issue.message}.`,
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
  checkConsistent(backup);
  return backup;
}

/** The store's own rules, checked before anything is written: one row per id and per send. */
function checkConsistent(backup: Backup): void {
  const refuse = (why: string) => {
    throw new StoreError(`This backup is inconsistent: ${why}.`);
  };
  for (const table of ['prospects', 'touches', 'outcomes'] as const) {
    const seen = new Set<string>();
    for (const row of backup[table]) {
      if (seen.has(row.id)) refuse(`two ${table} have the id ${JSON.stringify(row.id)}`);
      seen.add(row.id);
    }
  }
  const holders = new Map<string, string>();
  for (const prospect of backup.prospects) {
    for (const key of [...prospect.emails, ...prospect.linkedinIds]) {
      const holder = holders.get(key);
      if (holder !== undefined && holder !== prospect.id) {
        refuse(`${key} belongs to two prospects (${holder} and ${prospect.id})`);
      }
      holders.set(key, prospect.id);
    }
  }
  const sends = new Set<string>();
  for (const touch of backup.touches) {
    if (sends.has(touch.dedupeKey)) refuse(`two touches record the same send (${touch.dedupeKey})`);
    sends.add(touch.dedupeKey);
  }
  const prospectIds = new Set(backup.prospects.map((p) => p.id));
  for (const rows of [backup.touches, backup.outcomes]) {
    const orphan = rows.find((row) => !prospectIds.has(row.prospectId));
    if (orphan) refuse(`${orphan.id} belongs to no prospect`);
  }
}

/**
 * Replaces the whole store with the backup, in one transaction: any failure rolls it back whole
 * and is told in words (never the database's own error text), and the store is as it was.
 */
export async function restoreBackup(db: FifthTouchDb, backup: Backup): Promise<void> {
  // Checked again here: a caller may hand over a backup that never went through parseBackup.
  checkConsistent(backup);
  try {
    await writeTransaction(
      db,
      async () => {
        await Promise.all(tables(db).map((table) => table.clear()));
        await db.prospects.bulkAdd(backup.prospects);
        // No page holds a send of a restored store: one that was still sending when the backup
        // was made stands, as it would have once its undo window ended.
        // (Only those rows are copied: a big book's half a million touches are stored as they are.)
        await db.touches.bulkAdd(
          backup.touches.map((touch) => {
            if (!('sending' in touch)) return touch;
            const { sending: _sending, ...settled } = touch;
            return settled;
          }),
        );
        await db.outcomes.bulkAdd(backup.outcomes);
        await db.settings.bulkAdd(backup.settings);
      },
      tables(db),
    );
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const constraint = /Constraint|Key already exists|unique/i.test(
      `${(error as Error)?.name} ${(error as Error)?.message}`,
    );
    throw new StoreError(
      constraint
        ? 'This backup could not be restored: two of its rows are the same row (an id or a send appears twice).'
        : 'This backup could not be restored: the browser refused to store it.',
      { cause: error },
    );
  }
}
