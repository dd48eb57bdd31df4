// Restoring whatever file a rep picks: random JSON, and a real backup damaged at random. The parser
// refuses with a StoreError or accepts; a restore either replaces the store with exactly the file's
// rows or fails and leaves the store exactly as it was. Nothing in between, ever.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBackup, parseBackup, restoreBackup, type Backup } from './backup';
import { createFifthTouchDb, type FifthTouchDb } from './schema';
import { withWaitingSince } from './work-order';
import { addProspect, logOutcome, recordSend, StoreError } from './writes';

const NOW = new Date(2026, 2, 2, 10).getTime();
let db: FifthTouchDb;
let original: Backup;

beforeAll(async () => {
  db = createFifthTouchDb(`backup-fuzz-${crypto.randomUUID()}`);
  const { prospectId } = await addProspect(
    db,
    { name: 'Jane Doe', company: 'Acme', emails: ['jane@acme.example'], tags: ['q3'] },
    { now: NOW },
  );
  for (let index = 0; index < 3; index++) {
    await recordSend(
      db,
      {
        channel: index === 1 ? 'linkedin' : 'email',
        at: NOW - (3 - index) * 86_400_000,
        sendKey: `k${index}`,
        summary: `Touch ${index}`,
        confirmed: true,
        link: 'https://mail.google.com/mail/u/0/#all/183234ce86ffa010',
        recipients: [
          index === 1 ? { linkedinId: 'jane-doe-42' } : { email: 'jane@acme.example' },
          { email: `other${index}@globex.example` },
        ],
      },
      { now: NOW },
    );
  }
  await logOutcome(db, { prospectId, kind: 'no', at: NOW - 1000 }, { now: NOW });
  original = await exportBackup(db, { now: NOW });
});

afterAll(async () => {
  await db.delete();
});

async function rows() {
  const { exportedAt: _at, ...rest } = await exportBackup(db, { now: 0 });
  return rest;
}

function parseOrRefuse(text: string): Backup | StoreError {
  try {
    return parseBackup(text);
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
}

type Json = unknown;
const damage = fc.record({
  kind: fc.constantFrom('replace', 'delete', 'duplicate', 'truncate'),
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  value: fc.jsonValue({ maxDepth: 2 }),
});

/** Applies one random change somewhere in the JSON tree. */
function applyDamage(root: Json, step: { kind: string; path: number[]; value: Json }): Json {
  if (step.kind === 'truncate') return root;
  let node = root as Record<string, Json> | Json[];
  for (let depth = 0; depth < step.path.length; depth++) {
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) return root;
    const key = keys[step.path[depth]! % keys.length]!;
    const child = (node as Record<string | number, Json>)[key];
    const last = depth === step.path.length - 1 || typeof child !== 'object' || child === null;
    if (last) {
      if (step.kind === 'replace') (node as Record<string | number, Json>)[key] = step.value;
      else if (step.kind === 'delete') {
        if (Array.isArray(node)) node.splice(key as number, 1);
        else delete node[key as string];
      } else if (Array.isArray(node)) node.push(structuredClone(child));
      return root;
    }
    node = child as Record<string, Json> | Json[];
  }
  return root;
}

describe('restoring a backup', () => {
  it('random JSON and random text are refused with a StoreError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const result = parseOrRefuse(text);
          expect(result).toBeInstanceOf(StoreError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a real backup damaged at random: refused, or restored exactly, or failed with the store untouched', async () => {
    const seen = { refused: 0, restored: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(damage, { minLength: 1, maxLength: 4 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (steps, cut) => {
          let json: Json = structuredClone(original);
          for (const step of steps) json = applyDamage(json, step);
          let text = JSON.stringify(json);
          if (steps.some((s) => s.kind === 'truncate'))
            text = text.slice(0, Math.floor(text.length * cut));
          const parsed = parseOrRefuse(text);
          if (parsed instanceof StoreError) {
            expect(parsed.message).toMatch(/backup/i);
            seen.refused += 1;
            return;
          }
          const before = await rows();
          const outcome = await restoreBackup(db, parsed).then(
            () => 'restored' as const,
            (error: unknown) => error,
          );
          const after = await rows();
          seen[outcome === 'restored' ? 'restored' : 'failed'] += 1;
          if (outcome === 'restored') {
            const sortById = <T extends { id: string }>(list: T[]) =>
              [...list].sort((a, b) => a.id.localeCompare(b.id));
            // Exactly, as the store stores them: waitingSince is derived again from each row
            // (a damaged lastTouchAt moves it; the backup's own copy is not trusted).
            expect(sortById(after.prospects)).toEqual(
              sortById(parsed.prospects.map(withWaitingSince)),
            );
            expect(after.touches).toHaveLength(parsed.touches.length);
            expect(after.outcomes).toHaveLength(parsed.outcomes.length);
          } else {
            expect(after).toEqual(before);
          }
          // Back to the original book for the next run.
          await restoreBackup(db, original);
        },
      ),
      { numRuns: 150 },
    );
    // Each way out was taken: the property is not vacuous.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.restored).toBeGreaterThan(0);
  }, 120_000);

  it('a backup with a row twice is refused in words, parsed or not, and leaves the store as it was', async () => {
    const twice = structuredClone(original);
    twice.touches.push(structuredClone(twice.touches[0]!));
    expect(() => parseBackup(JSON.stringify(twice))).toThrow(StoreError);
    await db.touches.clear();
    const before = await rows();
    // Handed straight to the restore (no parse), the store's own rules still refuse it first.
    await expect(restoreBackup(db, twice)).rejects.toThrow(/two touches have the id/);
    expect(await rows()).toEqual(before);
    await restoreBackup(db, original);
  });
});
