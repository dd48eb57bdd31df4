// Test support: a stored prospect row with every field filled, for tests that seed the store or
// feed the nudge logic directly. Only what a test is about needs to be given.
import type { Prospect } from '../../lib/model';

/** An active prospect at step 2 of 9 with one touch so far (due when `fields` says). */
export function prospectRow(id: string, fields: Partial<Prospect> = {}): Prospect {
  return {
    id,
    name: `Person ${id}`,
    company: 'Acme',
    emails: [`${id}@acme.example`],
    linkedinIds: [],
    status: 'active',
    tags: [],
    createdAt: 0,
    nextChannels: ['email'],
    nextStep: 2,
    totalSteps: 9,
    reason: 'Step 2 of 9.',
    touchCount: 1,
    noCount: 0,
    ...fields,
  };
}
