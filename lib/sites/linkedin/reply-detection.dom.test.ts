// @vitest-environment happy-dom
// Where a LinkedIn reply becomes an outcome, on the real 2025 thread capture: one outcome per
// person per page, kept for Undo, and a failed log tried again on the next scan.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProspectSummary } from '../../messages';
import { mountPage } from '../../../tests/helpers/linkedin-fixtures';
import { findConversations } from './read-conversation';
import { detectConversationReplies } from './reply-detection';

const TARIQ = 'ACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas';
const NOW = new Date(2025, 3, 10, 12, 0).getTime();

function tariq(overrides: Partial<ProspectSummary> = {}): ProspectSummary {
  return {
    id: 'p-tariq',
    name: 'Tariq Noor',
    company: '',
    status: 'active',
    emails: [],
    linkedinIds: [TARIQ],
    nextChannels: ['linkedin'],
    nextStep: 2,
    totalSteps: 9,
    touchCount: 1,
    noCount: 0,
    reason: '',
    lastTouchAt: 0,
    ...overrides,
  };
}

afterEach(() => document.body.replaceChildren());

describe('LinkedIn reply detection', () => {
  function views() {
    mountPage('shared:messaging-thread-2025.html');
    return findConversations(document, { now: NOW });
  }

  it('his message after our last touch is one reply outcome, remembered for Undo, once per page', async () => {
    const logged: { prospectId: string; at: number }[] = [];
    const memory = new Map<string, string>();
    const outlets = {
      logReply: async (reply: { prospectId: string; at: number }) => {
        logged.push(reply);
        return { outcomeId: 'o1' };
      },
    };
    const conversations = views();
    const last = conversations[0]!.lastMessageFromOther!.at!;
    expect(await detectConversationReplies(conversations, [tariq()], memory, outlets)).toBe(1);
    expect(await detectConversationReplies(conversations, [tariq()], memory, outlets)).toBe(0);
    expect(logged).toEqual([{ prospectId: 'p-tariq', at: last }]);
    expect(memory.get('p-tariq')).toBe('o1');
  });

  it('nothing for a prospect whose last touch came after his message', async () => {
    const conversations = views();
    const last = conversations[0]!.lastMessageFromOther!.at!;
    const memory = new Map<string, string>();
    const logReply = async () => ({ outcomeId: 'never' });
    expect(
      await detectConversationReplies(conversations, [tariq({ lastTouchAt: last + 1 })], memory, {
        logReply,
      }),
    ).toBe(0);
    expect(memory.size).toBe(0);
  });

  it('a log the background refused is forgotten, so the next scan tries again', async () => {
    const conversations = views();
    const memory = new Map<string, string>();
    const refuse = async (): Promise<{ outcomeId: string }> => {
      throw new Error('worker stopped');
    };
    expect(
      await detectConversationReplies(conversations, [tariq()], memory, { logReply: refuse }),
    ).toBe(0);
    expect(memory.has('p-tariq')).toBe(false);
    const logReply = async () => ({ outcomeId: 'o2' });
    expect(await detectConversationReplies(conversations, [tariq()], memory, { logReply })).toBe(1);
  });
});
