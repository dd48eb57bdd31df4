// The rep's own style, learnt from how they edit drafts: the tone they write in, how long their
// emails are and how they sign off. Kept in the local settings only, and told to later prompts (and
// used to sign templates) so drafts start closer to what the rep would have written.
import * as v from 'valibot';
import { plain } from '../angles/fill';
import { countWords } from './limits';
import type { DraftChannel } from './channel';

export const TONES = ['casual', 'neutral', 'formal'] as const;
export type Tone = (typeof TONES)[number];

export interface StyleNote {
  tone: Tone;
  /** The usual length of the rep's emails, in words (a running average of their edits). */
  emailWords: number | null;
  /** The closing they use, as lines ("Cheers,", "Sam"). */
  signOff: string[];
  /** How many edited drafts taught it. */
  samples: number;
}

export const styleNoteSchema = v.strictObject({
  tone: v.picklist(TONES),
  emailWords: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
  signOff: v.pipe(v.array(v.pipe(v.string(), v.maxLength(80))), v.maxLength(2)),
  samples: v.pipe(v.number(), v.integer(), v.minValue(0)),
}) satisfies v.GenericSchema<unknown, StyleNote>;

/** Later edits count more: a running average over about this many drafts. */
const MEMORY = 5;

const SIGN_OFF_LINE =
  /^(?:thanks|thank you|many thanks|best|best regards|kind regards|warm regards|warmly|regards|cheers|all the best|talk soon|speak soon|sincerely|yours|thanks again|with thanks)[\s,.!—–-]*$/iu;
const CONTRACTION = /\b\p{L}+['’](?:s|re|ll|ve|d|m|t)\b/giu;
const FORMAL_MARK =
  /\b(?:dear|kind regards|sincerely|would you be available|i would|please find)\b/giu;
const CASUAL_MARK = /(?:^|\n)\s*(?:hey|hiya)\b|!|\b(?:cheers|thx|quick one|no worries)\b/giu;

/**
 * The note after the rep turned `drafted` into `edited`. An unedited draft teaches nothing (the
 * same note comes back); an empty edit too.
 */
export function learnStyle(
  previous: StyleNote | null,
  { drafted, edited, channel }: { drafted: string; edited: string; channel: DraftChannel },
): StyleNote | null {
  const before = drafted.trim();
  const after = edited.trim();
  if (after === '' || after === before) return previous;
  const signOff = signOffOf(after);
  const tone = toneOf(after);
  const samples = (previous?.samples ?? 0) + 1;
  let emailWords = previous?.emailWords ?? null;
  if (channel === 'email') {
    const words = countWords(after);
    const weight = Math.min(samples, MEMORY);
    emailWords =
      emailWords === null ? words : Math.round((emailWords * (weight - 1) + words) / weight);
  }
  return {
    tone,
    emailWords: emailWords && emailWords > 0 ? Math.min(emailWords, 1000) : null,
    signOff: signOff ?? previous?.signOff ?? [],
    samples,
  };
}

/** "Cheers,\nSam" at the end of a message, as its lines; null when it has no recognisable closing. */
export function signOffOf(text: string): string[] | null {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const tail = lines.slice(-2);
  if (tail.length === 2 && SIGN_OFF_LINE.test(tail[0]!) && countWords(tail[1]!) <= 4) {
    return [plain(tail[0]), plain(tail[1])];
  }
  const last = tail[tail.length - 1];
  if (last && SIGN_OFF_LINE.test(last)) return [plain(last)];
  return null;
}

export function toneOf(text: string): Tone {
  const words = Math.max(1, countWords(text));
  const contractions = [...text.matchAll(CONTRACTION)].length;
  const formal = [...text.matchAll(FORMAL_MARK)].length;
  const casual = [...text.matchAll(CASUAL_MARK)].length + (contractions / words > 0.04 ? 1 : 0);
  if (formal > casual) return 'formal';
  if (casual > formal) return 'casual';
  return 'neutral';
}

const TONE_WORDS: Record<Tone, string> = {
  casual: 'casual and friendly: contractions, short sentences',
  neutral: 'plain and direct',
  formal: 'formal and polite: full sentences, no slang',
};

/** The note as lines for a prompt; nothing when nothing was learnt yet. */
export function styleLines(note: StyleNote | null, channel: DraftChannel): string[] {
  if (!note || note.samples === 0) return [];
  const lines = [`Tone: ${TONE_WORDS[note.tone]}.`];
  if (channel === 'email' && note.emailWords) {
    lines.push(`Length: about ${note.emailWords} words.`);
  }
  if (note.signOff.length > 0) lines.push(`Sign off with: ${note.signOff.join(' / ')}`);
  return lines;
}

/** The rep's name as their sign-off gives it ("Sam" from "Cheers, / Sam"), for templates. */
export function signatureName(note: StyleNote | null): string {
  return note && note.signOff.length === 2 ? (note.signOff[1] ?? '') : '';
}
