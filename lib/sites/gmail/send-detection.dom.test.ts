// Gmail's send detection on a page it is handed: a hand-made compose (tests/fixtures/gmail/
// compose-chips.html, its draft id set to the real capture's message id) in happy-dom's document,
// the real captured sync request and response handed over as the page world hands them, a pinned
// clock and a signal. Only the rep's own (trusted) gestures count; happy-dom marks no event
// trusted, so a test says which of its events stand for the rep's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DetectedSend } from '../../model';
import type { Diagnostic } from '../../messages';
import type { IsolatedChannel, IsolatedChannelOptions } from '../../page-world/channel';
import { findComposes, findSendButton } from './read-compose';
import { startSendDetection, type GmailSendOutlets } from './send-detection';
import { testSitePage } from '../../../tests/helpers/site-page';

const SYNC_DIR = path.resolve(process.cwd(), '../shared/fixtures/gmail/sync');
/**
 * A captured sync body, addressed to a prospect: in the capture the rep wrote to their own
 * plus-address (test+1@ of test@gmail.com), which is rightly never a prospect.
 */
const capture = (name: string) =>
  readFileSync(path.join(SYNC_DIR, `2022-09-09-${name}.json`), 'utf8').replaceAll(
    'test+1@gmail.com',
    'dana.reyes@example.org',
  );
const COMPOSES = readFileSync(
  path.resolve(process.cwd(), 'tests/fixtures/gmail/compose-chips.html'),
  'utf8',
);
/** The captured send's message id: the compose's draft input holds it with a '#'. */
const MESSAGE_ID = 'msg-a:r8190137112111191537';
const NOW = new Date(2026, 10, 18, 10, 0).getTime();

function harness() {
  const delivered: DetectedSend[] = [];
  const held: DetectedSend[] = [];
  const dropped: DetectedSend[] = [];
  const withdrawn: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const learnt: string[] = [];
  let receive: IsolatedChannelOptions['onEvent'] = () => undefined;
  const channel = { closed: false, commands: [] as unknown[] };
  const outlets: GmailSendOutlets = {
    deliver: (send) => delivered.push(send),
    hold: (send) => held.push(send),
    drop: (send) => dropped.push(send),
    withdraw: (sendKey) => withdrawn.push(sendKey),
    reportDiagnostic: async (diagnostic) => diagnostics.push(diagnostic),
    ownAddresses: { current: () => new Set<string>(), learn: (email) => learnt.push(email) },
    openChannel: (_win, options): IsolatedChannel => {
      receive = options.onEvent;
      return {
        ready: true,
        ping: async () => ({ observed: 1, lastAt: NOW }),
        command: (command) => channel.commands.push(command),
        close: () => {
          channel.closed = true;
        },
      };
    },
  };
  const { page, controller } = testSitePage(window, document);
  const detection = startSendDetection(page, outlets);
  const compose = findComposes(document)[0]!;
  return {
    detection,
    compose,
    delivered,
    held,
    dropped,
    withdrawn,
    diagnostics,
    learnt,
    channel,
    abort: () => controller.abort(),
    /** The page world's record of the captured send finishing with `status`. */
    syncFinished(status = 200) {
      receive({
        account: 'u/0',
        status,
        request: capture('cvOnSend_request'),
        ...(status === 200 ? { response: capture('cvOnSend_response') } : {}),
      });
    },
    receive: (detail: unknown) => receive(detail),
    /** A click on the compose's Send: the rep's own when `trusted`, else a script's. */
    clickSend(trusted: boolean) {
      const button = findSendButton(compose)!;
      const click = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
      if (trusted) Object.defineProperty(click, 'isTrusted', { value: true });
      button.dispatchEvent(click);
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  const parsed = new DOMParser().parseFromString(COMPOSES, 'text/html');
  document.body.replaceChildren(
    ...Array.from(parsed.body.childNodes, (node) => document.importNode(node, true)),
  );
  const draft = findComposes(document)[0]!.querySelector<HTMLInputElement>('input[name="draft"]')!;
  draft.value = `#${MESSAGE_ID}`;
});

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('Gmail send detection', () => {
  it('the rep’s Send and Gmail’s 2xx are one confirmed touch, held until the hold ends', () => {
    const page = harness();
    page.clickSend(true);
    page.syncFinished(200);
    // Held (kept as pending in storage) while Gmail's Undo may still take it back.
    expect(page.held.map((send) => send.sendKey)).toEqual([`gmail:${MESSAGE_ID}`]);
    expect(page.delivered).toEqual([]);
    vi.advanceTimersByTime(2_000);
    expect(page.delivered).toHaveLength(1);
    expect(page.delivered[0]).toMatchObject({
      channel: 'email',
      sendKey: `gmail:${MESSAGE_ID}`,
      confirmed: true,
      summary: 'subject_111',
      account: '/mail/u/0',
      recipients: [{ email: 'dana.reyes@example.org', name: 'Test Test', role: 'to' }],
      link: 'https://mail.google.com/mail/u/0/#all/183234ce86ffa010',
    });
    // The From of a send the rep started and the network confirmed is the rep's own address.
    expect(page.learnt).toEqual(['test@gmail.com']);
    // The page side is asked to forward a later request naming it (an Undo puts it back).
    expect(page.channel.commands).toEqual([{ watch: [MESSAGE_ID] }]);
    vi.advanceTimersByTime(60_000);
    expect(page.delivered).toHaveLength(1);
  });

  it('a failed send (500) records nothing, now or later', () => {
    const page = harness();
    page.clickSend(true);
    page.syncFinished(500);
    vi.advanceTimersByTime(60_000);
    expect(page.delivered).toEqual([]);
    expect(page.held).toEqual([]);
  });

  it('a Send the network never confirms is recorded unconfirmed once Gmail closes the compose', () => {
    const page = harness();
    page.clickSend(true);
    page.compose.remove();
    vi.advanceTimersByTime(9_000);
    expect(page.delivered).toHaveLength(1);
    expect(page.delivered[0]).toMatchObject({ sendKey: `gmail:${MESSAGE_ID}`, confirmed: false });
    expect(page.diagnostics.map((d) => d.check)).toContain('sync-payload');
  });

  it('a script’s click on Send is no gesture: nothing is recorded from the DOM', () => {
    const page = harness();
    page.clickSend(false);
    page.compose.remove();
    vi.advanceTimersByTime(60_000);
    expect(page.delivered).toEqual([]);
  });

  it('what our page side never sends is refused, records nothing, and pauses the tab', () => {
    const page = harness();
    page.receive({ account: 'u/0', status: 200, request: {}, response: 'forged' });
    page.receive('not a record');
    vi.advanceTimersByTime(60_000);
    expect(page.delivered).toEqual([]);
    expect(page.detection.health.paused).toBe('garbled');
    expect(page.diagnostics.map((d) => d.check)).toEqual(['bridge-event', 'page-world-garbled']);
  });

  it('once the signal is aborted it no longer listens, and the channel is closed', () => {
    const page = harness();
    page.abort();
    expect(page.channel.closed).toBe(true);
    page.clickSend(true);
    page.compose.remove();
    vi.advanceTimersByTime(60_000);
    expect(page.delivered).toEqual([]);
  });
});
