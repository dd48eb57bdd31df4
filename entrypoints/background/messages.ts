// The background's side of the protocol: every sender is checked against what its message type
// allows, every payload is parsed at the boundary (a bad one is rejected with an error naming the
// field, before anything is written), then handed to lib/db, whose writes are each one
// transaction. The badge recounts on every commit (badge.ts). A message nobody handles is
// answered with an error (handle.ts).
import { lookUpProspects, whyNotTrackable } from '../../lib/db/queries';
import {
  addProspect,
  deleteOutcome,
  logManualTouch,
  logOutcome,
  markNotAProspect,
  deleteWithdrawnSend,
  markUndeliverable,
} from '../../lib/db/writes';
import { untrackProspect } from '../../lib/db/edits';
import { readDueCount } from './badge';
import { openDatabase, readSettings } from './database';
import { handle } from './handle';
import { storeSend } from './outbox';
import { forgetOwnAddress, learnOwnAddresses } from './own-addresses';
import { openPanel } from './side-panel';

export function setUpMessages(): void {
  handle('recordSend', async (send) => storeSend(await openDatabase(), send));

  handle('withdrawSend', async (ref) => {
    const db = await openDatabase();
    return deleteWithdrawnSend(db, ref, { now: Date.now() });
  });

  handle('logManualTouch', async (touch) => {
    const db = await openDatabase();
    return logManualTouch(db, touch, { now: Date.now() });
  });

  handle('logOutcome', async (outcome) => {
    const db = await openDatabase();
    return logOutcome(db, outcome, { now: Date.now() });
  });

  handle('undoOutcome', async ({ outcomeId }) => {
    const db = await openDatabase();
    await deleteOutcome(db, outcomeId, { now: Date.now() });
    return { undone: true };
  });

  handle('trackProspect', async (prospect) => {
    const db = await openDatabase();
    return addProspect(db, prospect, { now: Date.now() });
  });

  handle('untrackProspect', async ({ prospectId }) => {
    const db = await openDatabase();
    return untrackProspect(db, prospectId, { now: Date.now() });
  });

  handle('checkTrackable', async ({ email }) => {
    const why = await whyNotTrackable(await openDatabase(), email);
    return why ? { trackable: false, why } : { trackable: true };
  });

  handle('markNotAProspect', async ({ prospectId }) => {
    const db = await openDatabase();
    return markNotAProspect(db, prospectId, { now: Date.now() });
  });

  handle('learnOwnAddresses', (input) => learnOwnAddresses(input));

  handle('getOwnAddresses', async () => {
    const settings = await readSettings(await openDatabase());
    return { addresses: settings.ownAddresses };
  });

  handle('forgetOwnAddress', ({ email }) => forgetOwnAddress(email));

  handle('markUndeliverable', async (input) => {
    const db = await openDatabase();
    return markUndeliverable(db, input, { now: Date.now() });
  });

  handle('lookUpProspects', async (query) => lookUpProspects(await openDatabase(), query));

  handle('countDue', async () => readDueCount(await openDatabase()));

  // Not async before sidePanel.open: the user's gesture travels with the message only until the
  // handler first yields. Answers opened:false when the browser refused, so the page falls back
  // to opening the thread or profile itself.
  handle('openSidePanel', ({ prospectId }, { sender }) =>
    openPanel({ tabId: sender.tab?.id, windowId: sender.tab?.windowId }, prospectId).then(
      (opened) => ({ opened }),
    ),
  );

  // Content scripts never read the database: overlays learn the few settings they need here.
  handle('getOverlaySettings', async () => {
    const settings = await readSettings(await openDatabase());
    return {
      showOnLinkedIn: settings.showOnLinkedIn,
      nosThreshold: settings.nosThreshold,
      disabledAngles: settings.disabledAngles,
      angleTemplates: settings.angleTemplates,
      customAngles: settings.customAngles,
      skipWeekends: settings.skipWeekends,
    };
  });

  // Answers only once the database is open, so "pinged" means "ready to store".
  handle('ping', async () => {
    await openDatabase();
    return { version: browser.runtime.getManifest().version };
  });
}
