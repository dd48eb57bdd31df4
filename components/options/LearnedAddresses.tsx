// The addresses Fifth Touch learnt as the rep's own by itself (Gmail's account menu at load, the
// From of a confirmed send of theirs), each with the company domain it taught, and a Remove button:
// a wrong one would switch tracking off for a whole company. A removed one is never learnt again.
// Read from storage.local, where the background keeps the record (lib/own-addresses.ts).
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../lib/messages';
import {
  LEARNED_OWN_KEY,
  parseLearnedOwnRecord,
  type LearnedOwnAddress,
} from '../../lib/own-addresses';

const SOURCE_WORDS: Record<LearnedOwnAddress['source'], string> = {
  account: "Gmail's account menu",
  send: 'one of your sends',
};

export function LearnedAddresses({
  ownAddresses,
  onRemoved,
}: {
  /** The addresses the settings hold now: a learnt one removed by hand is not listed. */
  ownAddresses: readonly string[];
  onRemoved(entry: LearnedOwnAddress): void;
}) {
  const [learned, setLearned] = useState<LearnedOwnAddress[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const read = () =>
      browser.storage.local
        .get(LEARNED_OWN_KEY)
        .then((stored) => {
          if (live) setLearned(parseLearnedOwnRecord(stored[LEARNED_OWN_KEY]).learned);
        })
        .catch(() => undefined);
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && LEARNED_OWN_KEY in changes) void read();
    };
    void read();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  const shown = learned.filter((entry) => ownAddresses.includes(entry.email));
  if (shown.length === 0) return null;

  async function remove(entry: LearnedOwnAddress) {
    setError(null);
    try {
      await sendMessage('forgetOwnAddress', { email: entry.email });
      setLearned((current) => current.filter((item) => item.email !== entry.email));
      onRemoved(entry);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <div className="learned-addresses">
      <p className="muted">
        Learnt by Fifth Touch as yours. Sends to your addresses and domains are never tracked, so
        remove any that is not yours:
      </p>
      <ul aria-label="Addresses learnt as yours" className="plain-list">
        {shown.map((entry) => (
          <li key={entry.email}>
            <span>
              {entry.email}
              {entry.domains.length > 0 ? ` (and the domain ${entry.domains.join(', ')})` : ''},
              from {SOURCE_WORDS[entry.source]}
            </span>{' '}
            <button
              type="button"
              aria-label={`Remove ${entry.email}`}
              onClick={() => void remove(entry)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
