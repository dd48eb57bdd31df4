// The real-Firefox harness: the built extension installed over WebDriver BiDi in Debian's stock
// Firefox ESR, Gmail and LinkedIn served from fixtures (the Chromium harness's routes), and the
// extension's own pages and database reached with raw BiDi.
export {
  launchFirefoxExtension,
  firefoxPath,
  firefoxBuildDir,
  GECKO_ID,
  EXTENSION_UUID,
  type FirefoxExtensionSession,
} from './launch';
export { startBidiProxy, type BidiProxy, type BidiSend } from './bidi-proxy';
export {
  openExtensionPage,
  withExtensionPage,
  readDatabase,
  seedDatabase,
  type ExtensionPage,
} from './extension-page';
