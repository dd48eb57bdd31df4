// The calendar the end-to-end suites live on. A follow-up tool is all about days (business days,
// "due today", local midnight), so no end-to-end result may depend on the day or hour the suite
// happens to run: every Chromium the harness starts has its wall clock started at a stated instant
// (Debian's faketime, shared by all of the browser's processes, the service worker included), and
// the tests build their rows from that same instant through `session.now()`.
import { existsSync } from 'node:fs';

/**
 * Wednesday 18 November 2026, 10:00 in the local time zone: a business day, hours from either
 * midnight and weeks from any daylight-saving switch in both hemispheres. Where a browser's clock
 * starts unless a test names another instant.
 */
export const E2E_NOW = atLocal(2026, 11, 18, 10);

/** A local wall-clock time (month 1–12), as the rep's own calendar shows it. */
export function atLocal(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
) {
  return new Date(year, month - 1, day, hour, minute, second).getTime();
}

export const faketimePath = process.env.FAKETIME_PATH ?? '/usr/bin/faketime';

/** libfaketime's variables: an outer fake clock (a whole command run under faketime) must not leak in. */
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

/** The environment without any libfaketime of the test process's own (the browsers get theirs). */
export function environmentWithoutFakeClock(
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const clean = { ...env };
  for (const name of FAKETIME_VARIABLES) delete clean[name];
  return clean;
}

/**
 * A shell script that starts `binary` with its wall clock started at `at` (ms since the epoch; it
 * then runs at the normal rate). faketime turns the instant into one offset from the real clock that
 * every child process shares, so a browser's renderers, service worker and pages agree to the
 * millisecond. Its monotonic clock moves with it: Chromium does not start with only the wall clock
 * shifted (--exclude-monotonic), and timers only ever compare monotonic readings with each other.
 */
export function binaryStartedAt(binary: string, at: number): string {
  if (!existsSync(faketimePath)) {
    throw new Error(
      `No faketime at ${faketimePath}: install Debian's \`faketime\` package (npm test's set-up does), or set FAKETIME_PATH.`,
    );
  }
  const seconds = Math.floor(at / 1000);
  return [
    '#!/bin/sh',
    `# Written by tests/e2e/clock.ts: ${binary} with its clock started at ${new Date(at).toISOString()}.`,
    `unset ${FAKETIME_VARIABLES.join(' ')}`,
    `exec ${shellQuote(faketimePath)} @${seconds} ${shellQuote(binary)} "$@"`,
    '',
  ].join('\n');
}

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
