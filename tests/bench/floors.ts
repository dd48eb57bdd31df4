// The floors: the same work as a measured figure, done the plainest possible way, in the same run,
// the same browser and the same book. Two of them need code inside the extension (a page, a worker
// handler), which the product build must never carry; so the bench runs a copy of the Chrome build
// in `.bench/extension` with them added, written here from the test side. The product's own files
// in that copy are byte for byte the build's, so what is measured beside the floors is what ships.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromeBuildDir } from '../e2e/harness';
import { benchDir } from './harness';

/** The Chrome build with the floors added; every bench launch that needs a floor loads this. */
export const benchExtensionDir = path.join(benchDir, 'extension');

/** The floor page beside sidepanel.html (`chrome-extension://<id>/bench-floor/panel.html`). */
export const PANEL_FLOOR_PAGE = 'bench-floor/panel.html';

/** What a content script sends to reach the worker's floor handler instead of the product's. */
export const WORKER_FLOOR_KEY = 'fifthTouchBenchFloor';

/**
 * The worker floor, run before the product's background code: it answers `{ [WORKER_FLOOR_KEY]:
 * 'put', record }` with one raw IndexedDB put of `record` into the product's own `touches` store
 * (a connection opened once), and hides those messages from every other listener so the product's
 * handler, which answers unknown messages at once with an error, never races it.
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
  addListener((message, sender, sendResponse) => {
    if (!message || typeof message !== 'object' || message[KEY] !== 'put') return false;
    database().then((db) => {
      const tx = db.transaction('touches', 'readwrite');
      tx.objectStore('touches').put(message.record);
      tx.oncomplete = () => sendResponse({ res: { stored: 1 } });
      tx.onerror = () => sendResponse({ err: { message: String(tx.error) } });
    }, (error) => sendResponse({ err: { message: String(error) } }));
    return true;
  });
  const isFloor = (message) => !!message && typeof message === 'object' && KEY in message;
  event.addListener = (listener, ...rest) =>
    addListener((message, sender, sendResponse) =>
      isFloor(message) ? false : listener(message, sender, sendResponse), ...rest);
})();
`;

/**
 * The panel floor's script: evaluates the chunks the side panel imports (the panel's own entry is
 * only preloaded: fetched and compiled, never run), then paints the list the panel painted, as
 * static HTML (`window.__benchFloorHtml`, set by the bench before the page loads).
 */
function panelFloorScript(chunks: readonly string[]): string {
  return `await Promise.all(${JSON.stringify(chunks)}.map((chunk) => import(chunk)));
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
