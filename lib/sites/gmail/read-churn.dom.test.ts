import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { touchesBesidesListRows } from './read-churn';

const THREAD = '../shared/fixtures/gmail/dom/thread-view-2025.html';
const COMPOSE = '../shared/fixtures/gmail/dom/compose-new-2020.html';

/** The real thread capture in its own happy-dom window, and the records of one change to it. */
function threadPage() {
  const window = new Window({ url: 'https://mail.google.com/mail/u/0/#inbox/196195b51bdb9ff3' });
  const document = window.document as unknown as Document;
  document.write(readFileSync(path.resolve(process.cwd(), THREAD), 'utf8'));
  const recordsOf = async (change: () => void): Promise<MutationRecord[]> => {
    const seen: MutationRecord[] = [];
    const observer = new window.MutationObserver((records) => {
      seen.push(...(records as unknown as MutationRecord[]));
    });
    observer.observe(document.body as never, { childList: true, subtree: true });
    change();
    await new Promise((resolve) => setTimeout(resolve, 0));
    seen.push(...(observer.takeRecords() as unknown as MutationRecord[]));
    observer.disconnect();
    return seen;
  };
  return { window, document, recordsOf };
}

describe('which Gmail mutation batches can bring or take a compose or a thread heading', () => {
  it("skips thread-list rows added and removed, and what changes inside them (the capture's rows)", async () => {
    const { document, recordsOf } = threadPage();
    const row = document.querySelector('tr.zA')!;
    const records = await recordsOf(() => {
      const copy = row.cloneNode(true) as Element;
      row.parentElement!.insertBefore(copy, row.parentElement!.firstChild);
      row.remove();
      copy.querySelector('span')!.textContent = 'Update 1';
    });
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(touchesBesidesListRows(records)).toBe(false);
  });

  it('skips our own overlay hosts coming and going', async () => {
    const { document, recordsOf } = threadPage();
    const records = await recordsOf(() => {
      const host = document.createElement('fifth-touch-compose-coach');
      document.body.append(host);
      host.remove();
    });
    expect(records.length).toBe(2);
    expect(touchesBesidesListRows(records)).toBe(false);
  });

  it('wakes for a compose dialog opened and for one closed', async () => {
    const { window, document, recordsOf } = threadPage();
    const parsed = new window.DOMParser().parseFromString(
      readFileSync(path.resolve(process.cwd(), COMPOSE), 'utf8'),
      'text/html',
    );
    const compose = document.importNode(parsed.querySelector('[role="dialog"]') as never, true);
    const dock = document.querySelector('div.dw') ?? document.body;
    expect(touchesBesidesListRows(await recordsOf(() => dock.append(compose)))).toBe(true);
    expect(touchesBesidesListRows(await recordsOf(() => (compose as Element).remove()))).toBe(true);
  });

  it('wakes when a batch mixes row churn with anything else', async () => {
    const { document, recordsOf } = threadPage();
    const row = document.querySelector('tr.zA')!;
    const main = document.querySelector('[role="main"]')!;
    const records = await recordsOf(() => {
      row.parentElement!.append(row.cloneNode(true));
      main.append(document.createElement('div'));
    });
    expect(touchesBesidesListRows(records)).toBe(true);
  });
});
