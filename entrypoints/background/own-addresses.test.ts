// Learning the rep's own addresses, through the background's real handlers on the fake browser and
// a real store: capped, one domain per company at most three in all, recorded for the options page,
// and an address the rep removed is never learnt again.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SETTINGS_ROW_ID } from '../../lib/db/schema';
import {
  LEARNED_ADDRESSES_MAX,
  LEARNED_DOMAINS_MAX,
  LEARNED_OWN_KEY,
  parseLearnedOwnRecord,
} from '../../lib/own-addresses';
import { openDatabase, readSettings } from './database';
import { resetHandlers } from './handle';
import { setUpMessages } from './messages';

type Sender = Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1];
const gmail = () =>
  ({
    id: fakeBrowser.runtime.id,
    url: 'https://mail.google.com/mail/u/0/',
    tab: { id: 1 },
  }) as Sender;
const options = () =>
  ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') }) as Sender;

async function send(type: string, data: unknown, sender: Sender) {
  const answers = await fakeBrowser.runtime.onMessage.trigger(
    { id: 1, type, data, timestamp: Date.now() },
    sender,
    () => undefined,
  );
  return answers.find((answer) => answer !== undefined) as {
    res?: unknown;
    err?: { message: string };
  };
}

async function settings() {
  return readSettings(await openDatabase());
}

beforeEach(async () => {
  resetHandlers();
  setUpMessages();
  const db = await openDatabase();
  await db.settings.delete(SETTINGS_ROW_ID);
});

describe('own addresses learnt by themselves', () => {
  it('are capped: at most 10 addresses and 3 company domains, whatever a page teaches', async () => {
    for (let index = 0; index < 15; index++) {
      await send(
        'learnOwnAddresses',
        { emails: [`rep@company${index}.example`], source: 'send' },
        gmail(),
      );
    }
    const now = await settings();
    expect(now.ownAddresses).toHaveLength(LEARNED_ADDRESSES_MAX);
    expect(now.ownDomains).toHaveLength(LEARNED_DOMAINS_MAX);
    const record = parseLearnedOwnRecord(
      (await fakeBrowser.storage.local.get(LEARNED_OWN_KEY))[LEARNED_OWN_KEY],
    );
    expect(record.learned).toHaveLength(LEARNED_ADDRESSES_MAX);
    expect(record.learned[0]).toMatchObject({
      email: 'rep@company0.example',
      domains: ['company0.example'],
      source: 'send',
    });
  });

  it('a removed address (and the domain it taught) goes, and is never learnt again', async () => {
    await send('learnOwnAddresses', { emails: ['dana@acme.example'], source: 'account' }, gmail());
    expect((await settings()).ownDomains).toEqual(['acme.example']);
    const removed = await send('forgetOwnAddress', { email: 'DANA@acme.example' }, options());
    expect(removed.res).toEqual({ removed: true });
    expect((await settings()).ownAddresses).toEqual([]);
    expect((await settings()).ownDomains).toEqual([]);
    const again = await send('learnOwnAddresses', { emails: ['dana@acme.example'] }, gmail());
    expect(again.res).toEqual({ addedAddresses: [], addedDomains: [] });
    expect((await settings()).ownAddresses).toEqual([]);
  });

  it('a public mail domain is never learnt as a company domain', async () => {
    await send('learnOwnAddresses', { emails: ['dana@gmail.com'] }, gmail());
    expect(await settings()).toMatchObject({ ownAddresses: ['dana@gmail.com'], ownDomains: [] });
  });
});
