import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createFifthTouchDb } from '../../lib/db/schema';
import { addProspect } from '../../lib/db/writes';
import { EnvProvider, type PageEnv } from '../env';
import { MONDAY, seedDesk, testEnv } from '../../tests/helpers/seed';
import Transfer from './Transfer';

// Live queries re-run after each write; on a busy machine that can take more than a second.
configure({ asyncUtilTimeout: 5000 });

let env: PageEnv;
let saved: { fileName: string; text: string }[];
beforeEach(() => {
  saved = [];
  env = { ...testEnv(), saveFile: (fileName, text) => saved.push({ fileName, text }) };
});
afterEach(async () => {
  env.db.close();
  await env.db.delete();
});

function renderTransfer(target: PageEnv = env) {
  // The file picker's filter is a hint; a user can still choose "All files".
  const user = userEvent.setup({ applyAccept: false });
  render(
    <EnvProvider env={target}>
      <Transfer />
    </EnvProvider>,
  );
  return user;
}

const csvFile = (text: string, name = 'leads.csv') => new File([text], name, { type: 'text/csv' });

async function snapshot(target: PageEnv) {
  return {
    prospects: await target.db.prospects.orderBy('id').toArray(),
    touches: await target.db.touches.orderBy('id').toArray(),
    outcomes: await target.db.outcomes.orderBy('id').toArray(),
    settings: await target.db.settings.toArray(),
  };
}

describe('importing leads', () => {
  test('previews, lists bad rows with reasons, then imports the valid ones', async () => {
    await addProspect(env.db, { name: 'Jane', emails: ['jane@acme.com'] }, { now: MONDAY });
    const user = renderTransfer();
    await user.upload(
      screen.getByLabelText('CSV file (up to 20 MB)'),
      csvFile(
        'Full Name,E-mail,Company\nAnn,ann@a.com,A\nBad,bad@,B\nJane,jane@acme.com,Acme\nCid,cid@c.com,C\n',
      ),
    );
    const preview = await screen.findByRole('table', { name: 'Preview' });
    expect(within(preview).getAllByRole('row')).toHaveLength(3);
    const problems = screen.getByRole('list', { name: 'Rows not imported' });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Line 3, column E-mail: not an email address ("bad@")',
      'Line 4: jane@acme.com already belongs to Jane',
    ]);
    await user.click(screen.getByRole('button', { name: 'Import 2 leads' }));
    expect(await screen.findByText('Imported 2 leads.')).toBeInTheDocument();
    const names = (await env.db.prospects.toArray()).map((p) => p.name).sort();
    expect(names).toEqual(['Ann', 'Cid', 'Jane']);
  });

  test('a CRM export: guessed columns, a Windows-1252 file said so, skipped rows downloadable after import', async () => {
    const user = renderTransfer();
    const text = [
      'First Name,Last Name,Account Name,Email,Last Activity',
      'Renée,Durand,Société Générale,renee@sg.fr,2026-02-27',
      'Bad,Row,Acme,bad@,',
      'Zoë,Ng,Acme,zoe@acme.com,',
    ].join('\r\n');
    const bytes = Uint8Array.from([...text].map((char) => char.charCodeAt(0)));
    await user.upload(
      screen.getByLabelText('CSV file (up to 20 MB)'),
      new File([bytes], 'salesforce.csv', { type: 'text/csv' }),
    );
    const preview = await screen.findByRole('table', { name: 'Preview' });
    expect(within(preview).getByText('Renée Durand')).toBeInTheDocument();
    expect(within(preview).getByText('Société Générale')).toBeInTheDocument();
    expect(screen.getByText(/not UTF-8, so it was read as Windows-1252/)).toBeInTheDocument();
    const mapping = screen.getByRole('group', { name: 'Column mapping' });
    const selected = (label: string) => {
      const select = within(mapping).getByLabelText(label) as HTMLSelectElement;
      return select.options[select.selectedIndex]!.textContent;
    };
    expect(selected('Name column')).toBe('(none)');
    expect(selected('First name column')).toBe('First Name');
    expect(selected('Company column')).toBe('Account Name');
    expect(selected('Last contacted column')).toBe('Last Activity');
    expect(screen.getByText(/start at most 10 a business day from today/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Import 2 leads' }));
    const status = await screen.findByRole('status');
    await within(status).findByText('Imported 2 leads.');
    expect(status).toHaveTextContent('1 resume their cadence from their last-contacted day.');
    expect(status).toHaveTextContent('1 row was skipped.');
    await user.click(within(status).getByRole('button', { name: /Download the 1 skipped row/ }));
    expect(saved.at(-1)!.fileName).toBe('salesforce-skipped-rows.csv');
    expect(saved.at(-1)!.text).toBe(
      '\uFEFF"Line","Why it was skipped","First Name","Last Name","Account Name","Email","Last Activity"\r\n' +
        '"3","column Email: not an email address (""bad@"")","Bad","Row","Acme","bad@",""',
    );
    const renee = (await env.db.prospects.toArray()).find((p) => p.name === 'Renée Durand');
    expect(renee).toMatchObject({ company: 'Société Générale', touchCount: 1 });
  });

  test('a column can be mapped by hand when its header is unusual', async () => {
    const user = renderTransfer();
    await user.upload(
      screen.getByLabelText('CSV file (up to 20 MB)'),
      csvFile('Who,Reach them at\nAnn,ann@a.com\n'),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No Email or LinkedIn column: found "Who", "Reach them at".',
    );
    expect(await env.db.prospects.count()).toBe(0);
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Email column' }),
      'Reach them at',
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Name column' }), 'Who');
    const preview = await screen.findByRole('table', { name: 'Preview' });
    expect(within(preview).getByRole('cell', { name: 'ann@a.com' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import 1 leads' }));
    expect(await screen.findByText('Imported 1 leads.')).toBeInTheDocument();
    expect(await env.db.prospects.toArray()).toMatchObject([
      { name: 'Ann', emails: ['ann@a.com'] },
    ]);
  });

  test.each([
    [
      'binary',
      new File([Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 8, 0])], 'leads.xlsx'),
      'This is not a text file',
    ],
    ['empty', csvFile('', 'empty.csv'), 'The file is empty.'],
    ['wrong columns', csvFile('Phone,City\n555,Paris\n'), 'No Email or LinkedIn column'],
  ])('a %s file gives a clear error and writes nothing', async (_what, file, message) => {
    await seedDesk(env.db);
    const before = await snapshot(env);
    const user = renderTransfer();
    await user.upload(screen.getByLabelText('CSV file (up to 20 MB)'), file);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(alert).toHaveTextContent('Nothing was imported.');
    expect(screen.queryByRole('button', { name: /^Import / })).not.toBeInTheDocument();
    expect(await snapshot(env)).toEqual(before);
  });

  test('a file over 20 MB is refused before it is read', async () => {
    const user = renderTransfer();
    const big = csvFile('Name,Email\n');
    Object.defineProperty(big, 'size', { value: 21 * 1024 * 1024 });
    await user.upload(screen.getByLabelText('CSV file (up to 20 MB)'), big);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The file is 21.0 MB; the most Fifth Touch imports at once is 20 MB.',
    );
  });
});

