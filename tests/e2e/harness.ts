// The real-browser harness: the built extension in Debian's Chromium, Gmail and LinkedIn served
// from fixtures, a clock started at a stated instant, and direct access to the worker, the content-script world and the database.
export {
  launchExtension,
  findWorker,
  chromiumPath,
  CHROMIUM_FLAGS,
  type ExtensionSession,
  type LaunchOptions,
} from './launch';
export {
  serveGmail,
  serveLinkedIn,
  serveSite,
  blockExternalRequests,
  type PageSource,
} from './sites';
export {
  evaluateInContentScript,
  sendFromContentScript,
  sendFromExtensionPage,
  type ContentScriptOptions,
  type WireReply,
} from './content-script';
export { readDatabase, seedDatabase, DATABASE_NAME, type DatabaseRows } from './database';
export { stopServiceWorker, waitForWorker, isWorkerRunning } from './worker';
export { projectRoot, chromeBuildDir, sharedFixture } from './paths';
export { until } from './poll';
export { E2E_NOW, atLocal } from './clock';
