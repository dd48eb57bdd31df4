// Runs before `npm test` (npm's `pretest`), so that one command does all the set-up on a fresh
// machine: the locked dependencies when they are missing or older than the lock file, the real
// browsers the end-to-end suites drive (Debian's chromium and firefox-esr) and the faketime that
// starts their clocks and moves the any-day guard's (Debian's faketime) when they are missing.
// Plain Node with no dependencies, since it may run before `npm ci`.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

const installed = path.join(root, 'node_modules/.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.log('prepare: installing the locked dependencies (npm ci)');
  run('npm', ['ci']);
}

const browsers = [
  { binary: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium' },
  { binary: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
  { binary: process.env.FAKETIME_PATH ?? '/usr/bin/faketime', pkg: 'faketime' },
];
const missing = browsers.filter(({ binary }) => !existsSync(binary)).map(({ pkg }) => pkg);
if (missing.length > 0) {
  const asRoot = process.getuid?.() === 0;
  const apt = (args) => (asRoot ? run('apt-get', args) : run('sudo', ['apt-get', ...args]));
  try {
    console.log(`prepare: installing ${missing.join(' and ')} from Debian's packages`);
    apt(['update']);
    apt(['install', '-y', ...missing]);
  } catch {
    console.error(
      `prepare: could not install ${missing.join(', ')}. The end-to-end tests need a Chromium at ` +
        '/usr/bin/chromium (or CHROMIUM_PATH), Firefox ESR at /usr/bin/firefox-esr (or FIREFOX_PATH) ' +
        'and faketime at /usr/bin/faketime (or FAKETIME_PATH).',
    );
    process.exit(1);
  }
}
