// The options page's settings editor: the cadence, its rules, reminders, whose addresses are
// yours or ignored, tracking switches and the angle library. Saved through saveSettings only when
// the whole draft is valid; every problem is listed by field.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import { listAngles } from '../../lib/angles/choose';
import { BUILT_IN_ANGLES } from '../../lib/angles/library';
import { getSettings } from '../../lib/db/queries';
import { saveSettings } from '../../lib/db/writes';
import { CHANNELS, type Channel, type Settings } from '../../lib/model';
import { useEnv } from '../env';
import { CHANNEL_LABELS } from '../format';
import { LearnedAddresses } from './LearnedAddresses';
import { settingsErrors } from './settings-errors';

type Draft = Settings;
type NumberKey = {
  [K in keyof Settings]: Settings[K] extends number ? K : never;
}[keyof Settings];
type BooleanKey = {
  [K in keyof Settings]: Settings[K] extends boolean ? K : never;
}[keyof Settings];
type ListKey = 'ownAddresses' | 'ownDomains' | 'ignoreList';

const lines = (text: string) =>
  text
    .split(/\n/)
    .map((line) => line.trim())
    .filter(Boolean);

export function SettingsEditor() {
  const { db } = useEnv();
  const stored = useLiveQuery(() => getSettings(db), [db]);
  if (!stored) return <p className="muted">Loading settings…</p>;
  return <SettingsForm stored={stored} />;
}

