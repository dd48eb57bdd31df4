// Test-only: a saved Gmail page as a document of its own, parsed by happy-dom's DOMParser (never
// rendered, so none of its images or frames are fetched), on a Gmail URL.
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';

/** The page saved at `file` (an absolute path) as a Document. */
export function loadGmailPage(file: string): Document {
  const window = new Window({ url: 'https://mail.google.com/mail/u/0/' });
  return new window.DOMParser().parseFromString(
    readFileSync(file, 'utf8'),
    'text/html',
  ) as unknown as Document;
}
