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
    const summary = await screen.findByText(/^This week: /);
    expect(summary).toHaveTextContent(
      /^This week: 3 touches to 1 leads · \d+ new · 0 replied · 0 won · 1 lost · 0 nos · 0 went quiet$/,
    );

    // Only leads worked this week are listed; Lou's loss was logged this week.
    const leads = screen.getByRole('table', { name: 'Leads this week' });
    const rows = within(leads).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('button')[0]!.textContent).sort()).toEqual([
      'Jane Doe',
      'Lou Lost',
    ]);
    const jane = rows.find((row) => row.textContent?.includes('Jane Doe'))!;
    expect(within(jane).getAllByRole('cell')[2]).toHaveTextContent('3');
    expect(within(jane).getAllByRole('cell')[3]).toHaveTextContent('3');

    // Quentin went quiet after 2 touches: stopped, beside the published 22%.
    const persistence = screen.getByRole('table', { name: 'Your persistence' });
    const two = within(persistence).getByRole('rowheader', { name: '2' }).closest('tr')!;
    expect(two).toHaveTextContent('1 (50%)');
    expect(two).toHaveTextContent('22%');
    expect(within(screen.getByRole('list', { name: 'Went quiet' })).getByText('=Quiet Quentin'));

    await user.click(screen.getByRole('button', { name: 'Export report as CSV' }));
    expect(saved).toHaveLength(1);
    expect(saved[0]!.fileName).toBe('feedback-friday-2026-03-02.csv');
    expect(saved[0]!.text.charCodeAt(0)).toBe(0xfeff);
    const csv = Papa.parse<string[]>(saved[0]!.text.slice(1), { skipEmptyLines: true }).data;
    expect(csv[0]).toEqual([
      'Week',
      'Name',
      'Company',
      'Status',
      'Touches this week',
      'Touches in all',
      'Nos',
      'This week',
      'Last touch',
      'Next due',
      'Quiet',
    ]);
    // The same rows as the screen, the same numbers.
    expect(
      csv
        .slice(1)
        .map((row) => row[1])
        .sort(),
    ).toEqual(['Jane Doe', 'Lou Lost']);
    const janeRow = csv.find((row) => row[1] === 'Jane Doe')!;
    expect([janeRow[4], janeRow[5]]).toEqual(['3', '3']);
  });
});
