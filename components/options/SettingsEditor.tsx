// The options page's settings editor: your name, the cadence, its rules, reminders, whose addresses
// are yours or ignored, tracking switches and the angle library. Each field says in one line what it
// does; saved through saveSettings only when the whole draft is valid, every problem said in plain
// words beside its field; leaving with unsaved changes asks first.
import { useLiveQuery } from 'dexie-react-hooks';
import { useLayoutEffect, useState, type ReactNode } from 'react';
import { listAngles } from '../../lib/angles/choose';
import { BUILT_IN_ANGLES } from '../../lib/angles/library';
import { getSettings } from '../../lib/db/queries';
import { saveSettings } from '../../lib/db/writes';
import { CHANNELS, type Channel, type Settings } from '../../lib/model';
import { useEnv } from '../env';
import { CHANNEL_LABELS } from '../format';
import { LearnedAddresses } from './LearnedAddresses';
import { FIELD_NAMES, settingsProblems, type SettingsProblem } from './settings-errors';

type Draft = Settings;
type NumberKey = {
  [K in keyof Settings]: Settings[K] extends number ? K : never;
}[keyof Settings];
type BooleanKey = {
  [K in keyof Settings]: Settings[K] extends boolean ? K : never;
}[keyof Settings];
type ListKey = 'ownAddresses' | 'ownDomains' | 'ignoreList';

