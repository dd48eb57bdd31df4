// Where the built extension and the shared real captures live, from the project's root.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The Chrome MV3 build that `npm run build:chrome` writes. */
export const chromeBuildDir = path.join(projectRoot, '.output/chrome-mv3');

/** A real capture in ../shared/fixtures (never copied into the repo), e.g. `gmail/dom/thread-view-2025.html`. */
export function sharedFixture(relativePath: string): string {
  const file = path.resolve(projectRoot, '../shared/fixtures', relativePath);
  if (!existsSync(file)) {
    throw new Error(
      `No capture at ${file}: the real captures live in ../shared/fixtures beside the project's root (a checkout needs that folder next to it).`,
    );
  }
  return file;
}
