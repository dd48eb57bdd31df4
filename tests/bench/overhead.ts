// What the content scripts cost a busy host page: the same fixture page, the same heavy DOM churn
// (thousands of mutations a second, a compose opened and closed), with the extension loaded and in
// a plain Chromium without it; the renderer main thread's busy time (CDP TaskDuration) of each.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  blockExternalRequests,
  chromiumPath,
  CHROMIUM_FLAGS,
  launchExtension,
  serveSite,
  type ExtensionSession,
  type PageSource,
} from '../e2e/harness';
import {
  busyTime,
  cdp,
  pairedResult,
  percent,
  stats,
  type BenchResult,
  type Stats,
} from './harness';

/** The baseline: the same Chromium and flags as launchExtension, with no extension at all. */
export async function launchPlain(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'fifth-touch-bench-plain-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  await blockExternalRequests(context);
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface Churn {
  /** Rows the site keeps adding and removing (Gmail's thread rows, LinkedIn's message events). */
  rowSelector: string;
  /**
   * HTML holding the compose the user opens and closes (its first `composeSelector` is appended to
   * body); without it the compose is cloned from the page itself (LinkedIn enforces Trusted Types,
   * so no HTML can be parsed there).
   */
  composeHtml?: string;
  composeSelector: string;
  /** A text field inside the compose that gets typed into. */
  composeFieldSelector: string;
  /** Rows added (and old ones removed) per batch; fewer where a row is a big subtree. */
  rowsPerBatch?: number;
}

/**
 * The workload, run in the page's main world: 150 batches 20 ms apart (about 3 s), each adding and
 * removing 20 rows (or `rowsPerBatch`), flipping 20 attributes and 10 texts inside them (about 3,500 mutation records
 * a second);
 * a compose opened every 25 batches, typed into, and closed 10 batches later. Fixed work, not fixed
 * time, so busy time compares like with like. Resolves after a second of quiet for trailing work.
 */
function churnScript(churn: Churn): string {
  return `(async () => {
    const churn = ${JSON.stringify(churn)};
    const template = document.querySelector(churn.rowSelector);
    if (!template) throw new Error('no row ' + churn.rowSelector);
    const parent = template.parentElement;
    const composeSource = churn.composeHtml
      ? new DOMParser().parseFromString(churn.composeHtml, 'text/html').querySelector(churn.composeSelector)
      : document.querySelector(churn.composeSelector);
    const composeTemplate = composeSource && composeSource.cloneNode(true);
    if (!composeTemplate) throw new Error('no compose ' + churn.composeSelector);
    const added = [];
    let compose = null;
    let seed = 1;
    const next = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let batch = 0; batch < 150; batch++) {
      for (let i = 0; i < (churn.rowsPerBatch || 20); i++) {
        const row = template.cloneNode(true);
        row.setAttribute('data-bench-row', String(batch * 100 + i));
        parent.insertBefore(row, parent.firstChild);
        added.push(row);
        if (added.length > 200) added.shift().remove();
      }
      for (let i = 0; i < 20; i++) {
        const row = added[next(added.length)];
        const element = row.querySelector('div, span') || row;
        element.classList.toggle('bench-flip');
        element.setAttribute('data-bench', String(batch));
      }
      for (let i = 0; i < 10; i++) {
        const row = added[next(added.length)];
        const target = row.querySelector('span') || row;
        target.textContent = 'Update ' + batch + '.' + i;
      }
      if (batch % 25 === 0) {
        compose = document.importNode(composeTemplate, true);
        document.body.appendChild(compose);
      }
      if (compose && batch % 25 > 0 && batch % 25 < 10) {
        const field = compose.querySelector(churn.composeFieldSelector);
        if (field) {
          if ('value' in field) field.value += 'x'; else field.textContent += 'x';
          field.dispatchEvent(new InputEvent('input', { bubbles: true, data: 'x', inputType: 'insertText' }));
        }
      }
      if (compose && batch % 25 === 10) { compose.remove(); compose = null; }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (compose) compose.remove();
    for (const row of added) row.remove();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  })()`;
}

/** Main-thread busy seconds of one fresh page of `url` running the churn. */
export async function busyDuringChurn(context: BrowserContext, url: string, churn: Churn) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    // Let document_idle work and the page's own start-up settle before measuring.
    await page.waitForTimeout(1000);
    const session = await cdp(page);
    await session.send('Performance.enable', { timeDomain: 'threadTicks' });
    const before = await busyTime(session);
    await page.evaluate(churnScript(churn));
    const after = await busyTime(session);
    await session.detach();
    return { task: after.task - before.task, script: after.script - before.script };
  } finally {
    await page.close();
  }
}

