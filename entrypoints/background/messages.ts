// The background's side of the protocol: every payload is parsed at the boundary (a bad one is
// rejected with an error naming the field, before anything is written), then handed to lib/db,
// whose writes are each one transaction. After each write the badge recount is scheduled.
import { lookUpProspects } from '../../lib/db/queries';
import {
  addProspect,
  deleteOutcome,
  learnOwnAddresses,
  logManualTouch,
  logOutcome,
  markNotAProspect,
  markUndeliverable,
} from '../../lib/db/writes';
import { withdrawSend } from '../../lib/db/edits';
import { onMessage, parseMessage } from '../../lib/messages';
import { readDueCount, scheduleBadge } from './badge';
import { openDatabase, readSettings } from './database';
import { storeSend } from './outbox';
import { openPanel } from './side-panel';

/** Runs a write, then schedules the badge recount (debounced, after the answer has gone). */
async function write<T>(run: () => Promise<T>): Promise<T> {
  const result = await run();
  scheduleBadge();
  return result;
}

export function setUpMessages(): void {
  onMessage('recordSend', async ({ data }) => {
    const send = parseMessage('recordSend', data);
    return storeSend(await openDatabase(), send);
  });

  onMessage('withdrawSend', async ({ data }) => {
    const ref = parseMessage('withdrawSend', data);
    const db = await openDatabase();
    return write(() => withdrawSend(db, ref, { now: Date.now() }));
  });

  onMessage('logManualTouch', async ({ data }) => {
    const touch = parseMessage('logManualTouch', data);
    const db = await openDatabase();
    return write(() => logManualTouch(db, touch, { now: Date.now() }));
  });

  onMessage('logOutcome', async ({ data }) => {
    const outcome = parseMessage('logOutcome', data);
    const db = await openDatabase();
    return write(() => logOutcome(db, outcome, { now: Date.now() }));
  });

  onMessage('undoOutcome', async ({ data }) => {
    const { outcomeId } = parseMessage('undoOutcome', data);
    const db = await openDatabase();
    await write(() => deleteOutcome(db, outcomeId, { now: Date.now() }));
    return { undone: true };
  });

  onMessage('trackProspect', async ({ data }) => {
    const prospect = parseMessage('trackProspect', data);
    const db = await openDatabase();
    return write(() => addProspect(db, prospect, { now: Date.now() }));
  });

  onMessage('markNotAProspect', async ({ data }) => {
    const { prospectId } = parseMessage('markNotAProspect', data);
    const db = await openDatabase();
    return write(() => markNotAProspect(db, prospectId, { now: Date.now() }));
  });

  onMessage('learnOwnAddresses', async ({ data }) => {
    const input = parseMessage('learnOwnAddresses', data);
    const db = await openDatabase();
    return write(() => learnOwnAddresses(db, input, { now: Date.now() }));
  });

  onMessage('markUndeliverable', async ({ data }) => {
    const input = parseMessage('markUndeliverable', data);
    const db = await openDatabase();
    return write(() => markUndeliverable(db, input, { now: Date.now() }));
  });

  onMessage('lookUpProspects', async ({ data }) => {
    const query = parseMessage('lookUpProspects', data);
    return lookUpProspects(await openDatabase(), query);
  });

  onMessage('countDue', async ({ data }) => {
    parseMessage('countDue', data);
    return readDueCount(await openDatabase());
  });

  // Not async before sidePanel.open: the user's gesture travels with the message only until the
  // handler first yields. Answers opened:false when the browser refused, so the page falls back
  // to opening the thread or profile itself.
  onMessage('openSidePanel', ({ data, sender }) => {
    const { prospectId } = parseMessage('openSidePanel', data);
    return openPanel({ tabId: sender.tab?.id, windowId: sender.tab?.windowId }, prospectId).then(
      (opened) => ({ opened }),
    );
  });

  // Answers only once the database is open, so "pinged" means "ready to store".
  // Content scripts never read the database: overlays learn the few settings they need here.
  onMessage('getOverlaySettings', async ({ data }) => {
    parseMessage('getOverlaySettings', data);
    const settings = await readSettings(await openDatabase());
    return {
      showOnLinkedIn: settings.showOnLinkedIn,
      nosThreshold: settings.nosThreshold,
      disabledAngles: settings.disabledAngles,
      angleTemplates: settings.angleTemplates,
      customAngles: settings.customAngles,
    };
  });

  onMessage('ping', async ({ data }) => {
    parseMessage('ping', data);
    await openDatabase();
    return { version: browser.runtime.getManifest().version };
  });
}