function SettingsForm({ stored }: { stored: Settings }) {
  const { db, now } = useEnv();
  const [draft, setDraft] = useState<Draft>(() => structuredClone(stored));
  // Lists are edited as text so a half-typed line is not lost; parsed on save.
  const [listText, setListText] = useState<Record<ListKey, string>>(() => ({
    ownAddresses: stored.ownAddresses.join('\n'),
    ownDomains: stored.ownDomains.join('\n'),
    ignoreList: stored.ignoreList.join('\n'),
  }));
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  const update = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, ...patch }));
  };
  const numberField = (key: NumberKey, label: string, min = 0, max = 366) => (
    <label>
      {label}
      <input
        type="number"
        min={min}
        max={max}
        value={Number.isFinite(draft[key]) ? draft[key] : ''}
        onChange={(event) => update({ [key]: event.target.valueAsNumber } as Partial<Draft>)}
      />
    </label>
  );
  const checkbox = (key: BooleanKey, label: string) => (
    <label className="check">
      <input
        type="checkbox"
        checked={draft[key]}
        onChange={(event) => update({ [key]: event.target.checked } as Partial<Draft>)}
      />
      {label}
    </label>
  );

  async function save() {
    const candidate: Settings = {
      ...draft,
      ownAddresses: lines(listText.ownAddresses),
      ownDomains: lines(listText.ownDomains),
      ignoreList: lines(listText.ignoreList),
    };
    const problems = settingsErrors(candidate);
    if (problems.length) {
      setErrors(problems);
      return;
    }
    try {
      // The style note is learnt in the side panel meanwhile: this page never writes back its copy.
      const next = await saveSettings(db, { ...candidate, draftStyle: undefined }, { now: now() });
      setDraft(structuredClone(next));
      setListText({
        ownAddresses: next.ownAddresses.join('\n'),
        ownDomains: next.ownDomains.join('\n'),
        ignoreList: next.ignoreList.join('\n'),
      });
      setErrors([]);
      setSaved(true);
    } catch (error) {
      setErrors([error instanceof Error ? error.message : String(error)]);
    }
  }

  return (
    <form
      className="settings"
      aria-label="Settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <CadenceEditor cadence={draft.cadence} onChange={(cadence) => update({ cadence })} />
      <Fieldset legend="Rules">
        {numberField('nosThreshold', 'Nos before closing', 1, 20)}
        {numberField('daysAfterNo', 'Days after a no', 0, 365)}
        {numberField('burstEndsAfterDay', 'Early burst ends after day', 0, 366)}
        {numberField('minDaysBetweenTouches', 'Days between touches after the burst', 0, 365)}
        {numberField('nurtureEveryDays', 'Nurture every (days)', 1, 365)}
        {checkbox('skipWeekends', 'Skip weekends')}
      </Fieldset>
      <Fieldset legend="Reminders">
        <label>
          Daily reminder time
          <input
            type="time"
            value={draft.notifyAt}
            onChange={(event) => update({ notifyAt: event.target.value })}
          />
        </label>
        {checkbox('notifyOnWeekends', 'Remind on weekends')}
        {numberField('notificationCap', 'Notifications per day', 0, 100)}
        <label className="check">
          <input
            type="checkbox"
            checked={draft.quietHours !== null}
            onChange={(event) =>
              update({ quietHours: event.target.checked ? { start: '19:00', end: '08:00' } : null })
            }
          />
          Quiet hours
        </label>
        {draft.quietHours && (
          <>
            <label>
              Quiet from
              <input
                type="time"
                value={draft.quietHours.start}
                onChange={(event) =>
                  update({ quietHours: { ...draft.quietHours!, start: event.target.value } })
                }
              />
            </label>
            <label>
              Quiet until
              <input
                type="time"
                value={draft.quietHours.end}
                onChange={(event) =>
                  update({ quietHours: { ...draft.quietHours!, end: event.target.value } })
                }
              />
            </label>
          </>
        )}
      </Fieldset>
      <Fieldset legend="Whose mail is whose">
        <LearnedAddresses
          ownAddresses={stored.ownAddresses}
          onRemoved={(entry) =>
            // Gone from the settings already (the background saved them): the draft follows, so
            // saving the form later does not bring it back.
            setListText((current) => ({
              ...current,
              ownAddresses: lines(current.ownAddresses)
                .filter((line) => line.toLowerCase() !== entry.email)
                .join('\n'),
              ownDomains: lines(current.ownDomains)
                .filter((line) => !entry.domains.includes(line.toLowerCase()))
                .join('\n'),
            }))
          }
        />
        {(
          [
            ['ownAddresses', 'Your addresses (one a line)'],
            ['ownDomains', 'Your domains (one a line)'],
            ['ignoreList', 'Ignore list: addresses or domains (one a line)'],
          ] as [ListKey, string][]
        ).map(([key, label]) => (
          <label key={key}>
            {label}
            <textarea
              rows={3}
              value={listText[key]}
              onChange={(event) => {
                setSaved(false);
                setListText((current) => ({ ...current, [key]: event.target.value }));
              }}
            />
          </label>
        ))}
      </Fieldset>
      <Fieldset legend="Tracking">
        {checkbox('trackCc', 'Track people in Cc')}
        {checkbox('showOnLinkedIn', 'Show Fifth Touch on LinkedIn pages')}
        <p className="muted">
          With LinkedIn overlays off, sends are still recorded; the side panel shows the status.
        </p>
      </Fieldset>
      <Fieldset legend="Drafts">
        {checkbox('drafting', 'Draft follow-ups in the side panel')}
        <p className="muted">
          Drafts are written on this computer by the browser’s built-in model where it has one, else
          filled from the angle’s template. Nothing is sent anywhere.
        </p>
      </Fieldset>
      <AngleLibrary draft={draft} onChange={update} />
      {errors.length > 0 && (
        <div className="error" role="alert">
          <ul>
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="row-actions save-bar">
        <button type="submit">Save settings</button>
        {saved && <span role="status">Saved.</span>}
      </div>
    </form>
  );
}

function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="stack">{children}</div>
    </fieldset>
  );
}

