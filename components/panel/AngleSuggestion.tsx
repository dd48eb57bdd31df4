// The suggested angle for a prospect's next touch: never the last one used, filled with what we
// know, with a copy button and a link back to where the conversation lives. What the draft cannot
// fill (a blank like "[their problem]", an unknown placeholder, the rep's name before it is set) is
// marked in the draft, and Copy says so instead of copying it silently. A won lead gets its
// thank-you, then its check-in after delivery.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { suggestAngle } from '../../lib/angles/choose';
import { fillDraft, type FilledDraft } from '../../lib/angles/fill';
import { daysBetween, localDayOf } from '../../lib/cadence/days';
import { touchesOf } from '../../lib/db/queries';
import type { Prospect, Settings } from '../../lib/model';
import { useEnv } from '../env';
import { linkedInProfileUrl, safeHttpsUrl } from '../format';
import { FollowUpDraft } from './FollowUpDraft';

/** Which after-win step a won lead's due touch is, by the engine's reason; none once both are done. */
export function wonStep(
  prospect: Pick<Prospect, 'status' | 'nextDueDay' | 'reason'>,
): 'thank-you' | 'check-in' | undefined {
  if (prospect.status !== 'won' || !prospect.nextDueDay) return undefined;
  return /check in/i.test(prospect.reason) ? 'check-in' : 'thank-you';
}

export function AngleSuggestion({
  prospect,
  settings,
}: {
  prospect: Prospect;
  settings: Settings;
}) {
  const [open, setOpen] = useState(false);
  const step = wonStep(prospect);
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
    // After a win the steps go in order: past the thank-you, the check-in.
    lastAngleId: step === 'check-in' ? 'thank-you' : step ? undefined : prospect.lastAngleId,
    settings,
  });
  if (!angle) return null;
  return (
    <div className="angle">
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        title={angle.prompt}
        onClick={() => setOpen((value) => !value)}
      >
        {step ? 'Draft' : 'Angle'}: {angle.label}
      </button>
      {open && <span className="angle-prompt"> — {angle.prompt}</span>}{' '}
      {settings.drafting && (
        <FollowUpDraft key={angle.id} prospect={prospect} settings={settings} angle={angle} />
      )}
      {open && <AngleDraft prospect={prospect} template={angle.template} settings={settings} />}
    </div>
  );
}

const UNFILLED_WORDS: Record<FilledDraft['unfilled'][number]['kind'], string> = {
  blank: 'write this yourself',
  'unknown-placeholder': 'not a placeholder Fifth Touch knows',
  'missing-value': 'set your name in Settings',
};

/** Reads the prospect's touches only when opened, so the list's first paint stays light. */
function AngleDraft({
  prospect,
  template,
  settings,
}: {
  prospect: Prospect;
  template: string;
  settings: Settings;
}) {
  const { db, now } = useEnv();
  const touches = useLiveQuery(() => touchesOf(db, prospect.id), [db, prospect.id]);
  const [copied, setCopied] = useState<'idle' | 'confirm' | 'copied' | 'failed'>('idle');
  if (!touches) return null;
  const outbound = touches.filter((touch) => touch.direction === 'out');
  const last = outbound[outbound.length - 1];
  const lastEmail = outbound.filter((touch) => touch.channel === 'email').pop();
  const lastLinkedIn = outbound.filter((touch) => touch.channel === 'linkedin').pop();
  const draft = fillDraft(template, {
    name: prospect.name,
    company: prospect.company,
    lastSubject: lastEmail?.summary ?? last?.summary,
    myName: settings.myName,
    daysSinceLastTouch: prospect.lastTouchAt
      ? daysBetween(localDayOf(prospect.lastTouchAt), localDayOf(now()))
      : undefined,
  });
  const gmailLink = safeHttpsUrl(lastEmail?.link);
  const firstLinkedInId = prospect.linkedinIds[0];
  const linkedInLink =
    safeHttpsUrl(lastLinkedIn?.link) ??
    (firstLinkedInId ? linkedInProfileUrl(firstLinkedInId) : undefined);
  const toFill = draft.unfilled;
  const listId = `draft-unfilled-${prospect.id}`;

  async function copy(anyway = false) {
    // Never copies blanks silently: the first press says what is left, a second one copies.
    if (toFill.length > 0 && !anyway) {
      setCopied('confirm');
      return;
    }
    try {
      await navigator.clipboard.writeText(draft.text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className="angle-draft">
      <pre
        className="angle-text"
        aria-label="Suggested message"
        aria-describedby={toFill.length ? listId : undefined}
      >
        {draft.parts.map((part, index) =>
          part.unfilled ? (
            <mark key={index} className="unfilled" title={UNFILLED_WORDS[part.unfilled]}>
              {part.text}
            </mark>
          ) : (
            part.text
          ),
        )}
      </pre>
      {toFill.length > 0 && (
        <p className="draft-unfilled" id={listId}>
          To fill before sending:{' '}
          {toFill.map((entry, index) => (
            <span key={entry.token}>
              {index > 0 && ', '}
              <mark className="unfilled">{entry.token}</mark> ({UNFILLED_WORDS[entry.kind]})
            </span>
          ))}
        </p>
      )}
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
      {copied === 'confirm' && (
        <div className="copy-warning" role="alert">
          <span>
            Not copied: {toFill.length === 1 ? 'one part is' : `${toFill.length} parts are`} still
            to fill ({toFill.map((entry) => entry.token).join(', ')}).
          </span>{' '}
          <button type="button" onClick={() => void copy(true)}>
            Copy anyway
          </button>
        </div>
      )}
    </div>
  );
}
