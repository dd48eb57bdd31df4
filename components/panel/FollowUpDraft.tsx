// Draft on a due follow-up: written on this device by the browser's built-in model (Chrome's Prompt
// API) where it can run, else filled from the angle's template, and the panel says which. The rep
// edits it here (their edits teach the style note), then one click puts it into Gmail's reply box
// or LinkedIn's message box. Nothing is sent anywhere, and nothing is ever sent for the rep.
import { useEffect, useId, useRef, useState } from 'react';
import type { Angle } from '../../lib/angles/library';
import { findLazyLines } from '../../lib/angles/lazy-lines';
import { touchesOf } from '../../lib/db/queries';
import { saveSettings } from '../../lib/db/writes';
import { draftChannelOf, draftFactsOf, reachableChannels } from '../../lib/drafts/facts';
import type { DraftChannel } from '../../lib/drafts/facts';
import { measureDraft } from '../../lib/drafts/limits';
import { findLanguageModel } from '../../lib/drafts/on-device';
import { learnStyle } from '../../lib/drafts/style';
import {
  describeSource,
  DraftCancelledError,
  writeDraft,
  type WrittenDraft,
} from '../../lib/drafts/write';
import { sendMessage, type PutDraftResult } from '../../lib/messages';
import type { Prospect, Settings } from '../../lib/model';
import { useEnv } from '../env';

type Phase =
  | { kind: 'closed' }
  | { kind: 'checking' }
  | { kind: 'downloading'; loaded: number }
  | { kind: 'writing'; text: string }
  | { kind: 'ready'; written: WrittenDraft }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

const CHANNEL_WORDS: Record<DraftChannel, string> = { email: 'Email', linkedin: 'LinkedIn' };

const PUT_WORDS: Record<PutDraftResult | 'sending', string> = {
  sending: 'Opening…',
  inserted: 'The draft is in the message box: read it, then press Send yourself.',
  'not-empty': 'The message box already had text, so the draft was not put in: copy it instead.',
  'no-composer': 'No message box was found on that page: copy the draft instead.',
  'no-target': 'There is nowhere to write to this prospect on that channel.',
  timeout: 'The page did not answer in time: copy the draft instead.',
};

