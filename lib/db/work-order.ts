// The order the rep works a list in, kept by the store as an index: the earliest due day first
// (the most overdue), then whoever has waited longest since the last touch (never touched: since
// they were added), then the lower touch number, the id last. `waitingSince` is derived here on
// every write of a prospect, so `[nextDueDay+waitingSince+nextStep]` (IndexedDB orders equal keys
// by the primary key, the id) hands out any page of a list already in this order.
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import type { Prospect } from '../model';

/** The compound index giving the work order (schema version 5 on). */
export const WORK_ORDER_INDEX = '[nextDueDay+waitingSince+nextStep]';

/** When the prospect's wait began: the last touch, or when it was added. */
export function waitingSinceOf(prospect: Pick<Prospect, 'lastTouchAt' | 'createdAt'>): number {
  return prospect.lastTouchAt ?? prospect.createdAt ?? 0;
}

/** compareForWork's order as a comparator, the same as the index gives (see the header). */
export function compareForWork(a: Prospect, b: Prospect): number {
  const dueA = a.nextDueDay ?? '';
  const dueB = b.nextDueDay ?? '';
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  const waitingA = waitingSinceOf(a);
  const waitingB = waitingSinceOf(b);
  if (waitingA !== waitingB) return waitingA - waitingB;
  if (a.nextStep !== b.nextStep) return a.nextStep - b.nextStep;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The row as stored: `waitingSince` set from its own fields (the same object when it already is). */
export function withWaitingSince(prospect: Prospect): Prospect {
  const since = waitingSinceOf(prospect);
  return prospect.waitingSince === since ? prospect : { ...prospect, waitingSince: since };
}

/**
 * Every add and put of a prospect, whichever code writes it (a send, an edit, an import, a
 * restore, Dexie's own modify and update), stores `waitingSince` derived from the row itself, so
 * the work-order index never misses a prospect or holds a stale wait.
 */
export const workOrderMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'workOrder',
  create(down) {
    return {
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name);
        if (name !== 'prospects') return table;
        return {
          ...table,
          mutate(request: DBCoreMutateRequest) {
            if (request.type !== 'add' && request.type !== 'put') return table.mutate(request);
            const values = (request.values as Prospect[]).map(withWaitingSince);
            return table.mutate({ ...request, values });
          },
        };
      },
    };
  },
};
