// Gmail and LinkedIn answered from fixtures with context.route(), so content scripts run on the
// real URLs while nothing leaves the machine. Playwright tries the newest route first, so a test's
// own handlers (Gmail's /sync XHR, say) registered after these take precedence.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Request, Route } from 'playwright-core';
import { projectRoot } from './paths';

/** A fixture file (absolute, or relative to the project root) or an HTML string (starts with `<`). */
export type PageSource = string;

/** Aborts every http(s) request no other route answers; registered first, so it is the last resort. */
export async function blockExternalRequests(context: BrowserContext): Promise<void> {
  await context.route(
    (url) => url.protocol === 'http:' || url.protocol === 'https:',
    (route) => route.abort('blockedbyclient'),
  );
}

export function serveGmail(context: BrowserContext, source: PageSource): Promise<void> {
  return serveSite(context, 'https://mail.google.com/**', source);
}

export function serveLinkedIn(context: BrowserContext, source: PageSource): Promise<void> {
  return serveSite(context, 'https://www.linkedin.com/**', source);
}

/**
 * Whether a request is a page's own (top-level) navigation. A tab the extension opens is navigated
 * before Playwright knows its page, and then `request.frame()` throws ("issued before the frame is
 * created"): such a navigation has no parent frame either, so it is a top-level one. Asking
 * `frame()` unguarded in a route handler left that route unanswered and the new tab blank.
 */
export function isTopLevelNavigation(request: Request): boolean {
  if (!request.isNavigationRequest()) return false;
  try {
    return request.frame().parentFrame() === null;
  } catch {
    return true;
  }
}

/**
 * Answers every top-level navigation under `urlGlob` with the same HTML. Sub-resources and frames
 * fall through (to a test's own handler, else blocked): a captured page's iframes point back at the
 * site and would otherwise load the whole capture again inside itself.
 */
export async function serveSite(
  context: BrowserContext,
  urlGlob: string,
  source: PageSource,
): Promise<void> {
  const html = await loadHtml(source);
  await context.route(urlGlob, (route: Route) => {
    const request = route.request();
    if (!isTopLevelNavigation(request)) {
      return route.fallback();
    }
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
}

async function loadHtml(source: PageSource): Promise<string> {
  if (source.trimStart().startsWith('<')) return source;
  return readFile(path.resolve(projectRoot, source), 'utf8');
}