describe('export and backup', () => {
  test('leads export as CSV the import reads back', async () => {
    await seedDesk(env.db);
    const user = renderTransfer();
    await user.click(screen.getByRole('button', { name: 'Export leads as CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.fileName).toBe('fifth-touch-leads-2026-03-02.csv');
    expect(saved[0]!.text.split('\r\n')[0]).toBe(
      '\uFEFF"Name","Company","Email","LinkedIn","Phone","Title","Twitter/X","Tags","Status","Next due","Touches","Nos"',
    );
    expect(saved[0]!.text).toContain('"Jane Doe","Acme","jane@acme.com"');
  });

  test('a backup restores an identical store; a foreign file changes nothing', async () => {
    await seedDesk(env.db);
    const user = renderTransfer();
    await user.click(screen.getByRole('button', { name: 'Export backup (JSON)' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const backupText = saved[0]!.text;

    const other: PageEnv = {
      db: createFifthTouchDb(`restore-${crypto.randomUUID()}`),
      now: () => MONDAY,
    };
    try {
      await addProspect(
        other.db,
        { name: 'Will be replaced', emails: ['x@x.com'] },
        { now: MONDAY },
      );
      const before = await snapshot(other);
      const restoreInput = () => screen.getAllByLabelText('Restore from a backup file').at(-1)!;
      render(
        <EnvProvider env={other}>
          <Transfer />
        </EnvProvider>,
      );
      await user.upload(restoreInput(), new File(['{"hello":"world"}'], 'other.json'));
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'other.json: This file is not a Fifth Touch backup. Nothing was changed.',
      );
      expect(await snapshot(other)).toEqual(before);

      await user.upload(restoreInput(), new File([backupText], 'backup.json'));
      expect(
        await screen.findByText(/Replace everything with this backup: 3 prospects, 4 touches/),
      ).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Replace with backup' }));
      expect(await screen.findByText('Restored 3 prospects.')).toBeInTheDocument();
      expect(await snapshot(other)).toEqual(await snapshot(env));
    } finally {
      other.db.close();
      await other.db.delete();
    }
  });
});
