// One draft, from whichever writer this browser has: the on-device model when the Prompt API says
// it can run (it may download first), else the angle's template. The answer says which was used
// and why, so the panel can tell the rep.
import type { DraftFacts } from './facts';
import { enforceLimits, LINKEDIN_MAX_CHARS, parseDraftText, type Draft } from './limits';
import {
  modelAvailability,
  promptOnDevice,
  type LanguageModelApi,
  type ModelAvailability,
} from './on-device';
import { buildDraftPrompt, type DraftAngle } from './prompt';
import type { StyleNote } from './style';
import { draftSubjectOf, templateDraft, type TemplateAngle } from './template';

/** Why the template was used instead of the model. */
export type TemplateReason = 'no-api' | 'unavailable' | 'failed' | 'empty';

export type DraftSource =
  | { kind: 'model'; availability: ModelAvailability }
  | { kind: 'template'; reason: TemplateReason; error?: string };

export interface WrittenDraft {
  draft: Draft;
  source: DraftSource;
  /** The writer's text was cut to the channel's limit. */
  trimmed: boolean;
  /** What the model was given (absent for a template). */
  prompt?: { system: string; request: string };
}

export interface WriteDraftOptions {
  /** `LanguageModel` of the page, or null where the browser has none. */
  api: LanguageModelApi | null;
  facts: DraftFacts;
  angle: DraftAngle & TemplateAngle;
  style: StyleNote | null;
  /** The rep's name from Settings, signing a template draft when no learnt closing does. */
  myName?: string;
  signal: AbortSignal;
  onDownload?: (loaded: number) => void;
  onText?: (text: string) => void;
  /** Told once the availability is known, before any create(). */
  onAvailability?: (availability: ModelAvailability) => void;
}

export class DraftCancelledError extends Error {
  override name = 'DraftCancelledError';
}

export async function writeDraft(options: WriteDraftOptions): Promise<WrittenDraft> {
  const { api, facts, angle, style, signal } = options;
  const fromTemplate = (reason: TemplateReason, error?: string): WrittenDraft => ({
    ...templateDraft(angle, facts, style, options.myName),
    source: { kind: 'template', reason, ...(error ? { error } : {}) },
  });
  if (!api) return fromTemplate('no-api');
  const availability = await modelAvailability(api);
  options.onAvailability?.(availability);
  if (availability === 'unavailable') return fromTemplate('unavailable');

  const prompt = buildDraftPrompt({ facts, angle, style });
  let raw: string;
  try {
    raw = await promptOnDevice({
      api,
      system: prompt.system,
      request: prompt.request,
      signal,
      onDownload: options.onDownload,
      onText: options.onText,
      // Far past any limit: the rest would be cut anyway.
      maxChars: facts.channel === 'email' ? 4000 : LINKEDIN_MAX_CHARS * 4,
    });
  } catch (error) {
    if (signal.aborted) throw new DraftCancelledError('The draft was cancelled');
    return fromTemplate('failed', error instanceof Error ? error.message : String(error));
  }
  const parsed = parseDraftText(raw, facts.channel);
  if (parsed.body === '') return fromTemplate('empty');
  const limited = enforceLimits(parsed, facts.channel, draftSubjectOf(facts, angle.label));
  return { ...limited, source: { kind: 'model', availability }, prompt };
}

/** The panel's one line on which writer was used. */
export function describeSource(source: DraftSource, angleLabel: string): string {
  if (source.kind === 'model') {
    return 'Written on this device by the browser’s built-in model; nothing left this computer.';
  }
  const why: Record<TemplateReason, string> = {
    'no-api': 'this browser has no built-in model',
    unavailable: 'the built-in model is not available on this device',
    failed: 'the built-in model failed',
    empty: 'the built-in model gave no text',
  };
  return `Filled from the ${angleLabel} template: ${why[source.reason]}.`;
}
