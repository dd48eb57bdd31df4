// Bundles a module of the product's lib/ code into one script that defines a global, to evaluate in
// an extension page or the service worker over the DevTools protocol (which CSP does not stop).
import path from 'node:path';
import { rolldown } from 'rolldown';
import { projectRoot } from '../e2e/harness';

const cache = new Map<string, Promise<string>>();

/** The module at `entry` (relative to the project root) as a script defining `globalName`. */
export function bundleForPage(entry: string, globalName: string): Promise<string> {
  const key = `${entry}#${globalName}`;
  let source = cache.get(key);
  if (!source) {
    source = (async () => {
      const build = await rolldown({
        input: path.join(projectRoot, entry),
        platform: 'browser',
        logLevel: 'silent',
      });
      try {
        const { output } = await build.generate({ format: 'iife', name: globalName });
        const chunk = output[0];
        // `globalThis.X =` rather than `var X`, so the name survives in any evaluation scope.
        return `${chunk.code}\nglobalThis.${globalName} = ${globalName};`;
      } finally {
        await build.close();
      }
    })();
    cache.set(key, source);
  }
  return source;
}