export interface Overhead {
  /** The ratios of each run with the extension to its neighbour without: median, min, max. */
  ratio: Stats;
  /** The median busy time with the extension divided by the median without. */
  ratioOfMedians: number;
  withExtension: Stats;
  without: Stats;
  /** Each run's TaskDuration with and without, in seconds (value and floor, pair by pair). */
  pairs: { withExtension: number[]; without: number[] };
  /** Profiled churns with the extension: its main-thread time beside the page's. */
  profiles: Attribution[];
}

/**
 * Runs the churn `runs` times in each browser, back to back in pairs whose order alternates (after
 * a warm-up in each), and returns the median of the paired ratios with / without: a drift in the
 * machine's load between pairs (other work on a shared machine) then favours neither side.
 */
export async function measureOverhead({
  siteGlob,
  url,
  page,
  churn,
  runs,
  profileRuns = 3,
}: {
  siteGlob: string;
  url: string;
  page: PageSource;
  churn: Churn;
  runs: number;
  /** Churns run under the CPU profiler after the timed pairs (profiling slows a run down). */
  profileRuns?: number;
}): Promise<Overhead> {
  const extension = await launchExtension({ now: 'real' });
  const plain = await launchPlain();
  try {
    await serveSite(extension.context, siteGlob, page);
    await serveSite(plain.context, siteGlob, page);
    await busyDuringChurn(extension.context, url, churn);
    await busyDuringChurn(plain.context, url, churn);
    const withExtension: number[] = [];
    const without: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      // Alternating which goes first, so a drift in the machine's load favours neither.
      if (run % 2 === 0) {
        withExtension.push((await busyDuringChurn(extension.context, url, churn)).task);
        without.push((await busyDuringChurn(plain.context, url, churn)).task);
      } else {
        without.push((await busyDuringChurn(plain.context, url, churn)).task);
        withExtension.push((await busyDuringChurn(extension.context, url, churn)).task);
      }
    }
    const withStats = stats(withExtension);
    const withoutStats = stats(without);
    const profiles = await profileChurn(extension, url, churn, profileRuns);
    return {
      ratio: stats(withExtension.map((value, run) => value / without[run]!)),
      ratioOfMedians: withStats.median / withoutStats.median,
      withExtension: withStats,
      without: withoutStats,
      pairs: { withExtension, without },
      profiles,
    };
  } finally {
    await Promise.all([extension.close(), plain.close()]);
  }
}

// ---- Main-thread time by script, from CPU profiles ----

/** A V8 CPU profile as the DevTools protocol's Profiler.stop returns it (the fields used here). */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface Attribution {
  /** Sampled main-thread time of the extension's scripts (content scripts and page world), in ms. */
  extensionMs: number;
  /** Of which the page-world scripts (`*-page.js`), in ms. */
  pageWorldMs: number;
  /** All sampled main-thread time that was not idle (the page, the browser's work on it, ours), in ms. */
  totalMs: number;
  /**
   * Of `extensionMs`, the samples whose innermost frame with a URL is one of our forwarding wrappers
   * (`isForwarding`), in ms: what the natives they call cost while the profiler saw no frame of
   * their own (0 without `isForwarding`).
   */
  forwardingMs: number;
  /**
   * The same split in samples, each counted once whatever its time delta: a sample taken late
   * (the renderer descheduled on a busy machine) carries the whole stall in its delta, and the
   * frame it lands in gets it; counted, it weighs what any other sample does.
   */
  samples: { extension: number; pageWorld: number; forwarding: number; total: number };
  /**
   * The samples of ours less the forwarding ones by the frame they were given to
   * (`name@file:line:column`, the innermost frame of ours in each): where our time went.
   */
  byFrame: Map<string, number>;
}

