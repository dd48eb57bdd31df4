// Every verb of the protocol, with random payloads, through the background's real handlers on the
// fake browser and a real store: parseMessage never throws anything but InvalidMessageError, and a
// payload it refuses writes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  InvalidMessageError,
  MESSAGE_SENDERS,
  messageSchemas,
  parseMessage,
  type ProtocolMap,
} from '../../lib/messages';
import { openDatabase } from './database';
import { setUpMessages } from './messages';

const VERBS = Object.keys(messageSchemas) as (keyof ProtocolMap)[];

/** Payloads near valid ones: the right keys with random values, and valid ones with one field off. */
const VALID: Record<keyof ProtocolMap, unknown> = {
  recordSend: {
    channel: 'email',
    at: 1_770_000_000_000,
    sendKey: 'gmail:msg-a:r1',
    summary: 'Renewal',
    confirmed: true,
    recipients: [{ email: 'jane@acme.example', role: 'to' }],
  },
  withdrawSend: { channel: 'email', sendKey: 'gmail:msg-a:r1' },
  logManualTouch: { prospectId: 'p1', channel: 'call', at: 1_770_000_000_000, summary: 'Called' },
  logOutcome: { prospectId: 'p1', kind: 'no' },
  undoOutcome: { outcomeId: 'o1' },
  trackProspect: { name: 'Jane', emails: ['jane@acme.example'] },
  untrackProspect: { prospectId: 'p1' },
  checkTrackable: { email: 'jane@acme.example' },
  markNotAProspect: { prospectId: 'p1' },
  learnOwnAddresses: { emails: ['me@myco.example'] },
  getOwnAddresses: undefined,
  forgetOwnAddress: { email: 'me@myco.example' },
  markUndeliverable: { email: 'jane@acme.example' },
  lookUpProspects: { emails: ['jane@acme.example'], linkedinIds: [] },
  countDue: undefined,
  openSidePanel: {},
  getOverlaySettings: undefined,
  reportDiagnostic: { site: 'gmail', check: 'sync-payload' },
  reportPageRead: {
    page: 'profile',
    url: 'https://www.linkedin.com/in/jane-doe-42/',
    readable: false,
  },
  putDraftInComposer: { prospectId: 'p1', channel: 'email', angleId: 'insight', body: 'Hi Jane' },
  takeDraftInsert: undefined,
  reportDraftInsert: { id: 'd1', result: 'inserted' },
  ping: undefined,
};

const nearValid = (verb: keyof ProtocolMap) =>
  fc.tuple(fc.jsonValue(), fc.nat()).map(([value, pick]) => {
    const base = VALID[verb];
    if (typeof base !== 'object' || base === null) return value;
    const copy = structuredClone(base) as Record<string, unknown>;
    const keys = Object.keys(copy);
    copy[keys[pick % keys.length]!] = value;
    return copy;
  });

const payload = (verb: keyof ProtocolMap) =>
  fc.oneof(fc.anything(), fc.jsonValue(), nearValid(verb), fc.string({ maxLength: 100_000 }));

describe('parseMessage on random payloads', () => {
  it('for every verb: accepts, or throws InvalidMessageError naming the verb', () => {
    for (const verb of VERBS) {
      fc.assert(
        fc.property(payload(verb), (data) => {
          try {
            parseMessage(verb, data);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidMessageError);
            expect((error as Error).message).toContain(`Invalid ${verb} message`);
          }
        }),
        { numRuns: 200 },
      );
    }
  });

  it('reportDiagnostic too', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.record({ site: fc.string(), check: fc.string() })),
        (data) => {
          try {
            const diagnostic = parseMessage('reportDiagnostic', data);
            expect(diagnostic.check).toMatch(/^[a-z0-9:-]{1,60}$/);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidMessageError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the background’s handlers on refused payloads', () => {
  it('answer with an error and write nothing, for every writing verb', async () => {
    // Here, not in a hook: the fake browser is reset before each test.
    setUpMessages();
    const db = await openDatabase();
    await Promise.all([db.prospects.clear(), db.touches.clear(), db.outcomes.clear()]);
    const writing = [
      'recordSend',
      'logManualTouch',
      'logOutcome',
      'undoOutcome',
      'trackProspect',
      'untrackProspect',
      'markNotAProspect',
      'learnOwnAddresses',
      'markUndeliverable',
    ] as const;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writing), fc.nat(), async (verb, seed) => {
        const data = fc.sample(payload(verb), { numRuns: 1, seed })[0];
        let valid = true;
        try {
          parseMessage(verb, data);
        } catch {
          valid = false;
        }
        if (valid) return;
        refused += 1;
        // From a sender the verb allows (our Gmail content script, or our own page), so what is
        // refused is the payload.
        const sender = (
          MESSAGE_SENDERS[verb].includes('content')
            ? {
                id: fakeBrowser.runtime.id,
                url: 'https://mail.google.com/mail/u/0/',
                tab: { id: 1 },
              }
            : { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') }
        ) as Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1];
        // The fake browser's sendMessage ignores promise answers; trigger hands them back.
        const answers = await fakeBrowser.runtime.onMessage.trigger(
          { id: seed, type: verb, data, timestamp: Date.now() },
          sender,
          () => undefined,
        );
        const reply = answers.find((answer) => answer !== undefined) as {
          res?: unknown;
          err?: { message: string };
        };
        expect(reply.err?.message).toContain(`Invalid ${verb} message`);
        expect(await db.prospects.count()).toBe(0);
        expect(await db.touches.count()).toBe(0);
        expect(await db.outcomes.count()).toBe(0);
      }),
      { numRuns: 150 },
    );
    expect(refused).toBeGreaterThan(50);
  }, 60_000);
});
