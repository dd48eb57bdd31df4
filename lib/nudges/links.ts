// Where "Open" leads when the side panel cannot open: the thread or profile of the last touch,
// else the person's LinkedIn profile, else a Gmail search for them.
import type { Prospect, Touch } from '../model';

const LINK_MAX = 2048;

export function followUpLink(
  prospect: Pick<Prospect, 'emails' | 'linkedinIds'>,
  touches: Pick<Touch, 'at' | 'link'>[],
): string | undefined {
  const last = [...touches]
    .filter((touch) => typeof touch.link === 'string' && touch.link.startsWith('https://'))
    .sort((a, b) => b.at - a.at)[0];
  if (last?.link && last.link.length <= LINK_MAX) return last.link;
  // Member ids (ACoAA…) are not profile paths; vanity ids are.
  const vanity = prospect.linkedinIds.find((id) => /^[a-z0-9][a-z0-9-]{2,99}$/.test(id));
  if (vanity) return `https://www.linkedin.com/in/${encodeURIComponent(vanity)}/`;
  const email = prospect.emails[0];
  if (email) return `https://mail.google.com/mail/u/0/#search/${encodeURIComponent(email)}`;
  return undefined;
}