/** One line under each field: what it does. */
const HELP: Partial<Record<keyof Settings, string>> = {
  myName: 'Signs every draft ({myName}); drafts say so until it is set.',
  cadence: 'Which channels each touch uses, counted in days from the first touch.',
  nosThreshold: 'A “no” means “not now” until this many; then the lead is closed.',
  daysAfterNo: 'After a “no”, the next touch waits at least this many days.',
  burstEndsAfterDay: 'Until this cadence day touches may come close together.',
  minDaysBetweenTouches: 'After the early burst, touches are at least this many days apart.',
  nurtureEveryDays: 'Once the cadence is done, a nurture email this often.',
  skipWeekends: 'Due days that fall on a weekend move to Monday.',
  notifyAt: 'When the daily reminder of what is due comes.',
  notifyOnWeekends: 'Also remind on Saturdays and Sundays.',
  notificationCap: 'At most this many notifications a day (0: none).',
  quietHours: 'No notifications between these times.',
  ownAddresses: 'Mail from these is yours: never a prospect, never a reply.',
  ownDomains: 'Mail to these domains is internal and never tracked.',
  ignoreList: 'Sends to these addresses or domains are never tracked.',
  trackCc: 'Also track people you copy, not only those you write to.',
  showOnLinkedIn: 'The card on profiles and the bar in conversations.',
};

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
  const [problems, setProblems] = useState<SettingsProblem[]>([]);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // The stored settings the draft started from: what "unsaved" is measured against.
  const [base, setBase] = useState<Settings>(stored);
  const load = (next: Settings) => {
    setBase(next);
    setDraft(structuredClone(next));
    setListText({
      ownAddresses: next.ownAddresses.join('\n'),
      ownDomains: next.ownDomains.join('\n'),
      ignoreList: next.ignoreList.join('\n'),
    });
  };

  const candidate: Settings = {
    ...draft,
    ownAddresses: lines(listText.ownAddresses),
    ownDomains: lines(listText.ownDomains),
    ignoreList: lines(listText.ignoreList),
  };
  const unsaved = JSON.stringify(candidate) !== JSON.stringify(base);
  // Saved elsewhere meanwhile (the welcome, an address learnt in Gmail): an untouched form follows;
  // one with the rep's edits keeps them.
  const storedText = JSON.stringify(stored);
  const [seenStored, setSeenStored] = useState(storedText);
  if (seenStored !== storedText) {
    // Adjusted while rendering (React's pattern for state that follows a prop), not in an effect.
    setSeenStored(storedText);
    if (!unsaved) load(stored);
  }
  // A layout effect, run as the form is committed: the moment "Saved." shows, leaving no longer
  // asks (a passive effect could leave the old listener a moment longer).
  useLayoutEffect(() => {
    if (!unsaved) return;
    // The browser asks before the page is closed or left with changes not saved.
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    addEventListener('beforeunload', ask);
    return () => removeEventListener('beforeunload', ask);
  }, [unsaved]);

  const update = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, ...patch }));
  };
  const notes = (key: keyof Settings) => (
    <FieldNotes field={key} help={HELP[key]} problems={problems} />
  );
  const described = (key: keyof Settings) => ({
    'aria-describedby':
      [HELP[key] ? `help-${key}` : '', problemsFor(problems, key).length ? `problem-${key}` : '']
        .filter(Boolean)
        .join(' ') || undefined,
    'aria-invalid': problemsFor(problems, key).length ? true : undefined,
  });
  const numberField = (key: NumberKey, label: string, min = 0, max = 366) => (
    <div className="field" data-field={key}>
      <label>
        {label}
        <input
          type="number"
          min={min}
          max={max}
          value={Number.isFinite(draft[key]) ? draft[key] : ''}
          {...described(key)}
          onChange={(event) => update({ [key]: event.target.valueAsNumber } as Partial<Draft>)}
        />
      </label>
      {notes(key)}
    </div>
  );
  const checkbox = (key: BooleanKey, label: string) => (
    <div className="field" data-field={key}>
      <label className="check">
        <input
          type="checkbox"
          checked={draft[key]}
          {...described(key)}
          onChange={(event) => update({ [key]: event.target.checked } as Partial<Draft>)}
        />
        {label}
      </label>
      {notes(key)}
    </div>
  );

  async function save() {
    const found = settingsProblems(candidate);
    setProblems(found);
    setSaveError(null);
    if (found.length) {
      // Take the rep to the first field that needs them.
      const first = found[0]!.field;
      requestAnimationFrame(() =>
        document
          .querySelector<HTMLElement>(
            `[data-field="${first}"] [aria-invalid="true"], [data-field="${first}"] input, [data-field="${first}"] textarea`,
          )
          ?.focus(),
      );
      return;
    }
    try {
      // The style note is learnt in the side panel meanwhile: this page never writes back its copy.
      const next = await saveSettings(db, { ...candidate, draftStyle: undefined }, { now: now() });
      load(next);
      setSaved(true);
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <form
      className="settings"
      noValidate
      aria-label="Settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Fieldset legend="You">
        <div className="field" data-field="myName">
          <label>
            Your name
            <input
              value={draft.myName}
              maxLength={100}
              autoComplete="name"
              {...described('myName')}
              onChange={(event) => update({ myName: event.target.value })}
            />
          </label>
          {notes('myName')}
        </div>
      </Fieldset>
      <div data-field="cadence">
        <CadenceEditor cadence={draft.cadence} onChange={(cadence) => update({ cadence })} />
        {notes('cadence')}
      </div>
      <Fieldset legend="Rules">
        {numberField('nosThreshold', 'Nos before closing', 1, 20)}
        {numberField('daysAfterNo', 'Days after a no', 0, 365)}
        {numberField('burstEndsAfterDay', 'Early burst ends after day', 0, 366)}
        {numberField('minDaysBetweenTouches', 'Days between touches after the burst', 0, 365)}
        {numberField('nurtureEveryDays', 'Nurture every (days)', 1, 365)}
        {checkbox('skipWeekends', 'Skip weekends')}
      </Fieldset>
      <Fieldset legend="Reminders">
        <div className="field" data-field="notifyAt">
          <label>
            Daily reminder time
            <input
              type="time"
              value={draft.notifyAt}
              {...described('notifyAt')}
              onChange={(event) => update({ notifyAt: event.target.value })}
            />
          </label>
          {notes('notifyAt')}
        </div>
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
        {notes('quietHours')}
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
          <div className="field" data-field={key} key={key}>
            <label>
              {label}
              <textarea
                rows={3}
                value={listText[key]}
                {...described(key)}
                onChange={(event) => {
                  setSaved(false);
                  setListText((current) => ({ ...current, [key]: event.target.value }));
                }}
              />
            </label>
            {notes(key)}
          </div>
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
      <div className="row-actions save-bar">
        <button type="submit">Save settings</button>
        {saved && !unsaved && <span role="status">Saved.</span>}
        {unsaved && !problems.length && <span className="muted">Unsaved changes</span>}
        {problems.length > 0 && (
          <span className="field-error" role="alert">
            Not saved:{' '}
            {problems.length === 1 ? 'one field needs' : `${problems.length} fields need`} a change
            ({[...new Set(problems.map((p) => FIELD_NAMES[p.field]))].join(', ')}).
          </span>
        )}
        {saveError && (
          <span className="field-error" role="alert">
            Not saved: {saveError}
          </span>
        )}
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

function problemsFor(problems: SettingsProblem[], field: keyof Settings): SettingsProblem[] {
  return problems.filter((problem) => problem.field === field);
}

/** The field's one-line help, and its problems in plain words right under it. */
function FieldNotes({
  field,
  help,
  problems,
}: {
  field: keyof Settings;
  help?: string;
  problems: SettingsProblem[];
}) {
  const own = problemsFor(problems, field);
  return (
    <>
      {help && (
        <p className="help muted" id={`help-${field}`}>
          {help}
        </p>
      )}
      {own.length > 0 && (
        <ul className="field-error plain-list" id={`problem-${field}`}>
          {own.map((problem) => (
            <li key={problem.message}>{problem.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}
