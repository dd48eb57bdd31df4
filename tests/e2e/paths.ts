// Where the built extension and the shared real captures live, from the project's root.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The Chrome MV3 build that `npm run build:chrome` writes. */
export const chromeBuildDir = path.join(projectRoot, '.output/chrome-mv3');

/** A real capture in ../shared/fixtures (never copied into the repo), e.g. `gmail/dom/thread-view-2025.html`. */
export function sharedFixture(relativePath: string): string {
  return path.resolve(projectRoot, '../shared/fixtures', relativePath);
}
