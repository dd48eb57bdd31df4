// A rep's first week, the import and the report: a HubSpot-style export (UTF-8 with a BOM) and a
// Salesforce-style one (Windows-1252, month-first dates) through the side panel's Import/export in
// the built extension: the columns guessed, the skipped rows downloaded with their reasons, the
// leads spread over business days, then the week's Feedback Friday checked by axe.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { localDayOf } from '../../lib/cadence/days';
import { readDatabase } from './database';
import { launchExtension, projectRoot, type ExtensionSession } from './harness';
import { axeViolations } from './sidepanel-desk';

let session: ExtensionSession;
beforeEach(async () => {
  session = await launchExtension();
});
afterEach(async () => {
  await session.close();
});

/** A fixture's bytes without its first line (the note on how it was made). */
function fixture(name: string): Buffer {
  const bytes = readFileSync(path.join(projectRoot, 'tests/fixtures/import', name));
  return bytes.subarray(bytes.indexOf(0x0a) + 1);
}

async function selected(page: Page, label: string): Promise<string> {
  // A select's accessible name includes its chosen option: find it by the label's own words.
  const select = page
    .getByRole('group', { name: 'Column mapping' })
    .locator('label', { hasText: new RegExp(`^${label}`) })
    .locator('select');
  return select.evaluate((element) => {
    const s = element as HTMLSelectElement;
    return s.options[s.selectedIndex]?.textContent ?? '';
  });
}

async function importFile(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel('CSV file (up to 20 MB)').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer,
  });
  await page.getByRole('table', { name: 'Preview' }).waitFor();
}

describe('importing CRM exports in the side panel', () => {
  test('HubSpot and Salesforce headers are mapped, skipped rows download with reasons, the report is the week’s', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-import-'));
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 400, height: 900 });
    await page.goto(session.extensionUrl('sidepanel.html'));
    await page.getByRole('button', { name: 'Import/export' }).click();
    try {
      // HubSpot: First + Last, Company Name, Last Contacted (beating nothing else), phone, title, X.
      await importFile(page, 'hubspot-contacts.csv', fixture('hubspot-contacts.csv'));
      expect(await selected(page, 'Name column')).toBe('(none)');
      expect(await selected(page, 'First name column')).toBe('First Name');
      expect(await selected(page, 'Last name column')).toBe('Last Name');
      expect(await selected(page, 'Company column')).toBe('Company Name');
      expect(await selected(page, 'Phone column')).toBe('Phone Number');
      expect(await selected(page, 'Title column')).toBe('Job Title');
      expect(await selected(page, 'Twitter/X column')).toBe('Twitter Username');
      expect(await selected(page, 'Last contacted column')).toBe('Last Contacted');
      await page.getByText('2 rows will not be imported:').waitFor();
      await page.getByText(/start at most 10 a business day from today/).waitFor();
      await page.getByRole('button', { name: 'Import 38 leads' }).click();
      const status = page.getByRole('status');
      await status.getByText('Imported 38 leads.').waitFor();
      await status.getByText('2 rows were skipped.').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        status.getByRole('button', { name: /Download the 2 skipped rows/ }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('hubspot-contacts-skipped-rows.csv');
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const skipped = await readFile(file, 'utf8');
      expect(skipped.charCodeAt(0)).toBe(0xfeff);
      const lines = skipped.slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toMatch(/^"Line","Why it was skipped","Record ID","First Name",/);
      expect(lines[1]).toMatch(
        /^"21","column Email: not an email address \(""broken.address@""\)","5019",/,
      );
      expect(lines[2]).toMatch(/^"33","needs an email address or a LinkedIn profile","5031",/);

      // Salesforce, in Windows-1252: read as such (and said so), Account Name and Last Activity.
      await importFile(page, 'salesforce-contacts.csv', fixture('salesforce-contacts.csv'));
      await page.getByText(/not UTF-8, so it was read as Windows-1252/).waitFor();
      expect(await selected(page, 'Company column')).toBe('Account Name');
      expect(await selected(page, 'Last contacted column')).toBe('Last Activity');
      expect(await selected(page, 'Title column')).toBe('Title');
      await page
        .getByRole('table', { name: 'Preview' })
        .getByText('Crème Analytics')
        .first()
        .waitFor();
      const problems = await page
        .getByRole('list', { name: 'Rows not imported' })
        .getByRole('listitem')
        .allTextContents();
      expect(problems).toEqual([
        'Line 7, column Phone: not a phone number ("ask reception")',
        'Line 19, column Last Activity: not a date ("soon")',
        'Line 31: sf28.renee@example0.org is also on line 30',
      ]);
      await page.getByRole('button', { name: 'Import 37 leads' }).click();
      await page.getByRole('status').getByText('Imported 37 leads.').waitFor();

      const rows = await readDatabase(session.context, session.extensionId);
      expect(rows.prospects).toHaveLength(75);
      const renee = rows.prospects.find((p) => p.emails[0] === 'ren0.hs@example0.com')!;
      expect(renee).toMatchObject({
        name: 'Renée Durand',
        company: 'Société Générale',
        title: 'Head of Sales',
        phone: '+1 415 555 1000',
        twitter: 'hs_lead0',
        linkedinIds: ['hs-lead-0'],
        touchCount: 1,
      });
      const eva = rows.prospects.find((p) => p.emails[0] === 'sf0.renee@example0.org')!;
      expect(eva).toMatchObject({ name: 'Eva Durand', company: 'Acme GmbH', touchCount: 0 });
      expect(rows.touches.filter((t) => t.source === 'import').length).toBeGreaterThan(20);
      // Nobody is due all at once: at most 10 from each import start on any one day.
      const today = localDayOf(session.now());
      const dueToday = rows.prospects.filter((p) => p.nextDueDay! <= today);
      expect(dueToday.length).toBeLessThanOrEqual(20);

      // Feedback Friday: this week's counts, Do next, and axe finds nothing.
      await page.getByRole('button', { name: 'Friday report' }).click();
      await page.getByRole('heading', { name: /^Feedback Friday: / }).waitFor();
      await page.getByRole('heading', { name: 'Do next' }).waitFor();
      await page.getByRole('table', { name: 'Your persistence' }).waitFor();
      const summary = await page.getByText(/^This week: /).textContent();
      // The imported touches that fall in this week, counted as touch days of 75 new leads.
      expect(summary).toMatch(/^This week: \d+ touches to \d+ leads · 75 new · 0 replied/);
      // No header breaks inside a word at 400 px.
      const broken = await page.evaluate(
        () =>
          [...document.querySelectorAll('.report th')].filter((th) => {
            const words = (th.textContent ?? '').split(/\s+/).filter(Boolean).length;
            const lineHeight = parseFloat(getComputedStyle(th).lineHeight) || 16;
            const lines = Math.round(th.getBoundingClientRect().height / lineHeight);
            return lines > Math.max(1, words);
          }).length,
      );
      expect(broken).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
