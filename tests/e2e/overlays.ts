// Our overlays live in closed shadow roots: neither a page script nor Playwright's locators can
// see into them. Tests read them from the content script's own world, where
// chrome.dom.openOrClosedShadowRoot opens them, and act on them as the rep does: a real mouse click
// at the button's place (a trusted event), keys typed with the real keyboard.
import type { Page } from 'playwright-core';
import { evaluateInContentScript } from './content-script';

export interface OverlayTarget {
  /** CSS selector of the host in the page (the first match is used). */
  host: string;
  /** CSS selector inside the root; with `name`, the one whose label or text is that name. */
  selector?: string;
  name?: string | RegExp;
}

/**
 * The JS (run in the content world) that finds the target element, or null: in the first host
 * matching `host` that has it (several overlays may share a host name).
 */
function finder(target: OverlayTarget): string {
  const name =
    target.name === undefined
      ? 'null'
      : target.name instanceof RegExp
        ? `{ re: ${JSON.stringify(target.name.source)}, flags: ${JSON.stringify(target.name.flags)} }`
        : `{ text: ${JSON.stringify(target.name)} }`;
  return `(() => {
    const selector = ${JSON.stringify(target.selector ?? null)};
    const name = ${name};
    const nameOf = (el) => (el.getAttribute('aria-label') || el.textContent || '').replace(/\\s+/g, ' ').trim();
    const labelOf = (el) => (el.closest('label')?.textContent || '').replace(/\\s+/g, ' ').trim();
    const matches = (el) => {
      if (!name) return true;
      const texts = [nameOf(el), labelOf(el)];
      return name.re ? texts.some((t) => new RegExp(name.re, name.flags).test(t)) : texts.includes(name.text);
    };
    for (const host of document.querySelectorAll(${JSON.stringify(target.host)})) {
      const root = chrome.dom.openOrClosedShadowRoot(host);
      if (!root) continue;
      if (!selector) return root;
      const found = [...root.querySelectorAll(selector)].find(matches);
      if (found) return found;
    }
    return null;
  })()`;
}

/** The text of the target (an overlay's whole text: its elements but its <style>). */
export function overlayText(page: Page, target: OverlayTarget): Promise<string | null> {
  return evaluateInContentScript<string | null>(
    page,
    `(() => {
      const found = ${finder(target)};
      if (!found) return null;
      const parts = found instanceof ShadowRoot
        ? [...found.children].filter((el) => el.tagName !== 'STYLE').map((el) => el.textContent)
        : [found.textContent];
      return parts.join(' ').replace(/\\s+/g, ' ').trim();
    })()`,
  );
}

/** Waits until the target's text matches; returns it. */
export async function waitForOverlayText(
  page: Page,
  target: OverlayTarget,
  expected: RegExp | string,
  timeout = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeout;
  let last: string | null = null;
  for (;;) {
    last = await overlayText(page, target).catch(() => null);
    const ok =
      last !== null &&
      (typeof expected === 'string' ? last.includes(expected) : expected.test(last));
    if (ok) return last!;
    if (Date.now() > deadline) {
      throw new Error(`Overlay ${target.host} never showed ${String(expected)}; last: ${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The texts of every element matching the target's selector (e.g. a menu's buttons). */
export function overlayTexts(page: Page, target: OverlayTarget): Promise<string[]> {
  return evaluateInContentScript<string[]>(
    page,
    `(() => {
      const host = document.querySelector(${JSON.stringify(target.host)});
      const root = host && chrome.dom.openOrClosedShadowRoot(host);
      if (!root) return [];
      return [...root.querySelectorAll(${JSON.stringify(target.selector ?? '*')})].map((el) => (el.textContent || '').replace(/\\s+/g, ' ').trim());
    })()`,
  );
}

/** Clicks the target as the rep would: the real mouse, at its centre (a trusted click). */
export async function clickInOverlay(page: Page, target: OverlayTarget): Promise<void> {
  const box = await evaluateInContentScript<{ x: number; y: number } | null>(
    page,
    `(() => {
      const el = ${finder(target)};
      if (!el || el instanceof ShadowRoot) return null;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const rect = el.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    })()`,
  );
  if (!box)
    throw new Error(
      `Nothing to click: ${JSON.stringify({ ...target, name: String(target.name) })}`,
    );
  await page.mouse.click(box.x, box.y);
}

/** Focuses the target (the keyboard then types into our UI as the rep's would). */
export async function focusInOverlay(page: Page, target: OverlayTarget): Promise<void> {
  const focused = await evaluateInContentScript<boolean>(
    page,
    `(() => {
      const el = ${finder(target)};
      if (!el || el instanceof ShadowRoot) return false;
      el.focus();
      return true;
    })()`,
  );
  if (!focused) throw new Error(`Nothing to focus in ${target.host}`);
}

/** Whether a checkbox in the overlay is checked (null when there is none). */
export function isCheckedInOverlay(page: Page, target: OverlayTarget): Promise<boolean | null> {
  return evaluateInContentScript<boolean | null>(
    page,
    `(() => {
      const el = ${finder(target)};
      return el && 'checked' in el ? el.checked : null;
    })()`,
  );
}

/** Hosts of ours in the page, by selector. */
export function overlayHostCount(page: Page, host: string): Promise<number> {
  return page.locator(host).count();
}

/** The Gmail content script is in: its due pill's host is mounted once the page's DOM is there. */
export async function waitForGmailContentScript(page: Page, timeout = 15_000): Promise<void> {
  await page.locator('fifth-touch-due-count').waitFor({ state: 'attached', timeout });
}

/** The target's box in the page (for screenshots), or null. */
export function overlayBox(
  page: Page,
  target: OverlayTarget,
): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return evaluateInContentScript(
    page,
    `(() => {
      const el = ${finder(target)};
      if (!el || el instanceof ShadowRoot) return null;
      const rect = el.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    })()`,
  );
}

/**
 * What a hostile page script can do to one of our overlays (`host`): every pointer, mouse and click
 * event, and `click()`, on whatever its elements report at each point of the host's box, then keys on
 * the host and a click on any button it can reach, then two seconds for anything that would follow.
 * None of it is trusted, so none of it may act.
 */
export async function pressEverywhereAsThePage(page: Page, host: string): Promise<void> {
  await page.evaluate(async (hostName) => {
    const element = document.querySelector(hostName) as HTMLElement;
    element.scrollIntoView();
    const box = element.getBoundingClientRect();
    for (let x = box.left + 2; x < box.right; x += 12) {
      for (let y = box.top + 2; y < box.bottom; y += 6) {
        const target = document.elementFromPoint(x, y) as HTMLElement | null;
        if (!target) continue;
        for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
          target.dispatchEvent(
            new MouseEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }),
          );
        }
        target.click();
      }
    }
    element.focus();
    for (const key of ['Tab', 'Enter', ' ']) {
      element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
    }
    element.shadowRoot?.querySelectorAll('button').forEach((button) => button.click());
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }, host);
}
