// What Fifth Touch adds to every Gmail tab, in gzipped bytes, beside the lightest peer: gmail.js
// 1.1.16 and the jQuery it needs, for hooks alone (16,733 + 27,491 = 44,224 bytes gzipped, minified
// with this project's bundler); and against an InboxSDK-based CRM (InboxSDK 2.2.26: 663,376 bytes
// gzipped). Read from the built manifest, so a new content script, stylesheet or web-accessible
// resource for Gmail is counted without anyone listing it here; all its UI included.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { chromeBuildDir } from '../e2e/harness';
import { missedBudgets, report, result, stats, withFloor, type BenchResult } from './harness';

const INBOXSDK_GZ_BYTES = 663_376;
/** gmail.js 1.1.16 + jQuery 3, minified by this project's bundler, gzipped. */
const GMAIL_JS_WITH_JQUERY_GZ_BYTES = 16_733 + 27_491;
const GMAIL_URL = 'https://mail.google.com/mail/u/0/#inbox';

const results: BenchResult[] = [];

afterAll(() => report(import.meta.filename, results));

interface Manifest {
  content_scripts?: { matches?: string[]; js?: string[]; css?: string[] }[];
  web_accessible_resources?: { matches?: string[]; resources?: string[] }[];
}

/** Whether a manifest match pattern (`https://mail.google.com/*`, `<all_urls>`, `*://*.google.com/*`) covers a URL. */
export function matchesUrl(pattern: string, url: string): boolean {
  if (pattern === '<all_urls>') return /^(https?|wss?|file|ftp):/.test(url);
  const parts = /^(\*|https?|wss?|file|ftp):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!parts) return false;
  const [, scheme, host, pathPattern] = parts as unknown as [string, string, string, string];
  const target = new URL(url);
  const targetScheme = target.protocol.slice(0, -1);
  if (scheme === '*' ? !['http', 'https'].includes(targetScheme) : scheme !== targetScheme) {
    return false;
  }
  const hostOk =
    host === '*' ||
    (host.startsWith('*.')
      ? target.hostname === host.slice(2) || target.hostname.endsWith(host.slice(1))
      : target.hostname === host);
  const glob = new RegExp(
    `^${pathPattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`,
  );
  return hostOk && glob.test(`${target.pathname}${target.search}`);
}

function gzippedSize(file: string): number {
  return gzipSync(readFileSync(path.join(chromeBuildDir, file)), { level: 9 }).length;
}

describe('what Gmail loads', () => {
  test('weighs less than gmail.js and its jQuery, gzipped, with all its UI', () => {
    const manifest = JSON.parse(
      readFileSync(path.join(chromeBuildDir, 'manifest.json'), 'utf8'),
    ) as Manifest;
    const injected = new Set<string>();
    for (const script of manifest.content_scripts ?? []) {
      if (!(script.matches ?? []).some((pattern) => matchesUrl(pattern, GMAIL_URL))) continue;
      for (const file of [...(script.js ?? []), ...(script.css ?? [])]) injected.add(file);
    }
    // Resources Gmail's page may load from the extension (WXT's shadow-root CSS, injected scripts).
    for (const entry of manifest.web_accessible_resources ?? []) {
      if (!(entry.matches ?? []).some((pattern) => matchesUrl(pattern, GMAIL_URL))) continue;
      for (const file of entry.resources ?? []) {
        if (file.includes('*')) throw new Error(`A wildcard resource cannot be sized: ${file}`);
        injected.add(file);
      }
    }
    expect(injected.size).toBeGreaterThan(0);
    const sizes = [...injected].map((file) => [file, gzippedSize(file)] as const);
    const total = sizes.reduce((sum, [, size]) => sum + size, 0);
    const entry = result(
      {
        name: 'gmail-injected-gz',
        unit: 'B',
        // Strictly lighter: the ratio stays under 1.
        budget: 0.9999,
        budgetOn: 'ratio',
        n: 0,
        note: `${sizes.map(([file, size]) => `${file} ${size}`).join(', ')}; floor: gmail.js 1.1.16 + the jQuery it needs, ${GMAIL_JS_WITH_JQUERY_GZ_BYTES} B gzipped, hooks alone; ${((total / INBOXSDK_GZ_BYTES) * 100).toFixed(1)} % of InboxSDK 2.2.26's ${INBOXSDK_GZ_BYTES}`,
      },
      stats([total]),
    );
    results.push(withFloor(entry, GMAIL_JS_WITH_JQUERY_GZ_BYTES));
    expect(missedBudgets(results)).toEqual([]);
  });
});
