import { describe, expect, test } from 'vitest';
import { draftFactsOf } from './facts';
import { countWords, EMAIL_MAX_WORDS } from './limits';
import type { LanguageModelApi, LanguageModelCreateOptions } from './on-device';
import { DraftCancelledError, describeSource, writeDraft } from './write';
import { BUILT_IN_ANGLES } from '../angles/library';

const angle = BUILT_IN_ANGLES.find((a) => a.id === 'case-study')!;
const facts = draftFactsOf(
  { name: 'Jane Doe', company: 'Acme', nextStep: 2, totalSteps: 9 },
  [{ direction: 'out', channel: 'email', summary: 'Renewal numbers' }],
  'email',
);

/** A Prompt API stand-in: answers `availability`, records what it was given, streams `chunks`. */
function standIn(availability: string, chunks: string[], options: { failCreate?: boolean } = {}) {
  const seen: { created?: LanguageModelCreateOptions; prompts: string[]; destroyed: number } = {
    prompts: [],
    destroyed: 0,
  };
  const api: LanguageModelApi = {
    availability: () => Promise.resolve(availability),
    create(created) {
      if (options.failCreate) return Promise.reject(new Error('NotAllowedError'));
      seen.created = created;
      created.monitor?.({
        addEventListener: (_type, listener) => {
          listener({ loaded: 0 });
          listener({ loaded: 1 });
        },
      });
      return Promise.resolve({
        promptStreaming(input: string, opts?: { signal?: AbortSignal }) {
          seen.prompts.push(input);
          return new ReadableStream<string>({
            async pull(controller) {
              const next = chunks.shift();
              await new Promise((resolve) => setTimeout(resolve, 1));
              if (opts?.signal?.aborted) controller.error(opts.signal.reason);
              else if (next === undefined) controller.close();
              else controller.enqueue(next);
            },
          });
        },
        destroy: () => {
          seen.destroyed += 1;
        },
      });
    },
  };
  return { api, seen };
}

describe('writing a draft', () => {
  test('with a model: the prompt, the stream, the progress and the limits; the session is destroyed', async () => {
    const long = `Subject: Acme and [Customer]\n\nHi Jane,\n\n${'A short line of proof. '.repeat(40)}\n\nBest,\nSam`;
    const { api, seen } = standIn('downloadable', long.match(/.{1,15}/gs)!);
    const texts: string[] = [];
    const progress: number[] = [];
    const written = await writeDraft({
      api,
      facts,
      angle,
      style: null,
      signal: new AbortController().signal,
      onText: (text) => texts.push(text),
      onDownload: (loaded) => progress.push(loaded),
    });
    expect(written.source).toEqual({ kind: 'model', availability: 'downloadable' });
    expect(written.trimmed).toBe(true);
    expect(written.draft.subject).toBe('Acme and [Customer]');
    expect(countWords(written.draft.body)).toBeLessThanOrEqual(EMAIL_MAX_WORDS);
    expect(written.draft.body.endsWith('Best,\nSam')).toBe(true);
    expect(progress).toEqual([0, 1]);
    expect(texts.length).toBeGreaterThan(10);
    expect(seen.created!.initialPrompts).toEqual([
      { role: 'system', content: written.prompt!.system },
    ]);
    expect(seen.prompts).toEqual([written.prompt!.request]);
    expect(seen.destroyed).toBe(1);
    expect(describeSource(written.source, angle.label)).toContain('on this device');
  });

  test('cancelled mid-stream: a DraftCancelledError, the session destroyed', async () => {
    const { api, seen } = standIn(
      'available',
      Array.from({ length: 100 }, () => 'word '),
    );
    const controller = new AbortController();
    const run = writeDraft({
      api,
      facts,
      angle,
      style: null,
      signal: controller.signal,
      onText: (text) => {
        if (text.length > 20) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(DraftCancelledError);
    expect(seen.destroyed).toBe(1);
  });

  test('no API, an unavailable model, a failing model or an empty answer: the template, with the reason', async () => {
    const signal = new AbortController().signal;
    const none = await writeDraft({ api: null, facts, angle, style: null, signal });
    expect(none.source).toEqual({ kind: 'template', reason: 'no-api' });
    expect(none.draft.body).toContain('a team much like Acme');
    expect(none.prompt).toBeUndefined();

    const unavailable = standIn('unavailable', ['never']);
    const off = await writeDraft({ api: unavailable.api, facts, angle, style: null, signal });
    expect(off.source).toEqual({ kind: 'template', reason: 'unavailable' });
    expect(unavailable.seen.created).toBeUndefined();
    expect(describeSource(off.source, angle.label)).toBe(
      'Filled from the Case study template: the built-in model is not available on this device.',
    );

    const disabled = await writeDraft({
      api: standIn('disabled', []).api,
      facts,
      angle,
      style: null,
      signal,
    });
    expect(disabled.source).toMatchObject({ reason: 'unavailable' });

    const failing = await writeDraft({
      api: standIn('available', [], { failCreate: true }).api,
      facts,
      angle,
      style: null,
      signal,
    });
    expect(failing.source).toEqual({
      kind: 'template',
      reason: 'failed',
      error: 'NotAllowedError',
    });

    const empty = await writeDraft({
      api: standIn('available', ['  ']).api,
      facts,
      angle,
      style: null,
      signal,
    });
    expect(empty.source).toEqual({ kind: 'template', reason: 'empty' });
  });
});
