// LinkedIn's send detection on a page it is handed: the hand-made page with two message bubbles
// and the real 2025 thread capture (tests/helpers/linkedin-fixtures.ts) in happy-dom's document,
// network events handed over as the page world hands them (bridge.ts's JSON), a pinned clock and
// a signal. Only the rep's own (trusted) gestures count; happy-dom marks no event trusted, so a
// test says which of its events stand for the rep's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DetectedSend } from '../../model';
import type { Diagnostic } from '../../messages';
import type { IsolatedChannel, IsolatedChannelOptions } from '../../page-world/channel';
import { mountPage } from '../../../tests/helpers/linkedin-fixtures';
import { bridgeDetailOf } from './bridge';
import type { LinkedInSend } from './parse-messaging';
import { startSendDetection, type LinkedInSendOutlets } from './send-detection';
import { testSitePage } from '../../../tests/helpers/site-page';

const ROWAN = 'ACoAAAwyvpsBdVfk2kwZzamQtesKhd23iQB_i1w';
const ROWAN_THREAD = '2-N2U2ZDVjNGItM2EyOS00ODE3LTk2YTUtYjRjM2QyZTFmMGE5XzEwMA==';
const TARIQ = 'ACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas';
const CAPTURE_THREAD = '2-ZjQ4NjI4NjEtYmIyNC00YTlhLTg2YmUtMzAwY2VlYzIzZWVjXzAxMg==';
const NOW = new Date(2026, 10, 18, 10, 0).getTime();

const toRowan: LinkedInSend = {
  kind: 'message',
  conversationId: ROWAN_THREAD,
  recipientMemberIds: [],
};

function harness() {
  const delivered: DetectedSend[] = [];
  const diagnostics: Diagnostic[] = [];
  let receive: IsolatedChannelOptions['onEvent'] = () => undefined;
  const channel = { closed: false };
  const outlets: LinkedInSendOutlets = {
    deliver: async (send) => delivered.push(send),
    reportDiagnostic: async (diagnostic) => diagnostics.push(diagnostic),
    openChannel: (_win, options): IsolatedChannel => {
      receive = options.onEvent;
      return {
        ready: true,
        ping: async () => ({ observed: 1, lastAt: NOW }),
        command: () => undefined,
        close: () => {
          channel.closed = true;
        },
      };
    },
  };
  const { page, controller } = testSitePage(window, document);
  const detection = startSendDetection(page, outlets);
  return {
    detection,
    delivered,
    diagnostics,
    channel,
    abort: () => controller.abort(),
    /** The page world saw `send` answered with `status`. */
    answered(send: LinkedInSend, status: number, stage: 'request' | 'response' = 'response') {
      receive(bridgeDetailOf(send, { at: Date.now(), status, stage }));
    },
    receive: (detail: unknown) => receive(detail),
  };
}

/** happy-dom's window at the capture's thread URL (what the page's location says). */
function openThread() {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    `https://www.linkedin.com/messaging/thread/${CAPTURE_THREAD}/`,
  );
}

/** The rep's own Enter (trusted) in a composer holding `text`. */
function repPressesEnter(composer: Element, text: string) {
  composer.replaceChildren(document.createTextNode(text));
  const enter = new KeyboardEvent('keydown', {
    key: 'Enter',
    bubbles: true,
    composed: true,
    cancelable: true,
  });
  Object.defineProperty(enter, 'isTrusted', { value: true });
  composer.dispatchEvent(enter);
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});

afterEach(async () => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('LinkedIn send detection', () => {
  it('a message LinkedIn answered 2xx is one confirmed touch on who the page shows for it', async () => {
    mountPage('hand:two-bubbles.html');
    const page = harness();
    page.answered(toRowan, 201);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(page.delivered).toHaveLength(1);
    expect(page.delivered[0]).toMatchObject({
      channel: 'linkedin',
      confirmed: true,
      recipients: [{ linkedinId: ROWAN, name: 'Rowan Chase' }],
    });
  });

  it('a 429, or a 2xx LinkedIn says failed, records nothing', async () => {
    mountPage('hand:two-bubbles.html');
    const page = harness();
    page.answered(toRowan, 429);
    page.receive(bridgeDetailOf(toRowan, { at: Date.now(), status: 200, rejected: true }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(page.delivered).toEqual([]);
  });

  it('the rep’s Enter the network never answers is recorded unconfirmed after the silence', async () => {
    openThread();
    mountPage('shared:messaging-thread-2025.html');
    const page = harness();
    repPressesEnter(document.querySelector('.msg-form__contenteditable')!, 'Hello');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(page.delivered).toHaveLength(1);
    expect(page.delivered[0]).toMatchObject({
      channel: 'linkedin',
      confirmed: false,
      recipients: [{ linkedinId: TARIQ, name: 'Tariq Noor' }],
    });
  });

  it('the same Enter answered 2xx is one confirmed touch, never an unconfirmed one first', async () => {
    openThread();
    mountPage('shared:messaging-thread-2025.html');
    const page = harness();
    repPressesEnter(document.querySelector('.msg-form__contenteditable')!, 'Hello');
    const toTariq: LinkedInSend = {
      kind: 'message',
      conversationId: CAPTURE_THREAD,
      recipientMemberIds: [],
    };
    page.answered(toTariq, 0, 'request');
    await vi.advanceTimersByTimeAsync(20_000);
    page.answered(toTariq, 201);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(page.delivered.map((send) => send.confirmed)).toEqual([true]);
  });

  it('what our page side never sends is refused, records nothing, and pauses the tab', async () => {
    mountPage('hand:two-bubbles.html');
    const page = harness();
    page.receive('{"v":1,"kind":"message","body":"hello"}');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(page.delivered).toEqual([]);
    expect(page.detection.health.paused).toBe('garbled');
    expect(page.diagnostics.map((d) => d.check)).toContain('bridge-event');
  });

  it('once the signal is aborted the channel is closed and gestures are no longer read', async () => {
    openThread();
    mountPage('shared:messaging-thread-2025.html');
    const page = harness();
    page.abort();
    expect(page.channel.closed).toBe(true);
    repPressesEnter(document.querySelector('.msg-form__contenteditable')!, 'Hello');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(page.delivered).toEqual([]);
  });
});
