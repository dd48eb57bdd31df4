// The automated accessibility check (axe-core) on import and export: the empty form, a CSV's
// column mapping with its preview and refused rows, an unmapped file's error, and a restore to
// confirm.
import { configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { expectNoAxeViolations } from '../../tests/a11y';
import { EnvProvider, type PageEnv } from '../env';
import { seedDesk, testEnv } from '../../tests/helpers/seed';
import Transfer from './Transfer';

configure({ asyncUtilTimeout: 5000 });

let env: PageEnv;
let saved: string[];
beforeEach(() => {
  saved = [];
  env = { ...testEnv(), saveFile: (_name, text) => saved.push(text) };
});
afterEach(async () => {
  env.db.close();
  await env.db.delete();
});

function renderTransfer() {
  const user = userEvent.setup({ applyAccept: false });
  const { container } = render(
    <EnvProvider env={env}>
      <Transfer />
    </EnvProvider>,
  );
  return { user, container };
}

const csvFile = (text: string) => new File([text], 'leads.csv', { type: 'text/csv' });

describe('accessibility of import and export (axe)', { timeout: 30_000 }, () => {
  test('the form, a previewed CSV with refused rows, and an unmapped file', async () => {
    const { user, container } = renderTransfer();
    await screen.findByRole('button', { name: 'Export backup (JSON)' });
    await expectNoAxeViolations(container);

    await user.upload(
      screen.getByLabelText('CSV file (up to 20 MB)'),
      csvFile('Name,Email,Company\nAnn,ann@a.com,A\nBad,bad@,B\n'),
    );
    await screen.findByRole('table', { name: 'Preview' });
    await screen.findByRole('list', { name: 'Rows not imported' });
    await expectNoAxeViolations(container);

    await user.upload(
      screen.getByLabelText('CSV file (up to 20 MB)'),
      csvFile('Who,Reach them at\nAnn,ann@a.com\n'),
    );
    await screen.findByRole('alert');
    await screen.findByRole('group', { name: 'Column mapping' });
    await expectNoAxeViolations(container);
  });

  test('a backup waiting for confirmation', async () => {
    await seedDesk(env.db);
    const { user, container } = renderTransfer();
    await user.click(await screen.findByRole('button', { name: 'Export backup (JSON)' }));
    await screen.findByText((_text, element) => element === document.body && saved.length === 1);
    await user.upload(
      screen.getByLabelText('Restore from a backup file'),
      new File([saved[0]!], 'backup.json', { type: 'application/json' }),
    );
    await screen.findByRole('group', { name: 'Confirm restore' });
    await expectNoAxeViolations(container);
  });
});
