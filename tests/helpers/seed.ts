// Test helpers for component tests: a fresh fake-indexeddb database per test, prospects seeded
// through the real writes, and a fixed clock. 2026-03-02 is a Monday.
import { createFifthTouchDb, type FifthTouchDb } from '../../lib/db/schema';
import { addProspect, recordSend } from '../../lib/db/writes';
import type { PageEnv } from '../../components/env';
import { resetPanelStore } from '../../components/store';

export const local = (y: number, m: number, d: number, h = 10) =>
  new Date(y, m - 1, d, h).getTime();
export const MONDAY = local(2026, 3, 2);

export function testEnv(now = MONDAY): PageEnv {
  return { db: createFifthTouchDb(`panel-${crypto.randomUUID()}`), now: () => now };
}

/** A panel test's start: the panel's store as a fresh page has it, and a database of its own. */
export function openPanelEnv(now = MONDAY): PageEnv {
  resetPanelStore();
  return testEnv(now);
}

/** A panel test's end: its database closed and deleted. */
export async function closePanelEnv(env: PageEnv): Promise<void> {
  env.db.close();
  await env.db.delete();
}

/** A prospect with outbound emails on the given instants (one send each). */
export async function seedWithSends(
  db: FifthTouchDb,
  {
    name,
    email,
    company,
    sends,
  }: { name: string; email: string; company?: string; sends: number[] },
): Promise<string> {
  const { prospectId } = await addProspect(
    db,
    { name, emails: [email], ...(company ? { company } : {}) },
    { now: sends[0] ?? MONDAY },
  );
  for (const [index, at] of sends.entries()) {
    await recordSend(
      db,
      {
        channel: 'email',
        at,
        sendKey: `${email}-${index}`,
        summary: `Note ${index + 1} to ${name}`,
        link: `https://mail.google.com/mail/u/0/#sent/${index}`,
        confirmed: true,
        recipients: [{ email, role: 'to' }],
      },
      { now: at },
    );
  }
  return prospectId;
}

/**
 * The standard desk on Monday 2026-03-02: Jane overdue at touch 4 of 9, Bob due today (new),
 * Carol upcoming tomorrow.
 */
export async function seedDesk(db: FifthTouchDb) {
  const jane = await seedWithSends(db, {
    name: 'Jane Doe',
    email: 'jane@acme.com',
    company: 'Acme',
    sends: [local(2026, 2, 23), local(2026, 2, 24), local(2026, 2, 25)],
  });
  const { prospectId: bob } = await addProspect(
    db,
    { name: 'Bob Stone', company: 'Quarry', emails: ['bob@quarry.io'], tags: ['summit'] },
    { now: MONDAY },
  );
  const carol = await seedWithSends(db, {
    name: 'Carol King',
    email: 'carol@tapestry.co',
    company: 'Tapestry',
    sends: [MONDAY],
  });
  return { jane, bob, carol };
}

export type FifthTouchTestDb = FifthTouchDb;