/** The `count` frames of ours given the most samples, as "12 name@file:line:column". */
export function topFrames(byFrame: Map<string, number>, count = 3): string {
  return [...byFrame]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, samples]) => `${samples} ${frame}`)
    .join(', ');
}

/**
 * Splits a profile's samples by script URL. A sample belongs to the innermost frame that has a URL
 * (native functions and builtins have none): the time a DOM method takes when our script calls it
 * is ours, when the page calls it the page's. Natives named in `forwarded` are the page's even when
 * our wrapper called them: the page-world observer wraps XMLHttpRequest's `open` and `send` and
 * `fetch`, and what the original then costs the page would have paid without us.
 */
export function attribute(
  profile: CpuProfile,
  isOurs: (url: string) => boolean,
  forwarded: readonly string[] = ['open', 'send', 'fetch', 'setRequestHeader'],
  isForwarding?: (frame: { functionName: string; url: string }) => boolean,
): Attribution {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  type Owner = 'ours' | 'page-world' | 'forwarding' | 'page' | 'idle';
  const owner = new Map<number, Owner>();
  const frameOf = new Map<number, string>();
  const ownerOf = (id: number): Owner => {
    const known = owner.get(id);
    if (known) return known;
    let found: Owner = 'page';
    const first = byId.get(id);
    if (first?.callFrame.functionName === '(idle)') found = 'idle';
    else {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)?.callFrame;
        if (!frame) break;
        if (!frame.url) {
          if (forwarded.includes(frame.functionName)) break;
          continue;
        }
        if (isOurs(frame.url)) {
          if (isForwarding?.(frame)) found = 'forwarding';
          else {
            found = /-page\.js$/.test(frame.url) ? 'page-world' : 'ours';
            const file = frame.url.slice(frame.url.lastIndexOf('/') + 1);
            const name = frame.functionName || '(anonymous)';
            frameOf.set(id, `${name}@${file}:${frame.lineNumber}:${frame.columnNumber}`);
          }
        }
        break;
      }
    }
    owner.set(id, found);
    return found;
  };
  let extensionMs = 0;
  let pageWorldMs = 0;
  let forwardingMs = 0;
  let totalMs = 0;
  const byFrame = new Map<string, number>();
  const counted = { extension: 0, pageWorld: 0, forwarding: 0, total: 0 };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Each delta is the time before its sample: the sample stands for the interval that ends at it.
  for (let i = 0; i < samples.length; i += 1) {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    const who = ownerOf(samples[i] as number);
    if (who === 'idle') continue;
    totalMs += ms;
    counted.total += 1;
    if (who === 'ours' || who === 'page-world' || who === 'forwarding') {
      extensionMs += ms;
      counted.extension += 1;
    }
    if (who === 'page-world' || who === 'forwarding') {
      pageWorldMs += ms;
      counted.pageWorld += 1;
    }
    if (who === 'forwarding') {
      forwardingMs += ms;
      counted.forwarding += 1;
    }
    const frame = frameOf.get(samples[i] as number);
    if (frame) byFrame.set(frame, (byFrame.get(frame) ?? 0) + 1);
  }
  return {
    extensionMs,
    pageWorldMs,
    forwardingMs,
    totalMs,
    byFrame,
    samples: counted,
  };
}