function CadenceEditor({
  cadence,
  onChange,
}: {
  cadence: Settings['cadence'];
  onChange: (cadence: Settings['cadence']) => void;
}) {
  const setStep = (index: number, step: Settings['cadence'][number]) =>
    onChange(cadence.map((current, i) => (i === index ? step : current)));
  return (
    <fieldset>
      <legend>Cadence</legend>
      <ol className="plain-list cadence-steps">
        {cadence.map((step, index) => (
          <li key={index} aria-label={`Step ${index + 1}`}>
            <label>
              Day
              <input
                type="number"
                min={1}
                max={366}
                aria-label={`Step ${index + 1} day`}
                value={Number.isFinite(step.day) ? step.day : ''}
                onChange={(event) => setStep(index, { ...step, day: event.target.valueAsNumber })}
              />
            </label>
            <span className="channel-choices">
              {CHANNELS.map((channel: Channel) => (
                <label key={channel} className="check">
                  <input
                    type="checkbox"
                    aria-label={`Step ${index + 1} ${CHANNEL_LABELS[channel]}`}
                    checked={step.channels.includes(channel)}
                    onChange={(event) =>
                      setStep(index, {
                        ...step,
                        channels: event.target.checked
                          ? CHANNELS.filter((c) => c === channel || step.channels.includes(c))
                          : step.channels.filter((c) => c !== channel),
                      })
                    }
                  />
                  {CHANNEL_LABELS[channel]}
                </label>
              ))}
            </span>
            <button
              type="button"
              aria-label={`Remove step ${index + 1}`}
              onClick={() => onChange(cadence.filter((_, i) => i !== index))}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() =>
          onChange([
            ...cadence,
            { day: (cadence[cadence.length - 1]?.day ?? 0) + 7, channels: ['email'] },
          ])
        }
      >
        Add a step
      </button>
    </fieldset>
  );
}

function AngleLibrary({
  draft,
  onChange,
}: {
  draft: Settings;
  onChange: (patch: Partial<Settings>) => void;
}) {
  const [newLabel, setNewLabel] = useState('');
  const [newTemplate, setNewTemplate] = useState('');
  const angles = listAngles(draft, { includeDisabled: true });
  const disabled = new Set(draft.disabledAngles);
  const builtInTemplates = new Map(BUILT_IN_ANGLES.map((angle) => [angle.id, angle.template]));

  function setTemplate(id: string, template: string) {
    if (builtInTemplates.has(id)) {
      const angleTemplates = { ...draft.angleTemplates };
      // An emptied template is kept while typing; the chooser falls back to the built-in one.
      if (template === builtInTemplates.get(id)) delete angleTemplates[id];
      else angleTemplates[id] = template;
      onChange({ angleTemplates });
    } else {
      onChange({
        customAngles: draft.customAngles.map((angle) =>
          angle.id === id ? { ...angle, template } : angle,
        ),
      });
    }
  }

  function addAngle() {
    const label = newLabel.trim();
    if (!label) return;
    const base =
      label
        .toLocaleLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .slice(0, 60) || 'angle';
    const taken = new Set(angles.map((angle) => angle.id));
    let id = `custom-${base}`;
    for (let n = 2; taken.has(id); n += 1) id = `custom-${base}-${n}`;
    onChange({
      customAngles: [
        ...draft.customAngles,
        { id, label, prompt: '', template: newTemplate, channels: ['email', 'linkedin'] },
      ],
    });
    setNewLabel('');
    setNewTemplate('');
  }

  return (
    <fieldset>
      <legend>Angles</legend>
      <p className="muted">
        Placeholders: {'{firstName}'}, {'{name}'}, {'{company}'}, {'{lastSubject}'}, {'{myName}'},{' '}
        {'{daysSinceLastTouch}'}.
      </p>
      <ul className="plain-list angle-list">
        {angles.map((angle) => (
          <li key={angle.id} className="angle-item">
            <label className="check">
              <input
                type="checkbox"
                checked={!disabled.has(angle.id)}
                onChange={(event) =>
                  onChange({
                    disabledAngles: event.target.checked
                      ? draft.disabledAngles.filter((id) => id !== angle.id)
                      : [...draft.disabledAngles, angle.id],
                  })
                }
              />
              {angle.label}
              {!angle.builtIn && <span className="muted"> (yours)</span>}
            </label>
            <label>
              Template for {angle.label}
              <textarea
                rows={3}
                value={
                  angle.builtIn && Object.hasOwn(draft.angleTemplates, angle.id)
                    ? draft.angleTemplates[angle.id]
                    : angle.template
                }
                onChange={(event) => setTemplate(angle.id, event.target.value)}
              />
            </label>
          </li>
        ))}
      </ul>
      <div className="stack">
        <label>
          New angle name
          <input value={newLabel} maxLength={100} onChange={(e) => setNewLabel(e.target.value)} />
        </label>
        <label>
          New angle template
          <textarea rows={3} value={newTemplate} onChange={(e) => setNewTemplate(e.target.value)} />
        </label>
        <button type="button" disabled={!newLabel.trim()} onClick={addAngle}>
          Add angle
        </button>
      </div>
    </fieldset>
  );
}
