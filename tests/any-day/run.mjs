// The any-day guard, the last step of `npm test`: the suites whose results could hang on the calendar
// run again with the whole process's clock (and its browsers') moved by Debian's faketime to the
// days that break date code: a Saturday, a Friday half a minute before midnight, and the four
// daylight-saving switches of New York and Auckland (each a Sunday, each half a minute before the
// clock jumps). A test that assumes a weekday, an hour or a 24-hour day fails here on any day of the
// week, not only on the weekend it was written to dread.
//
//   node tests/any-day/run.mjs            every scenario
//   node tests/any-day/run.mjs saturday   the scenarios whose names contain "saturday"
//
// Plain Node with no dependencies, like tests/setup/prepare.mjs (which installs faketime).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const faketime = process.env.FAKETIME_PATH ?? '/usr/bin/faketime';

/** Local wall-clock start times (`date -d` syntax, read in the scenario's zone). */
const SCENARIOS = [
  { name: 'saturday noon', at: '2026-12-05 12:00:00', browsers: true },
  { name: 'friday 23:59:30', at: '2026-12-04 23:59:30' },
  {
    name: 'new york, spring forward (23-hour sunday)',
    tz: 'America/New_York',
    at: '2026-03-08 01:59:30 EST',
  },
  {
    name: 'new york, fall back (25-hour sunday)',
    tz: 'America/New_York',
    at: '2026-11-01 01:59:30 EDT',
  },
  {
    name: 'auckland, fall back (25-hour sunday)',
    tz: 'Pacific/Auckland',
    at: '2026-04-05 02:59:30 NZDT',
  },
  {
    name: 'auckland, spring forward (23-hour sunday)',
    tz: 'Pacific/Auckland',
    at: '2026-09-27 01:59:30 NZST',
  },
];

/**
 * What each scenario runs: every unit, component and overlay test (pure date logic, lists, labels,
 * overlays). On the Saturday also the real-browser suites about days (the badge, alarms,
 * notifications, the weekend rule), whose browsers' clocks are started at a stated instant whatever
 * the machine's says (tests/e2e/clock.ts), to prove that holds; and every Chromium suite that opts
 * out of that and keeps the real clock (`now: 'real'`), since nothing else would catch it assuming a
 * weekday.
 */
const UNIT_PROJECTS = ['--project', 'unit', '--project', 'component', '--project', 'overlay'];
/**
 * The guard asks about dates, not speed: libfaketime slows every clock read, and CI's two cores may be
 * busy, so a unit test gets the e2e project's patience here rather than failing on a 5 s limit.
 */
const PATIENT = ['--testTimeout=60000', '--hookTimeout=120000'];
const E2E_DIR = path.join(root, 'tests/e2e');
const E2E_ON_THE_REAL_CLOCK = readdirSync(E2E_DIR)
  .filter((name) => name.endsWith('.e2e.test.ts'))
  .filter((name) => /\bnow: 'real'/.test(readFileSync(path.join(E2E_DIR, name), 'utf8')))
  .map((name) => `tests/e2e/${name}`);
const E2E_ABOUT_DAYS = [
  'tests/e2e/background.e2e.test.ts',
  'tests/e2e/weekend.e2e.test.ts',
  ...E2E_ON_THE_REAL_CLOCK,
];

/** libfaketime's own variables: a guard started under faketime must not stack a second clock. */
const FAKETIME_VARIABLES = [
  'LD_PRELOAD',
  'FAKETIME',
  'FAKETIME_SHARED',
  'FAKETIME_DONT_FAKE_MONOTONIC',
  'FAKETIME_NO_CACHE',
  'FAKETIME_START_AFTER_SECONDS',
  'FAKETIME_STOP_AFTER_SECONDS',
  'FAKETIME_FMT',
  'FAKE_SECONDS',
];

function environment(tz) {
  const env = { ...process.env };
  for (const name of FAKETIME_VARIABLES) delete env[name];
  if (tz) env.TZ = tz;
  return env;
}

function runAt(scenario, args) {
  const vitest = path.join(root, 'node_modules/.bin/vitest');
  const result = spawnSync(faketime, [scenario.at, vitest, 'run', ...args], {
    cwd: root,
    env: environment(scenario.tz),
    stdio: 'inherit',
  });
  return result.status === 0;
}

if (!existsSync(faketime)) {
  console.error(
    `any-day: no faketime at ${faketime}. Install Debian's faketime package (npm test's set-up does) or set FAKETIME_PATH.`,
  );
  process.exit(1);
}

const wanted = process.argv.slice(2).map((word) => word.toLowerCase());
const chosen = SCENARIOS.filter(
  (scenario) => wanted.length === 0 || wanted.some((word) => scenario.name.includes(word)),
);
const failed = [];
for (const scenario of chosen) {
  const label = `${scenario.name}: ${scenario.at}${scenario.tz ? ` in ${scenario.tz}` : ''}`;
  console.log(`\nany-day: ${label}`);
  const started = Date.now();
  const ok =
    runAt(scenario, [...UNIT_PROJECTS, ...PATIENT, '--reporter=dot']) &&
    (!scenario.browsers ||
      runAt(scenario, ['--project', 'e2e', '--reporter=dot', ...E2E_ABOUT_DAYS]));
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`any-day: ${ok ? 'passed' : 'FAILED'} — ${label} (${seconds} s)`);
  if (!ok) failed.push(label);
}
if (failed.length > 0) {
  console.error(
    `\nany-day: failed on ${failed.length} of ${chosen.length} days:\n  ${failed.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`\nany-day: every suite passed on all ${chosen.length} days.`);
