// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProspectSummary } from '../../messages';
import { mountPage } from '../../../tests/helpers/linkedin-fixtures';
import { findConversations } from './read-conversation';
import { findConversationReplies } from './replies';

const TARIQ = 'ACoAACaYEUABb_2KMpm9ek35YObF-a13apHwjas';
const NOW = new Date(2025, 3, 10, 12, 0).getTime();

function prospect(overrides: Partial<ProspectSummary>): ProspectSummary {
  return {
    id: 'p-tariq',
    name: 'Tariq Noor',
    company: '',
    status: 'active',
    emails: ['tariq@example.com'],
    linkedinIds: [TARIQ],
    nextChannels: ['linkedin'],
    nextStep: 2,
    totalSteps: 9,
    touchCount: 1,
    noCount: 0,
    reason: '',
    ...overrides,
  };
}

describe('a reply on LinkedIn, per person', () => {
  // The capture is large: mounted once for the file; every test only reads it.
  let conversations: ReturnType<typeof findConversations> = [];
  beforeAll(() => {
    mountPage('shared:messaging-thread-2025.html');
    conversations = findConversations(document, { now: NOW });
  });
  afterAll(() => document.body.replaceChildren());
  const views = () => conversations;

  it('the capture’s last message from Tariq, after our last touch (by email or LinkedIn), is a reply', () => {
    const [view] = views();
    const last = view!.lastMessageFromOther!.at!;
    const replies = findConversationReplies(views(), [
      prospect({ lastTouchAt: last - 86_400_000 }),
    ]);
    expect(replies).toEqual([
      { prospectId: 'p-tariq', at: last, conversationId: expect.stringMatching(/^2-/) },
    ]);
  });

  it('nothing when his last message is older than our last touch, or in the same minute', () => {
    const [view] = views();
    const last = view!.lastMessageFromOther!.at!;
    expect(findConversationReplies(views(), [prospect({ lastTouchAt: last + 1 })])).toEqual([]);
    expect(findConversationReplies(views(), [prospect({ lastTouchAt: last })])).toEqual([]);
  });

  it('nothing for a prospect already replied (say, by email), won, or never touched', () => {
    for (const status of ['replied', 'won', 'lost', 'not-prospect'] as const) {
      expect(findConversationReplies(views(), [prospect({ status, lastTouchAt: 0 })])).toEqual([]);
    }
    expect(findConversationReplies(views(), [prospect({})])).toEqual([]);
  });

  it('nothing for someone who is not a prospect', () => {
    expect(
      findConversationReplies(views(), [
        prospect({ linkedinIds: ['someone-else'], lastTouchAt: 0 }),
      ]),
    ).toEqual([]);
  });
});
