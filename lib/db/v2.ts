// The store as the second release declared it. Kept forever: version(2) of the schema is declared
// from these strings, and the migration test builds a real v2 database from them. Its rows have the
// shapes in ../model.ts as of that release (the third release only added an index).
export const V2_STORES = {
  // nextDueDay: the due list is one range read (a prospect with nothing due has no nextDueDay,
  // so it is not in that index at all). *emails / *linkedinIds: look-up by any identity.
  prospects: 'id, *emails, *linkedinIds, status, nextDueDay',
  // [prospectId+at]: one prospect's touches in time order. &dedupeKey: the same send never twice.
  touches: 'id, &dedupeKey, [prospectId+at], at',
  outcomes: 'id, [prospectId+at]',
  settings: 'id',
} as const;
