// The first-run welcome (side panel and options page): the rep's own name and addresses (suggested
// from what Gmail showed, editable), what Fifth Touch tracks and how to leave a thread out, that
// nothing leaves the browser, and that the due-today count is seen only with the icon pinned (said
// live where the browser tells). Skippable; the options page opens it again.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { getSettings } from '../../lib/db/queries';
import { saveSettings } from '../../lib/db/writes';
import type { Settings } from '../../lib/model';
import { ACCOUNT_NAME_KEY } from '../../lib/own-addresses';
import { useEnv } from '../env';
import { settingsProblems, type SettingsProblem } from '../options/settings-errors';
import { watchToolbarPin, type PinState, type PinWatcher } from './pin';

/** The name Gmail's account menu showed, kept by the background; undefined when none. */
async function readAccountName(): Promise<string | undefined> {
  try {
    const stored = await browser.storage.local.get(ACCOUNT_NAME_KEY);
    const name = stored[ACCOUNT_NAME_KEY];
    return typeof name === 'string' && name.trim() ? name.trim().slice(0, 100) : undefined;
  } catch {
    return undefined;
  }
}

export function Welcome({
  onClose,
  watchPin = watchToolbarPin,
}: {
  /** After saving or skipping. */
  onClose: () => void;
  watchPin?: PinWatcher;
}) {
  const { db } = useEnv();
  const settings = useLiveQuery(() => getSettings(db), [db]);
  const [accountName, setAccountName] = useState<string | undefined | null>(null);
  useEffect(() => {
    let live = true;
    void readAccountName().then((name) => live && setAccountName(name));
    return () => {
      live = false;
    };
  }, []);
  if (!settings || accountName === null) return <p className="muted">Loading…</p>;
  return (
    <WelcomeForm
      settings={settings}
      accountName={accountName}
      onClose={onClose}
      watchPin={watchPin}
    />
  );
}

function WelcomeForm({
  settings,
  accountName,
  onClose,
  watchPin,
}: {
  settings: Settings;
  accountName: string | undefined;
  onClose: () => void;
  watchPin: PinWatcher;
}) {
  const { db, now } = useEnv();
  const [name, setName] = useState(settings.myName || accountName || '');
  const [addresses, setAddresses] = useState(settings.ownAddresses.join('\n'));
  const [problems, setProblems] = useState<SettingsProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [pin, setPin] = useState<PinState>('unknown');
  useEffect(() => watchPin(setPin), [watchPin]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function finish(onboarding: 'done' | 'skipped', event?: FormEvent) {
    event?.preventDefault();
    const patch =
      onboarding === 'done'
        ? {
            myName: name.trim(),
            ownAddresses: addresses
              .split(/[\n,;]+/)
              .map((line) => line.trim())
              .filter(Boolean),
            onboarding,
          }
        : { onboarding };
    const found = settingsProblems(patch);
    setProblems(found);
    if (found.length) return;
    try {
      await saveSettings(db, patch, { now: now() });
      onClose();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }
  const problemOf = (field: keyof Settings) =>
    problems.filter((p) => p.field === field).map((p) => p.message);

  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title" tabIndex={-1} ref={heading}>
        Welcome to Fifth Touch
      </h2>
      <p>Two minutes now, and every follow-up after this is remembered for you.</p>
      <form className="stack" noValidate onSubmit={(event) => void finish('done', event)}>
        <div className="field">
          <label>
            Your name, as you sign your emails
            <input
              value={name}
              maxLength={100}
              autoComplete="name"
              aria-describedby="welcome-name-help"
              aria-invalid={problemOf('myName').length ? true : undefined}
              onChange={(event) => setName(event.target.value)}
            />
          </label>
          <p className="help muted" id="welcome-name-help">
            {accountName && name === accountName
              ? 'As Gmail shows it; change it if you sign differently. '
              : ''}
            Every draft ends with it ({'{myName}'}).
          </p>
          {problemOf('myName').map((message) => (
            <p key={message} className="field-error">
              {message}
            </p>
          ))}
        </div>
        <div className="field">
          <label>
            Addresses you send from (one a line)
            <textarea
              rows={2}
              value={addresses}
              aria-describedby="welcome-addresses-help"
              aria-invalid={problemOf('ownAddresses').length ? true : undefined}
              onChange={(event) => setAddresses(event.target.value)}
            />
          </label>
          <p className="help muted" id="welcome-addresses-help">
            {settings.ownAddresses.length
              ? 'Filled in from the Gmail account you are signed in to. '
              : 'Open Gmail once and the signed-in address is filled in. '}
            Mail from these is yours: never a prospect, never a reply.
          </p>
          {problemOf('ownAddresses').map((message) => (
            <p key={message} className="field-error">
              {message}
            </p>
          ))}
        </div>
        <h3>What is tracked</h3>
        <ul className="welcome-facts">
          <li>
            Every email you send in Gmail and every LinkedIn message or invitation: who it went to,
            when, and the subject line. Never the text of a message.
          </li>
          <li>
            To leave a thread out, press <strong>Not a prospect</strong> in Fifth Touch’s bar above
            it; to leave a whole company out, add its domain to the ignore list in Settings.
          </li>
          <li>
            Everything stays in this browser: no server, no account, no tracking pixels, nothing
            sent anywhere.
          </li>
        </ul>
        <h3>The toolbar icon</h3>
        <p className={`pin pin-${pin}`} role="status">
          {pin === 'pinned'
            ? 'Pinned: the number on the orange “5” is what is due today.'
            : pin === 'unpinned'
              ? 'Not pinned yet: the count of what is due today shows only on a pinned icon. Click the puzzle piece in the toolbar, then the pin beside Fifth Touch.'
              : 'The count of what is due today shows on the toolbar icon only when it is pinned: click the puzzle piece (Extensions) in the toolbar, then the pin beside Fifth Touch.'}
        </p>
        {failure && (
          <p className="field-error" role="alert">
            Not saved: {failure}
          </p>
        )}
        <div className="row-actions">
          <button type="submit">Save and start</button>
          <button type="button" onClick={() => void finish('skipped')}>
            Skip for now
          </button>
        </div>
        <p className="help muted">You can open this again from Settings.</p>
      </form>
    </section>
  );
}
