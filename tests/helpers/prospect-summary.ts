// Test-only: what the background tells a content script of a prospect (ProspectSummary), for the
// overlay and reply readers' tests: an active lead at touch 1 of 9, email next, with `overrides`.
import type { ProspectSummary } from '../../lib/messages';

export function prospectSummary(overrides: Partial<ProspectSummary> = {}): ProspectSummary {
  return {
    id: 'p1',
    name: 'Cora Hale',
    company: 'Example',
    status: 'active',
    emails: ['cora.hale@example.org'],
    linkedinIds: [],
    nextChannels: ['email'],
    nextStep: 2,
    totalSteps: 9,
    touchCount: 1,
    noCount: 0,
    reason: '',
    ...overrides,
  };
}
