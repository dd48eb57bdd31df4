// The rep's own addresses that Fifth Touch learnt by itself (not typed in the options page): which
// ones, from what, and which the rep removed and must not be learnt again. Learning an address also
// teaches its company domain, after which every send to that domain is skipped as internal, so a
// wrong one switches tracking off for a whole company: learning is capped, each learnt address is
// listed in the options page with a Remove button, and a removed one stays removed. Kept in
// extension storage (storage.local) by the background; pure here.
import * as v from 'valibot';
import { normalizeEmail } from './identity';

export const LEARNED_OWN_KEY = 'own-addresses:learned';
/** The name Gmail's account menu showed (storage.local): only ever offered to the rep to confirm. */
export const ACCOUNT_NAME_KEY = 'own-name:gmail-account';
/** Addresses learnt by themselves, at most; the options page can still take any number by hand. */
export const LEARNED_ADDRESSES_MAX = 10;
/** Company domains learnt with them, at most. */
export const LEARNED_DOMAINS_MAX = 3;
/** Removed addresses remembered (oldest forgotten first). */
export const FORGOTTEN_MAX = 200;

export const LEARN_SOURCES = ['account', 'send'] as const;
export type LearnSource = (typeof LEARN_SOURCES)[number];

export interface LearnedOwnAddress {
  email: string;
  /** The domains learnt with it (removed with it). */
  domains: string[];
  /** 'account': Gmail's account menu at load; 'send': the From of a confirmed send of the rep's. */
  source: LearnSource;
  at: number;
}

export interface LearnedOwnRecord {
  learned: LearnedOwnAddress[];
  forgotten: string[];
}

const recordSchema = v.object({
  learned: v.pipe(
    v.array(
      v.object({
        email: v.pipe(v.string(), v.maxLength(320)),
        domains: v.pipe(v.array(v.pipe(v.string(), v.maxLength(253))), v.maxLength(5)),
        source: v.picklist(LEARN_SOURCES),
        at: v.number(),
      }),
    ),
    v.maxLength(LEARNED_ADDRESSES_MAX * 2),
  ),
  forgotten: v.pipe(v.array(v.pipe(v.string(), v.maxLength(320))), v.maxLength(FORGOTTEN_MAX * 2)),
});

/** What storage holds, or an empty record when it holds nothing usable. */
export function parseLearnedOwnRecord(value: unknown): LearnedOwnRecord {
  const result = v.safeParse(recordSchema, value);
  return result.success ? result.output : { learned: [], forgotten: [] };
}

/**
 * Which of `emails` may be learnt now: normalised, not removed by the rep before, not known yet,
 * and within the cap. Pure.
 */
export function admitToLearn(
  record: LearnedOwnRecord,
  emails: readonly string[],
  known: ReadonlySet<string>,
): string[] {
  const forgotten = new Set(record.forgotten);
  const admitted: string[] = [];
  let room = LEARNED_ADDRESSES_MAX - record.learned.length;
  for (const raw of emails) {
    const email = normalizeEmail(raw);
    if (!email || forgotten.has(email) || known.has(email) || admitted.includes(email)) continue;
    if (room <= 0) break;
    admitted.push(email);
    room -= 1;
  }
  return admitted;
}

/** How many more domains may be learnt. */
export function domainRoom(record: LearnedOwnRecord): number {
  const learnt = record.learned.reduce((total, entry) => total + entry.domains.length, 0);
  return Math.max(0, LEARNED_DOMAINS_MAX - learnt);
}

/** The record after the rep removed `email`: it leaves the list and is never learnt again. */
export function forgetLearned(
  record: LearnedOwnRecord,
  email: string,
): { record: LearnedOwnRecord; removed?: LearnedOwnAddress } {
  const removed = record.learned.find((entry) => entry.email === email);
  const forgotten = [...record.forgotten.filter((entry) => entry !== email), email].slice(
    -FORGOTTEN_MAX,
  );
  return {
    record: { learned: record.learned.filter((entry) => entry.email !== email), forgotten },
    ...(removed ? { removed } : {}),
  };
}