/** Runs `work` under the CPU profiler of `page`'s renderer (every world of the page) and returns the profile. */
export async function profiled(
  page: Page,
  work: () => Promise<unknown>,
  samplingIntervalUs = 200,
): Promise<CpuProfile> {
  const session = await cdp(page);
  try {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
    await session.send('Profiler.start');
    await work();
    const { profile } = await session.send('Profiler.stop');
    await session.send('Profiler.disable');
    return profile as CpuProfile;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/**
 * The extension's share of the host page's main thread under the churn: `runs` fresh pages of
 * `url` in the extension's browser, each churned under the CPU profiler, the samples split by
 * script URL (attribute). Returns each run's attribution.
 */
export async function profileChurn(
  session: ExtensionSession,
  url: string,
  churn: Churn,
  runs: number,
): Promise<Attribution[]> {
  const prefix = `chrome-extension://${session.extensionId}/`;
  const out: Attribution[] = [];
  for (let run = 0; run < runs; run += 1) {
    const page = await session.context.newPage();
    try {
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(1000);
      const profile = await profiled(page, () => page.evaluate(churnScript(churn)));
      out.push(attribute(profile, (scriptUrl) => scriptUrl.startsWith(prefix)));
    } finally {
      await page.close();
    }
  }
  return out;
}

/**
 * The two rows of a site's page cost: `<site>-overhead`, the wall-clock ratio (main-thread busy
 * time with the extension beside the same churn without it; it only catches gross regressions: a
 * pair moves by ±25 % with the machine's load), and `<site>-main-thread-share`, the extension's own
 * sampled main-thread time beside the page's under the same churn, which resolves a tenth of a
 * percent.
 */
export function shareRows(
  site: string,
  overhead: Overhead,
  { overheadNote }: { overheadNote: string },
): BenchResult[] {
  const { pairs, profiles } = overhead;
  // Each sample counted once, as gmail-observer-per-draft-save counts them: on a busy machine a
  // sample taken late carries the renderer's stall in its time delta, and whichever frame it lands
  // in (ours too) would be given the stall. The weighted shares stay in the note.
  const shares = profiles.map((run) => run.samples.extension / run.samples.total);
  const weighted = profiles.map((run) => run.extensionMs / run.totalMs);
  const extension = stats(profiles.map((run, index) => shares[index]! * run.totalMs));
  const pageWorld = stats(profiles.map((run) => run.pageWorldMs)).median;
  const shareStats = stats(shares);
  return [
    pairedResult(
      {
        name: `${site}-overhead`,
        unit: 'ms',
        budget: 1.2,
        n: 0,
        note: `${overheadNote}: renderer main-thread TaskDuration with the extension; floor: the same churn in the same Chromium without it; median of ${pairs.withExtension.length} ratios of back-to-back runs (order alternating). Catches gross regressions only: single pairs move by ±25 % with the machine's load; ${site}-main-thread-share resolves the rest`,
      },
      pairs.withExtension.map((seconds) => seconds * 1000),
      pairs.without.map((seconds) => seconds * 1000),
    ),
    {
      name: `${site}-main-thread-share`,
      unit: 'ms',
      value: extension.median,
      floor: stats(profiles.map((run) => run.totalMs)).median,
      ratio: shareStats.median,
      ratioIsShare: true,
      budget: 0.005,
      budgetOn: 'ratio',
      n: 0,
      runs: extension.runs,
      min: extension.min,
      max: extension.max,
      note: `the same churn under the CPU profiler (200 µs sampling), ${profiles.length} runs: the extension's scripts' share of the non-idle main-thread samples, each sample counted once (content script and page world; a native call counts for the script that made it), times all the page's non-idle main-thread time (the floor; page world ${pageWorld.toFixed(1)} ms by time delta); ratio: the median of the runs' shares (${shares.map(percent).join(', ')}; weighted by their time deltas ${weighted.map(percent).join(', ')})`,
    },
  ];
}
