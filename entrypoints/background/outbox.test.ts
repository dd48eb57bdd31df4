// storeSend with WXT's fake browser and the real store (fake-indexeddb): a send takes the angle of
// the draft the rep put into the composer for its prospect, the draft is let go once its send is
// stored, and the drafts are read from extension storage again whenever it changes, even though a
// worker life keeps what it read.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SETTINGS_ROW_ID } from '../../lib/db/schema';
import { AWAITING_SEND_MS, type AwaitingSend } from '../../lib/drafts/composer';
import type { DetectedSend } from '../../lib/model';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { prospectRow } from '../../tests/helpers/prospect-row';
import { openDatabase } from './database';
import { storeSend } from './outbox';

// The key drafts.ts keeps them under: what the side panel's "put in composer" leaves there.
const AWAITING_KEY = 'fifth-touch:drafts-awaiting-send';

// Wednesday 2026-03-04, 10:15 local.
const NOW = new Date(2026, 2, 4, 10, 15).getTime();

beforeEach(async () => {
  const db = await openDatabase();
  await Promise.all([
    db.prospects.clear(),
    db.touches.clear(),
    db.outcomes.clear(),
    db.unconfirmedSends.clear(),
  ]);
  await db.settings.put({ ...DEFAULT_SETTINGS, id: SETTINGS_ROW_ID });
  await db.prospects.bulkPut([prospectRow('cora'), prospectRow('dana')]);
});

function sendTo(prospectId: string, sendKey: string, at = NOW): DetectedSend {
  return {
    channel: 'email',
    at,
    sendKey,
    summary: 'Following up',
    confirmed: true,
    recipients: [{ email: `${prospectId}@acme.example`, role: 'to' }],
  };
}

function awaiting(prospectId: string, angleId: string): AwaitingSend {
  return {
    prospectId,
    channel: 'email',
    angleId,
    since: NOW - 60_000,
    until: NOW + AWAITING_SEND_MS,
  };
}

async function angleOfStoredTouch(touchId: string): Promise<string | undefined> {
  const db = await openDatabase();
  return (await db.touches.get(touchId))?.angleId;
}

async function stored(): Promise<AwaitingSend[] | undefined> {
  return (await fakeBrowser.storage.local.get(AWAITING_KEY))[AWAITING_KEY] as
    AwaitingSend[] | undefined;
}

describe('a send and the drafts awaiting it', () => {
  it("takes the draft's angle and lets that draft go, leaving the others", async () => {
    await fakeBrowser.storage.local.set({
      [AWAITING_KEY]: [awaiting('cora', 'case-study'), awaiting('dana', 'question')],
    });
    const db = await openDatabase();

    const result = await storeSend(db, sendTo('cora', 'msg-1'), NOW);

    expect(result.touches).toHaveLength(1);
    expect(await angleOfStoredTouch(result.touches[0]!.touchId)).toBe('case-study');
    expect(await stored()).toEqual([awaiting('dana', 'question')]);
  });

  it('sees a draft stored after an earlier send of the same worker life read none', async () => {
    const db = await openDatabase();
    const before = await storeSend(db, sendTo('cora', 'msg-1'), NOW);
    expect(await angleOfStoredTouch(before.touches[0]!.touchId)).toBeUndefined();

    await fakeBrowser.storage.local.set({ [AWAITING_KEY]: [awaiting('dana', 'question')] });
    const after = await storeSend(db, sendTo('dana', 'msg-2'), NOW + 1_000);

    expect(await angleOfStoredTouch(after.touches[0]!.touchId)).toBe('question');
  });

  it('no longer gives an angle once the drafts were cleared from storage', async () => {
    await fakeBrowser.storage.local.set({ [AWAITING_KEY]: [awaiting('dana', 'question')] });
    const db = await openDatabase();
    // Read (and kept) by a send to someone else.
    await storeSend(db, sendTo('cora', 'msg-1'), NOW);

    await fakeBrowser.storage.local.remove(AWAITING_KEY);
    const after = await storeSend(db, sendTo('dana', 'msg-2'), NOW + 1_000);

    expect(await angleOfStoredTouch(after.touches[0]!.touchId)).toBeUndefined();
  });

  it('gives a draft its angle once: a second send to the same prospect takes none', async () => {
    await fakeBrowser.storage.local.set({ [AWAITING_KEY]: [awaiting('cora', 'case-study')] });
    const db = await openDatabase();

    const first = await storeSend(db, sendTo('cora', 'msg-1'), NOW);
    const second = await storeSend(db, sendTo('cora', 'msg-2'), NOW + 1_000);

    expect(await angleOfStoredTouch(first.touches[0]!.touchId)).toBe('case-study');
    expect(await angleOfStoredTouch(second.touches[0]!.touchId)).toBeUndefined();
    expect(await stored()).toEqual([]);
  });
});
