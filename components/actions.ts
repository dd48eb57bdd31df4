// The panel's one-click actions. Each writes through lib/db, then offers an undo that removes
// exactly what it wrote (or puts back the snapshot it took), and reports errors in words.
import { useCallback, useMemo } from 'react';
import { addDaysToDay, localDayOf } from '../lib/cadence/days';
import {
  mergeProspects,
  removeProspect,
  restoreSnapshot,
  snapshotProspects,
  updateProspect,
} from '../lib/db/edits';
import type { ProspectEdit } from '../lib/db/edits';
import { getProspect, getSettings } from '../lib/db/queries';
import {
  addProspect,
  deleteOutcome,
  deleteTouch,
  logManualTouch,
  logOutcome,
  markNotAProspect,
  type NewProspect,
} from '../lib/db/writes';
import type { Channel, LocalDay, OutcomeKind, Prospect } from '../lib/model';
import { useEnv } from './env';
import { formatDay } from './format';
import { usePanelStore } from './store';

export interface ManualTouchInput {
  channel: Channel;
  /** When it happened (ms since the epoch); now when absent. */
  at?: number;
  summary: string;
  note?: string;
}

const OUTCOME_WORDS: Record<OutcomeKind, string> = {
  reply: 'Reply logged',
  no: 'No logged',
  won: 'Marked won',
  lost: 'Marked lost',
  snooze: 'Snoozed',
  pause: 'Paused',
  resume: 'Resumed',
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useProspectActions() {
  const { db, now } = useEnv();
  const offerUndo = usePanelStore((s) => s.offerUndo);
  const setError = usePanelStore((s) => s.setError);

  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await action();
      } catch (error) {
        setError(messageOf(error));
        return undefined;
      }
    },
    [setError],
  );

  const logOutcomeWithUndo = useCallback(
    (prospect: Prospect, kind: OutcomeKind, until?: LocalDay) =>
      run(async () => {
        const clock = { now: now() };
        const { outcomeId } = await logOutcome(
          db,
          { prospectId: prospect.id, kind, ...(until ? { until } : {}) },
          clock,
        );
        const after = await getProspect(db, prospect.id);
        let message = `${OUTCOME_WORDS[kind]}: ${prospect.name}`;
        if (kind === 'no' && after) {
          const settings = await getSettings(db);
          message =
            after.status === 'lost'
              ? `No ${after.noCount} of ${settings.nosThreshold}: ${prospect.name} is closed`
              : `No ${after.noCount} of ${settings.nosThreshold}: next touch ${after.nextDueDay ? formatDay(after.nextDueDay) : 'not scheduled'}`;
        } else if (kind === 'snooze' && until) {
          message = `Snoozed ${prospect.name} until ${formatDay(until)}`;
        }
        offerUndo(message, () => deleteOutcome(db, outcomeId, { now: now() }));
        return outcomeId;
      }),
    [db, now, offerUndo, run],
  );

  const logTouchWithUndo = useCallback(
    (prospect: Prospect, input: ManualTouchInput) =>
      run(async () => {
        const current = now();
        const { touchId } = await logManualTouch(
          db,
          {
            prospectId: prospect.id,
            channel: input.channel,
            at: input.at ?? current,
            summary: input.summary,
            ...(input.note ? { note: input.note } : {}),
          },
          { now: current },
        );
        offerUndo(`Touch logged: ${prospect.name}`, () => deleteTouch(db, touchId, { now: now() }));
        return touchId;
      }),
    [db, now, offerUndo, run],
  );

  /** Runs a change that has no single row to delete, undoable by restoring the snapshot. */
  const withSnapshot = useCallback(
    <T>(prospectIds: string[], message: string, change: () => Promise<T>) =>
      run(async () => {
        const snapshot = await snapshotProspects(db, prospectIds);
        const result = await change();
        offerUndo(message, () => restoreSnapshot(db, snapshot, { now: now() }));
        return result;
      }),
    [db, now, offerUndo, run],
  );

  return useMemo(() => {
    const today = () => localDayOf(now());
    return {
      logReply: (p: Prospect) => logOutcomeWithUndo(p, 'reply'),
      logNo: (p: Prospect) => logOutcomeWithUndo(p, 'no'),
      logWon: (p: Prospect) => logOutcomeWithUndo(p, 'won'),
      logLost: (p: Prospect) => logOutcomeWithUndo(p, 'lost'),
      resume: (p: Prospect) => logOutcomeWithUndo(p, 'resume'),
      snooze: (p: Prospect, until: LocalDay) => logOutcomeWithUndo(p, 'snooze', until),
      snoozeDays: (p: Prospect, days: number) =>
        logOutcomeWithUndo(p, 'snooze', addDaysToDay(today(), days)),
      logTouch: logTouchWithUndo,
      markNotAProspect: (p: Prospect) =>
        withSnapshot([p.id], `${p.name} is not a prospect`, () =>
          markNotAProspect(db, p.id, { now: now() }),
        ),
      edit: (p: Prospect, edit: ProspectEdit) =>
        withSnapshot([p.id], `Saved ${edit.name ?? p.name}`, () =>
          updateProspect(db, p.id, edit, { now: now() }),
        ),
      merge: (keep: Prospect, merged: Prospect) =>
        withSnapshot([keep.id, merged.id], `Merged ${merged.name} into ${keep.name}`, () =>
          mergeProspects(db, { keepId: keep.id, mergeId: merged.id }, { now: now() }),
        ),
      add: (input: NewProspect & Pick<ProspectEdit, 'phone' | 'title' | 'twitter'>) =>
        run(async () => {
          const { phone, title, twitter, ...identity } = input;
          const { prospectId } = await addProspect(db, identity, { now: now() });
          if (phone || title || twitter) {
            try {
              await updateProspect(db, prospectId, { phone, title, twitter }, { now: now() });
            } catch (error) {
              // All or nothing: a bad phone or handle leaves no half-added prospect behind.
              await removeProspect(db, prospectId);
              throw error;
            }
          }
          offerUndo(`Added ${input.name || 'prospect'}`, () => removeProspect(db, prospectId));
          return prospectId;
        }),
    };
  }, [db, now, logOutcomeWithUndo, logTouchWithUndo, withSnapshot, run, offerUndo]);
}

export type ProspectActions = ReturnType<typeof useProspectActions>;