export function FollowUpDraft({
  prospect,
  settings,
  angle,
}: {
  prospect: Prospect;
  settings: Settings;
  angle: Angle;
}) {
  const { db, now } = useEnv();
  const channels = reachableChannels(prospect);
  const [channel, setChannel] = useState<DraftChannel | undefined>(() => draftChannelOf(prospect));
  const [phase, setPhase] = useState<Phase>({ kind: 'closed' });
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [put, setPut] = useState<PutDraftResult | 'sending' | 'failed' | null>(null);
  const [putError, setPutError] = useState('');
  const controller = useRef<AbortController | null>(null);

  // A draft being written stops with the panel (or the card) that showed it.
  useEffect(() => () => controller.current?.abort(), []);

  if (!channel) return null;
  const draftChannel = channel;

  async function draft() {
    controller.current?.abort();
    const run = new AbortController();
    controller.current = run;
    setPut(null);
    setPhase({ kind: 'checking' });
    try {
      const touches = await touchesOf(db, prospect.id);
      const facts = draftFactsOf(prospect, touches, draftChannel);
      const written = await writeDraft({
        // Read at the click, never before: create() may start a download of the model.
        api: findLanguageModel(globalThis),
        facts,
        angle,
        style: settings.draftStyle,
        myName: settings.myName,
        signal: run.signal,
        onAvailability: (availability) => {
          if (availability === 'downloadable' || availability === 'downloading') {
            setPhase({ kind: 'downloading', loaded: 0 });
          }
        },
        onDownload: (loaded) => setPhase({ kind: 'downloading', loaded }),
        onText: (text) => setPhase({ kind: 'writing', text }),
      });
      if (run.signal.aborted) return;
      setSubject(written.draft.subject ?? '');
      setBody(written.draft.body);
      setPhase({ kind: 'ready', written });
    } catch (error) {
      if (error instanceof DraftCancelledError) setPhase({ kind: 'cancelled' });
      else
        setPhase({
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
    }
  }

  function cancel() {
    controller.current?.abort();
  }

  /** The rep's edits teach the style note; an untouched draft teaches nothing. */
  async function learnFrom(written: WrittenDraft) {
    const next = learnStyle(settings.draftStyle, {
      drafted: written.draft.body,
      edited: body,
      channel: draftChannel,
    });
    if (next && next !== settings.draftStyle) {
      await saveSettings(db, { draftStyle: next }, { now: now() }).catch(() => undefined);
    }
  }

  async function putIntoComposer(written: WrittenDraft) {
    setPut('sending');
    setPutError('');
    void learnFrom(written);
    try {
      const answer = await sendMessage('putDraftInComposer', {
        prospectId: prospect.id,
        channel: draftChannel,
        angleId: angle.id,
        body,
        ...(draftChannel === 'email' && subject.trim() ? { subject: subject.trim() } : {}),
      });
      setPut(answer.result);
    } catch (error) {
      setPut('failed');
      setPutError(error instanceof Error ? error.message : String(error));
    }
  }

  async function copy(written: WrittenDraft) {
    void learnFrom(written);
    const text = draftChannel === 'email' && subject ? `${subject}\n\n${body}` : body;
    await navigator.clipboard.writeText(text).catch(() => undefined);
  }

  const busy =
    phase.kind === 'checking' || phase.kind === 'downloading' || phase.kind === 'writing';
  const regionLabel = `Draft for ${prospect.name}`;

  return (
    <>
      <button
        type="button"
        className="link-button"
        aria-expanded={phase.kind !== 'closed'}
        disabled={busy}
        onClick={() => void draft()}
      >
        Draft
      </button>
      {phase.kind !== 'closed' && (
        <div className="angle-draft" role="group" aria-label={regionLabel}>
          {channels.length > 1 && (
            <label>
              Channel{' '}
              <select
                value={channel}
                disabled={busy}
                onChange={(event) => {
                  setChannel(event.target.value as DraftChannel);
                  setPhase({ kind: 'cancelled' });
                }}
              >
                {channels.map((option) => (
                  <option key={option} value={option}>
                    {CHANNEL_WORDS[option]}
                  </option>
                ))}
              </select>
            </label>
          )}
          {phase.kind === 'checking' && <p className="muted">Looking for the built-in model…</p>}
          {phase.kind === 'downloading' && (
            <p className="muted">
              Downloading the browser’s built-in model:{' '}
              <progress max={1} value={phase.loaded} aria-label="Model download" />{' '}
              {Math.round(phase.loaded * 100)}%
            </p>
          )}
          {phase.kind === 'writing' && (
            <pre className="angle-text" aria-label="Draft being written" aria-busy="true">
              {phase.text}
            </pre>
          )}
          {busy && (
            <div className="row-actions">
              <button type="button" onClick={cancel}>
                Cancel
              </button>
            </div>
          )}
          {phase.kind === 'cancelled' && (
            <p className="muted">No draft: press Draft to write one.</p>
          )}
          {phase.kind === 'failed' && <p role="alert">Could not draft: {phase.message}</p>}
          {phase.kind === 'ready' && (
            <ReadyDraft
              channel={draftChannel}
              written={phase.written}
              angleLabel={angle.label}
              prospectName={prospect.name}
              subject={subject}
              body={body}
              onSubject={setSubject}
              onBody={setBody}
              onPut={() => void putIntoComposer(phase.written)}
              onCopy={() => void copy(phase.written)}
              onClose={() => setPhase({ kind: 'closed' })}
            />
          )}
          {put && (
            <p role="status">
              {put === 'failed' ? `Could not open it: ${putError}` : PUT_WORDS[put]}
            </p>
          )}
        </div>
      )}
    </>
  );
}

function ReadyDraft({
  channel,
  written,
  angleLabel,
  prospectName,
  subject,
  body,
  onSubject,
  onBody,
  onPut,
  onCopy,
  onClose,
}: {
  channel: DraftChannel;
  written: WrittenDraft;
  angleLabel: string;
  prospectName: string;
  subject: string;
  body: string;
  onSubject: (value: string) => void;
  onBody: (value: string) => void;
  onPut: () => void;
  onCopy: () => void;
  onClose: () => void;
}) {
  // Labels by id, not by wrapping: a wrapping label's name would take in the field's own text.
  const fieldId = useId();
  const measure = measureDraft({ body }, channel);
  const lazy = findLazyLines(body);
  return (
    <div className="stack">
      <p className="muted" data-draft-source={written.source.kind}>
        {describeSource(written.source, angleLabel)}
        {written.trimmed && ' Cut to fit the length limit.'}
      </p>
      {channel === 'email' && (
        <>
          <label htmlFor={`${fieldId}-subject`}>Subject</label>
          <input
            id={`${fieldId}-subject`}
            value={subject}
            maxLength={160}
            onChange={(event) => onSubject(event.target.value)}
          />
        </>
      )}
      <label htmlFor={`${fieldId}-body`}>Message</label>
      <textarea
        id={`${fieldId}-body`}
        rows={8}
        value={body}
        onChange={(event) => onBody(event.target.value)}
      />
      <p className={measure.over ? 'error' : 'muted'}>
        {measure.used} of {measure.max} {measure.unit}
        {measure.over &&
          (channel === 'email'
            ? ': too long for a follow-up'
            : ': too long for an invitation note')}
      </p>
      {lazy.length > 0 && (
        <p role="alert">
          Coach: “{lazy[0]!.text}” gives {prospectName} no reason to reply. Say what is new for
          them.
        </p>
      )}
      <div className="row-actions">
        <button type="button" onClick={onPut} disabled={body.trim() === ''}>
          {channel === 'email' ? 'Reply in Gmail' : 'Message on LinkedIn'}
        </button>
        <button type="button" onClick={onCopy}>
          Copy
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
