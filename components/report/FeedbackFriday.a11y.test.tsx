// The automated accessibility check (axe-core) on the Feedback Friday report: the week's table,
// the persistence table and the chart's text alternative, and the empty report.
import { configure, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { addProspect, logOutcome } from '../../lib/db/writes';
import { expectNoAxeViolations } from '../../tests/a11y';
import { EnvProvider, type PageEnv } from '../env';
import { local, seedWithSends, testEnv } from '../../tests/helpers/seed';
import FeedbackFriday from './FeedbackFriday';

configure({ asyncUtilTimeout: 5000 });

const FRIDAY = local(2026, 3, 6);
let env: PageEnv;
beforeEach(() => {
  env = { ...testEnv(FRIDAY), saveFile: () => undefined };
});
afterEach(async () => {
  env.db.close();
  await env.db.delete();
});

function renderReport() {
  return render(
    <EnvProvider env={env}>
      <FeedbackFriday />
    </EnvProvider>,
  ).container;
}

describe('accessibility of Feedback Friday (axe)', { timeout: 30_000 }, () => {
  test('a week with active, quiet and lost leads', async () => {
    await seedWithSends(env.db, {
      name: 'Jane Doe',
      email: 'jane@acme.com',
      company: 'Acme',
      sends: [local(2026, 3, 2), local(2026, 3, 5)],
    });
    await seedWithSends(env.db, {
      name: 'Quiet Quentin',
      email: 'q@quiet.io',
      sends: [local(2026, 2, 2), local(2026, 2, 3)],
    });
    const { prospectId } = await addProspect(
      env.db,
      { name: 'Lou Lost', emails: ['lou@l.com'] },
      { now: FRIDAY },
    );
    await logOutcome(env.db, { prospectId, kind: 'lost' }, { now: FRIDAY });
    const container = renderReport();
    await screen.findByRole('table', { name: 'Leads this week' });
    await screen.findByRole('img', { name: /Leads you stopped on after/ });
    await expectNoAxeViolations(container);
  });

  test('an empty report', async () => {
    const container = renderReport();
    await screen.findByText('No lead was touched or answered this week.');
    await expectNoAxeViolations(container);
  });
});
