// The background's side of the protocol: every payload is parsed at the boundary (a bad one is
// rejected with an error naming the field, before anything is written), then handed to lib/db,
// whose writes are each one transaction.
import { lookUpProspects } from '../../lib/db/queries';
import { logManualTouch, logOutcome, recordSend } from '../../lib/db/writes';
import { onMessage, parseMessage } from '../../lib/messages';
import { openDatabase } from './database';

export function setUpMessages(): void {
  onMessage('recordSend', async ({ data }) => {
    const send = parseMessage('recordSend', data);
    return recordSend(await openDatabase(), send, { now: Date.now() });
  });

  onMessage('logManualTouch', async ({ data }) => {
    const touch = parseMessage('logManualTouch', data);
    return logManualTouch(await openDatabase(), touch, { now: Date.now() });
  });

  onMessage('logOutcome', async ({ data }) => {
    const outcome = parseMessage('logOutcome', data);
    return logOutcome(await openDatabase(), outcome, { now: Date.now() });
  });

  onMessage('lookUpProspects', async ({ data }) => {
    const query = parseMessage('lookUpProspects', data);
    return lookUpProspects(await openDatabase(), query);
  });

  // Answers only once the database is open, so "pinged" means "ready to store".
  onMessage('ping', async ({ data }) => {
    parseMessage('ping', data);
    await openDatabase();
    return { version: browser.runtime.getManifest().version };
  });
}
