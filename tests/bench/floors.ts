// The floors: the same work as a measured figure, done the plainest possible way, in the same run,
// the same browser and the same book. Two of them need code inside the extension (a page, a worker
// handler), which the product build must never carry; so the bench runs a copy of the Chrome build
// in `.bench/extension` with them added, written here from the test side. The product's own files
// in that copy are byte for byte the build's, so what is measured beside the floors is what ships.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromeBuildDir } from '../e2e/harness';
import { DEFAULT_DB_NAME, SETTINGS_ROW_ID } from '../../lib/db/schema';
import { WORK_ORDER_INDEX } from '../../lib/db/work-order';
import { benchDir } from './harness';

/** The Chrome build with the floors added; every bench launch that needs a floor loads this. */
export const benchExtensionDir = path.join(benchDir, 'extension');

/** The floor page beside sidepanel.html (`chrome-extension://<id>/bench-floor/panel.html`). */
export const PANEL_FLOOR_PAGE = 'bench-floor/panel.html';

/** What a content script sends to reach the worker's floor handler instead of the product's. */
export const WORKER_FLOOR_KEY = 'fifthTouchBenchFloor';

/**
 * The worker floors, run before the product's background code. `{ [WORKER_FLOOR_KEY]: 'send',
 * email, touch }` does the requests a touch write makes, with raw IndexedDB in one transaction
 * (a connection opened once): the prospect looked up by email (and an unconfirmed copy of the send
 * asked for beside it), then the touch added beside the reads of that prospect's touches and
 * outcomes, then the prospect put back; it answers once the transaction completes. No check, no
 * plan, no library: what the touch costs the browser's database. `{ [WORKER_FLOOR_KEY]: 'put',
 * record }` is one raw put of a touch, the least a stored touch can cost. Both messages are hidden
 * from every other listener, so the product's handler, which answers unknown messages at once with
 * an error, never races them.
 */
const WORKER_FLOOR = `(() => {
  const KEY = ${JSON.stringify(WORKER_FLOOR_KEY)};
  const event = chrome.runtime.onMessage;
  const addListener = event.addListener.bind(event);
  let opened = null;
  const database = () => (opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open('fifth-touch');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }));
  const ask = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const ofProspect = (store, id) =>
    ask(store.index('[prospectId+at]').getAll(IDBKeyRange.bound([id, -Infinity], [id, [[]]])));
  const send = (db, { email, touch, sendId }) => new Promise((resolve, reject) => {
    const tx = db.transaction(['prospects', 'touches', 'outcomes', 'unconfirmedSends'], 'readwrite');
    let history = 0;
    tx.oncomplete = () => resolve({ stored: 1, history });
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    const prospects = tx.objectStore('prospects');
    const touches = tx.objectStore('touches');
    Promise.all([
      ask(prospects.index('emails').getAll(email, 1)),
      ask(tx.objectStore('unconfirmedSends').get(sendId)),
    ]).then(([[prospect]]) => {
      if (!prospect) throw new Error('no prospect has ' + email);
      return Promise.all([
        ask(touches.add({ ...touch, prospectId: prospect.id })),
        ofProspect(touches, prospect.id),
        ofProspect(tx.objectStore('outcomes'), prospect.id),
      ]).then(([, done, outcomes]) => {
        history = done.length + outcomes.length;
        prospects.put({ ...prospect, touchCount: prospect.touchCount + 1 });
      });
    }).catch((error) => { try { tx.abort(); } catch {} reject(error); });
  });
  const put = (db, { record }) => new Promise((resolve, reject) => {
    const tx = db.transaction('touches', 'readwrite');
    tx.objectStore('touches').put(record);
    tx.oncomplete = () => resolve({ stored: 1 });
    tx.onerror = () => reject(tx.error);
  });
  const ops = { send, put };
  addListener((message, sender, sendResponse) => {
    const op = message && typeof message === 'object' ? ops[message[KEY]] : undefined;
    if (!op) return false;
    database()
      .then((db) => op(db, message))
      .then((res) => sendResponse({ res }), (error) => sendResponse({ err: { message: String(error) } }));
    return true;
  });
  const isFloor = (message) => !!message && typeof message === 'object' && KEY in message;
  event.addListener = (listener, ...rest) =>
    addListener((message, sender, sendResponse) =>
      isFloor(message) ? false : listener(message, sender, sendResponse), ...rest);
})();
`;

