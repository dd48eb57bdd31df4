import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addProspect, logOutcome } from '../../lib/db/writes';
import { EnvProvider, type PageEnv } from '../env';
import { local, seedWithSends, testEnv } from '../../tests/helpers/seed';
import FeedbackFriday from './FeedbackFriday';

// Live queries re-run after each write; on a busy machine that can take more than a second.
configure({ asyncUtilTimeout: 5000 });

// Friday 2026-03-06.
const FRIDAY = local(2026, 3, 6);
let env: PageEnv;
let saved: { fileName: string; text: string }[];
beforeEach(() => {
  saved = [];
  env = { ...testEnv(FRIDAY), saveFile: (fileName, text) => saved.push({ fileName, text }) };
});
afterEach(async () => {
  env.db.close();
  await env.db.delete();
});

describe('Feedback Friday', () => {
  test('reports the week per lead, who went quiet, persistence, and exports CSV', async () => {
    await seedWithSends(env.db, {
      name: 'Jane Doe',
      email: 'jane@acme.com',
      sends: [local(2026, 3, 2), local(2026, 3, 3), local(2026, 3, 5)],
    });
    await seedWithSends(env.db, {
      name: '=Quiet Quentin',
      email: 'q@quiet.io',
      sends: [local(2026, 2, 2), local(2026, 2, 3)],
    });
    const { prospectId: lost } = await addProspect(
      env.db,
      { name: 'Lou Lost', emails: ['lou@l.com'] },
      { now: FRIDAY },
    );
    await logOutcome(env.db, { prospectId: lost, kind: 'lost' }, { now: FRIDAY });

    const user = userEvent.setup();
    render(
      <EnvProvider env={env}>
        <FeedbackFriday />
      </EnvProvider>,
    );
    expect(await screen.findByRole('heading', { name: /^Feedback Friday: / })).toBeInTheDocument();
    expect(
      screen.getByText(/3 touches to 1 of 3 leads this week · 1 gone quiet/),
    ).toBeInTheDocument();

    const leads = screen.getByRole('table', { name: 'Leads this week' });
    const rows = within(leads).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('button')[0]!.textContent)).toEqual([
      '=Quiet Quentin',
      'Jane Doe',
      'Lou Lost',
    ]);
    expect(rows[0]).toHaveTextContent('quiet');
    expect(within(rows[1]!).getAllByRole('cell')[2]).toHaveTextContent('3');

    // Quentin went quiet after 2 touches; Lou was lost with none (not counted); Jane is still going.
    const persistence = screen.getByRole('table', { name: 'Your persistence' });
    const two = within(persistence).getByRole('rowheader', { name: '2' }).closest('tr')!;
    expect(two).toHaveTextContent('1 (100%)');
    expect(two).toHaveTextContent('22%');

    await user.click(screen.getByRole('button', { name: 'Export report as CSV' }));
    expect(saved).toHaveLength(1);
    expect(saved[0]!.fileName).toBe('feedback-friday-2026-03-02.csv');
    const csv = Papa.parse<string[]>(saved[0]!.text).data;
    expect(csv[0]).toEqual([
      'Name',
      'Company',
      'Status',
      'Touches this week',
      'Total touches',
      'Nos',
      'Next due',
      'Last touch',
      'Quiet',
    ]);
    // The formula-looking name is escaped.
    expect(csv[1]![0]).toBe("'=Quiet Quentin");
    expect(csv[1]![8]).toBe('yes');
  });
});
