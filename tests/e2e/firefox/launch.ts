// Starts Debian's stock Firefox ESR through Playwright's WebDriver BiDi driver with the built
// extension installed, in a throw-away profile, offline. No geckodriver and no Playwright-patched
// Firefox: Playwright launches the wrapper below, which starts Firefox and points Playwright at the
// BiDi relay (bidi-proxy.ts) instead of Firefox's own endpoint.
import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { firefox, type BrowserContext } from 'playwright-core';
import { environmentWithoutFakeClock, shellQuote } from '../clock';
import { projectRoot } from '../paths';
import { blockExternalRequests } from '../sites';
import { startBidiProxy, type BidiSend } from './bidi-proxy';

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** The Firefox MV3 build that `npm run build:firefox` writes. */
export const firefoxBuildDir = path.join(projectRoot, '.output/firefox-mv3');

/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const GECKO_ID = 'fifth-touch@fifth-touch.app';

/** Pinned with `extensions.webextensions.uuids`, so pages are at a known moz-extension:// origin. */
export const EXTENSION_UUID = '5f1e7d2c-3b4a-4c5d-8e6f-7a8b9c0d1e2f';

// Playwright and Firefox's remote agent already set most "stay quiet" prefs; these close the rest
// of the doors Firefox would knock on at start (the machine has no network). Remote Settings points
// at a data: URL, so Nimbus's "Failed to retrieve recipes from Remote Settings" in Firefox's log is
// that dummy failing locally, not a request leaving the machine.
const OFFLINE_PREFS: Record<string, string | number | boolean> = {
  'app.update.auto': false,
  'app.update.checkInstallTime': false,
  'app.normandy.enabled': false,
  'app.normandy.api_url': '',
  'app.shield.optoutstudies.enabled': false,
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'datareporting.policy.dataSubmissionEnabled': false,
  'network.captive-portal-service.enabled': false,
  'captivedetect.canonicalURL': '',
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.update.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.region.update.enabled': false,
  'browser.region.network.url': '',
  'browser.search.geoip.url': '',
  'browser.aboutHomeSnippets.updateUrl': '',
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.ping-centre.telemetry': false,
  'browser.backup.enabled': false,
  'browser.backup.scheduled.enabled': false,
  'identity.fxaccounts.enabled': false,
  'media.gmp-manager.updateEnabled': false,
  'dom.push.connection.enabled': false,
};

export interface FirefoxExtensionSession {
  context: BrowserContext;
  /** Raw WebDriver BiDi commands in Playwright's session (extension pages, see extension-page.ts). */
  bidi: BidiSend;
  /** The id webExtension.install reported. */
  extensionId: string;
  /**
   * Firefox's current time. Its clock cannot be started at a stated instant as Chromium's is
   * (under libfaketime Firefox hangs at start, its allocator deadlocked), so it runs on the real
   * clock, which the test process's need not follow: build rows from this.
   */
  now(): number;
  /** `moz-extension://<uuid>/<page>` */
  extensionUrl(page: string): string;
  close(): Promise<void>;
}

export async function launchFirefoxExtension(): Promise<FirefoxExtensionSession> {
  if (!existsSync(path.join(firefoxBuildDir, 'manifest.json'))) {
    throw new Error(
      `No Firefox build in ${firefoxBuildDir}: run \`npm run build:firefox\` before the e2e tests.`,
    );
  }
  if (!existsSync(firefoxPath)) {
    throw new Error(`No Firefox at ${firefoxPath}: install Debian's \`firefox-esr\` package.`);
  }
  const root = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-firefox-'));
  // Firefox reads a temporary add-on's files lazily from disk, and others rebuild .output while
  // suites run: install a copy taken now.
  const extensionDir = path.join(root, 'extension');
  await cp(firefoxBuildDir, extensionDir, { recursive: true });

  let extensionId: string | undefined;
  const proxy = await startBidiProxy({
    async onSession(send) {
      const { extension } = await send<{ extension: string }>('webExtension.install', {
        extensionData: { type: 'path', path: extensionDir },
      });
      extensionId = extension;
    },
  });

  const wrapper = path.join(root, 'firefox-via-relay.sh');
  await writeFile(
    wrapper,
    [
      '#!/usr/bin/env bash',
      '# Written by tests/e2e/firefox/launch.ts: Firefox, its BiDi endpoint announced via the relay.',
      `exec ${shellQuote(firefoxPath)} "$@" 2> >(exec sed -u -e ${shellQuote(
        `s#^WebDriver BiDi listening on ws://\\([^/]*\\)#WebDriver BiDi listening on ws://${proxy.address}/\\1#`,
      )} >&2)`,
      '',
    ].join('\n'),
  );
  await chmod(wrapper, 0o755);

  let context: BrowserContext | undefined;
  const cleanUp = async () => {
    await context?.close().catch(() => undefined);
    await proxy.close();
    await rm(root, { recursive: true, force: true });
  };
  try {
    context = await firefox.launchPersistentContext(path.join(root, 'profile'), {
      channel: 'moz-firefox',
      executablePath: wrapper,
      headless: true,
      // Lets BiDi navigate tabs to moz-extension:// pages (it refuses non-web URLs otherwise).
      args: ['-remote-allow-system-access'],
      // Firefox refuses to start as root with a HOME it does not own; and it would hang under the
      // libfaketime of a test run started under faketime, so it gets none.
      env: { ...environmentWithoutFakeClock(), HOME: process.env.HOME ?? os.homedir() },
      firefoxUserPrefs: {
        ...OFFLINE_PREFS,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      },
    });
    await blockExternalRequests(context);
    if (extensionId !== GECKO_ID) {
      throw new Error(`webExtension.install reported ${String(extensionId)}, not ${GECKO_ID}`);
    }
    const offset = await clockOffset(context);
    return {
      context,
      bidi: proxy.send,
      extensionId,
      now: () => Date.now() + offset,
      extensionUrl: (page) => `moz-extension://${EXTENSION_UUID}/${page.replace(/^\//, '')}`,
      close: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** How far the browser's clock is from the test process's (both run at the same rate). */
async function clockOffset(context: BrowserContext): Promise<number> {
  const page = await context.newPage();
  try {
    const asked = Date.now();
    const browserNow = await page.evaluate(() => Date.now());
    return browserNow - Math.round((asked + Date.now()) / 2);
  } finally {
    await page.close();
  }
}