/** What the panel floor reads, set by the bench before the page loads (`window.__benchFloorRead`). */
export interface PanelFloorRead {
  /** The day whose Overdue list the panel opens on. */
  today: string;
  /** The rows the panel's first read asks for (its first page and one more). */
  limit: number;
}

/**
 * The panel floor's script: reads what the panel's first screen reads, with raw IndexedDB in one
 * transaction (the settings row, and the first page of Overdue by the work-order index), while it
 * evaluates the chunks the side panel imports (the panel's own entry is only preloaded: fetched
 * and compiled, never run), then paints the list the panel painted, as static HTML
 * (`window.__benchFloorHtml`). The rows it read are counted in `window.__benchFloorRows`.
 */
function panelFloorScript(chunks: readonly string[]): string {
  return `const ask = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});
const read = async ({ today, limit }) => {
  const db = await ask(indexedDB.open(${JSON.stringify(DEFAULT_DB_NAME)}));
  const tx = db.transaction(['settings', 'prospects'], 'readonly');
  const [, rows] = await Promise.all([
    ask(tx.objectStore('settings').get(${JSON.stringify(SETTINGS_ROW_ID)})),
    ask(tx.objectStore('prospects').index(${JSON.stringify(WORK_ORDER_INDEX)})
      .getAll(IDBKeyRange.bound(['0000-01-01'], [today]), limit)),
  ]);
  db.close();
  return rows.length;
};
const [rows] = await Promise.all([
  read(window.__benchFloorRead),
  ...${JSON.stringify(chunks)}.map((chunk) => import(chunk)),
]);
window.__benchFloorRows = rows;
document.getElementById('root').innerHTML = window.__benchFloorHtml ?? '';
`;
}

/**
 * Copies the Chrome build to `.bench/extension` and adds the floors. The side panel's HTML gives
 * the chunks and stylesheets the floor page loads, so a rebuilt panel is followed without a list.
 */
export function prepareBenchExtension(): string {
  const sidepanel = readFileSync(path.join(chromeBuildDir, 'sidepanel.html'), 'utf8');
  const entry = /<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(sidepanel);
  if (!entry)
    throw new Error('sidepanel.html has no module entry script: the floor cannot follow it');
  const chunks = [
    ...sidepanel.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g),
  ].map((match) => match[1] as string);
  rmSync(benchExtensionDir, { recursive: true, force: true });
  cpSync(chromeBuildDir, benchExtensionDir, { recursive: true });
  const floorPage = sidepanel.replace(
    entry[0],
    `<link rel="modulepreload" crossorigin href="${entry[1]}">\n    <script type="module" src="/bench-floor/panel.js"></script>`,
  );
  mkdirSync(path.join(benchExtensionDir, 'bench-floor'), { recursive: true });
  writeFileSync(path.join(benchExtensionDir, PANEL_FLOOR_PAGE), floorPage);
  writeFileSync(path.join(benchExtensionDir, 'bench-floor/panel.js'), panelFloorScript(chunks));
  const background = path.join(benchExtensionDir, 'background.js');
  writeFileSync(background, `${WORKER_FLOOR}${readFileSync(background, 'utf8')}`);
  return benchExtensionDir;
}

/** The bench copy, made now if an earlier step of this run has not made it. */
export function benchExtension(): string {
  if (!existsSync(path.join(benchExtensionDir, PANEL_FLOOR_PAGE))) prepareBenchExtension();
  return benchExtensionDir;
}
