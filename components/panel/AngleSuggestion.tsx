// The suggested angle for a prospect's next touch: never the last one used, filled with what we
// know, with a copy button and a link back to where the conversation lives.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { suggestAngle } from '../../lib/angles/choose';
import { fillTemplate } from '../../lib/angles/fill';
import { daysBetween, localDayOf } from '../../lib/cadence/days';
import { touchesOf } from '../../lib/db/queries';
import type { Prospect, Settings } from '../../lib/model';
import { useEnv } from '../env';
import { linkedInProfileUrl, safeHttpsUrl } from '../format';
import { FollowUpDraft } from './FollowUpDraft';

export function AngleSuggestion({
  prospect,
  settings,
}: {
  prospect: Prospect;
  settings: Settings;
}) {
  const [open, setOpen] = useState(false);
  const phase =
    prospect.status === 'won'
      ? 'after-win'
      : prospect.totalSteps > 0 && prospect.nextStep > prospect.totalSteps
        ? 'nurture'
        : 'cadence';
  const angle = suggestAngle({
    channel: prospect.nextChannels[0],
    step: prospect.nextStep,
    phase,
    lastAngleId: prospect.lastAngleId,
    settings,
  });
  if (!angle) return null;
  return (
    <div className="angle">
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
      >
        Angle: {angle.label}
      </button>
      <span className="angle-prompt"> — {angle.prompt}</span>{' '}
      {settings.drafting && (
        <FollowUpDraft key={angle.id} prospect={prospect} settings={settings} angle={angle} />
      )}
      {open && <AngleDraft prospect={prospect} template={angle.template} />}
    </div>
  );
}

/** Reads the prospect's touches only when opened, so the list's first paint stays light. */
function AngleDraft({ prospect, template }: { prospect: Prospect; template: string }) {
  const { db, now } = useEnv();
  const touches = useLiveQuery(() => touchesOf(db, prospect.id), [db, prospect.id]);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  if (!touches) return null;
  const outbound = touches.filter((touch) => touch.direction === 'out');
  const last = outbound[outbound.length - 1];
  const lastEmail = outbound.filter((touch) => touch.channel === 'email').pop();
  const lastLinkedIn = outbound.filter((touch) => touch.channel === 'linkedin').pop();
  const text = fillTemplate(template, {
    name: prospect.name,
    company: prospect.company,
    lastSubject: lastEmail?.summary ?? last?.summary,
    daysSinceLastTouch: prospect.lastTouchAt
      ? daysBetween(localDayOf(prospect.lastTouchAt), localDayOf(now()))
      : undefined,
  });
  const gmailLink = safeHttpsUrl(lastEmail?.link);
  const firstLinkedInId = prospect.linkedinIds[0];
  const linkedInLink =
    safeHttpsUrl(lastLinkedIn?.link) ??
    (firstLinkedInId ? linkedInProfileUrl(firstLinkedInId) : undefined);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className="angle-draft">
      <pre className="angle-text" aria-label="Suggested message">
        {text}
      </pre>
      <div className="row-actions">
        <button type="button" onClick={() => void copy()}>
          {copied === 'copied' ? 'Copied' : 'Copy'}
        </button>
        {gmailLink && (
          <a href={gmailLink} target="_blank" rel="noreferrer noopener">
            Open in Gmail
          </a>
        )}
        {linkedInLink && (
          <a href={linkedInLink} target="_blank" rel="noreferrer noopener">
            Open on LinkedIn
          </a>
        )}
        {copied === 'failed' && <span role="alert">Could not copy: select the text instead.</span>}
      </div>
    </div>
  );
}
