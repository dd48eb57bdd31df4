import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DIAGNOSTICS_KEY, recordDiagnostic } from '../../lib/diagnostics/diagnostics';
import { Diagnostics } from './Diagnostics';

const T0 = new Date(2026, 10, 2, 9, 30).getTime();
const T1 = new Date(2026, 10, 20, 16, 5).getTime();

describe('the Diagnostics section', () => {
  it('says so when nothing failed', async () => {
    render(<Diagnostics />);
    expect(await screen.findByRole('status')).toHaveTextContent('Nothing to report');
  });

  it('lists what was not recognised with first and last seen and the count, as text; Clear empties storage', async () => {
    let log = recordDiagnostic({ entries: [] }, { site: 'gmail', check: 'sync-payload' }, T0);
    log = recordDiagnostic(log, { site: 'gmail', check: 'sync-payload', detail: '<b>x</b>' }, T1);
    await fakeBrowser.storage.local.set({ [DIAGNOSTICS_KEY]: log });
    render(<Diagnostics />);

    const table = await screen.findByRole('table', { name: 'Not recognised' });
    const row = within(table).getAllByRole('row')[1]!;
    const cells = within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells[0]).toBe('Gmail');
    expect(cells[1]).toBe('sync-payload (<b>x</b>)');
    expect(cells[2]).toContain('2026');
    expect(cells[2]).not.toBe(cells[3]);
    expect(cells[4]).toBe('2');
    expect(table.querySelector('b')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Clear diagnostics' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Nothing to report');
    expect(await fakeBrowser.storage.local.get(DIAGNOSTICS_KEY)).toEqual({});
  });

  it('shows a report that arrives while the page is open', async () => {
    render(<Diagnostics />);
    await screen.findByRole('status');
    await act(() =>
      fakeBrowser.storage.local.set({
        [DIAGNOSTICS_KEY]: recordDiagnostic(
          { entries: [] },
          { site: 'linkedin', check: 'thread-header' },
          T0,
        ),
      }),
    );
    expect(await screen.findByText('thread-header')).toBeInTheDocument();
    expect(screen.getByText('LinkedIn')).toBeInTheDocument();
  });
});
