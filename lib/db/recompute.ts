// Recomputing a prospect: the follow-up engine run on its history, the answer stored on the
// prospect so the due list stays one range read. Called inside the writes' transactions.
import type { Table } from 'dexie';
import { planFollowUp } from '../cadence/plan';
import type { LocalDay, Outcome, Prospect, Settings, Touch } from '../model';
import { getSettings, outcomesOf, touchesOf } from './queries';
import type { FifthTouchDb } from './schema';
import { requireProspect, writeTransaction } from './transaction';

/** What a recompute reads and writes: the settings only when the caller does not bring them. */
export function historyTables(db: FifthTouchDb, settings: Settings | undefined): Table[] {
  const tables: Table[] = [db.prospects, db.touches, db.outcomes];
  if (!settings) tables.push(db.settings);
  return tables;
}

/**
 * Runs the follow-up engine on one prospect's history and stores the answer on the prospect, so the
 * due list stays one range read. Call after any change to its touches or outcomes.
 */
export function recomputeProspect(
  db: FifthTouchDb,
  prospectId: string,
  today: LocalDay,
  settings?: Settings,
): Promise<Prospect> {
  return writeTransaction(
    db,
    async () => {
      const [prospect, touches, outcomes, currentSettings] = await Promise.all([
        requireProspect(db, prospectId),
        touchesOf(db, prospectId),
        outcomesOf(db, prospectId),
        settings ?? getSettings(db),
      ]);
      const next = withPlan(prospect, touches, outcomes, currentSettings, today);
      await db.prospects.put(next);
      return next;
    },
    historyTables(db, settings),
  );
}

/**
 * The prospect as the follow-up engine sees it given its history: pure, no store access, so a
 * caller that already holds the history (an import of new prospects) computes it in memory.
 */
export function withPlan(
  prospect: Prospect,
  touches: Touch[],
  outcomes: Outcome[],
  settings: Settings,
  today: LocalDay,
): Prospect {
  const plan = planFollowUp({
    touches,
    outcomes,
    settings,
    today,
    manualStatus: prospect.status === 'not-prospect' ? 'not-prospect' : undefined,
    notBefore: prospect.startsOn ? { at: prospect.createdAt, day: prospect.startsOn } : undefined,
  });
  const outbound = touches.filter((touch) => touch.direction === 'out');
  const lastTouch = outbound[outbound.length - 1];
  const lastAngleId = outbound.filter((touch) => touch.angleId).pop()?.angleId;

  const next: Prospect = {
    ...prospect,
    status: prospect.status === 'not-prospect' ? 'not-prospect' : plan.status,
    nextChannels: plan.channels,
    nextStep: plan.step,
    totalSteps: plan.totalSteps,
    reason: plan.reason,
    touchCount: plan.touchCount,
    noCount: plan.noCount,
  };
  // Absent, not undefined: a prospect with nothing due must not be in the nextDueDay index.
  delete next.nextDueDay;
  delete next.lastTouchAt;
  delete next.lastAngleId;
  if (plan.dueDay !== undefined) next.nextDueDay = plan.dueDay;
  if (lastTouch) next.lastTouchAt = lastTouch.at;
  if (lastAngleId) next.lastAngleId = lastAngleId;
  return next;
}

/** `touches` (as `touchesOf` reads them: by time, then id) with `touch` where the index puts it. */
export function inTimeOrder(touches: Touch[], touch: Touch): Touch[] {
  const at = touches.findIndex((t) => t.at > touch.at || (t.at === touch.at && t.id > touch.id));
  return at === -1 ? [...touches, touch] : [...touches.slice(0, at), touch, ...touches.slice(at)];
}

export async function recomputeAll(
  db: FifthTouchDb,
  today: LocalDay,
  settings: Settings,
): Promise<void> {
  const ids = await db.prospects.toCollection().primaryKeys();
  for (const id of ids) await recomputeProspect(db, id, today, settings);
}
