// Chrome's built-in Prompt API (`LanguageModel`, Gemini Nano on the device; Edge ships the same API
// with its own model), behind a small interface so the panel's logic is tested with a stand-in.
// The API object is always passed in, never read at import: this module touches no global.
// Only extension pages call it, and create() only after the rep's click (it may start a download).

export const MODEL_AVAILABILITIES = [
  'unavailable',
  'downloadable',
  'downloading',
  'available',
] as const;
export type ModelAvailability = (typeof MODEL_AVAILABILITIES)[number];

export interface LanguageModelMonitor {
  addEventListener(type: 'downloadprogress', listener: (event: { loaded: number }) => void): void;
}

export interface LanguageModelSession {
  promptStreaming(
    input: string,
    options?: { signal?: AbortSignal },
  ): ReadableStream<string> | AsyncIterable<string>;
  destroy(): void;
}

export interface LanguageModelCreateOptions {
  initialPrompts: { role: 'system' | 'user' | 'assistant'; content: string }[];
  monitor?: (monitor: LanguageModelMonitor) => void;
  signal?: AbortSignal;
  expectedInputs?: { type: 'text'; languages: string[] }[];
  expectedOutputs?: { type: 'text'; languages: string[] }[];
}

export interface LanguageModelApi {
  availability(options?: Partial<LanguageModelCreateOptions>): Promise<string>;
  create(options: LanguageModelCreateOptions): Promise<LanguageModelSession>;
}

/** English in and out, as the drafts are written. */
export const MODEL_LANGUAGES = {
  expectedInputs: [{ type: 'text' as const, languages: ['en'] }],
  expectedOutputs: [{ type: 'text' as const, languages: ['en'] }],
};

/** The `LanguageModel` of a global scope, when it has one that looks like the Prompt API. */
export function findLanguageModel(scope: unknown): LanguageModelApi | null {
  try {
    const api = (scope as { LanguageModel?: unknown } | null)?.LanguageModel;
    if (
      (typeof api === 'function' || (typeof api === 'object' && api !== null)) &&
      typeof (api as LanguageModelApi).availability === 'function' &&
      typeof (api as LanguageModelApi).create === 'function'
    ) {
      return api as LanguageModelApi;
    }
  } catch {
    // A getter that throws is no API.
  }
  return null;
}

/** The API's answer as one of the four states; anything else ("disabled", an error) is unavailable. */
export async function modelAvailability(api: LanguageModelApi | null): Promise<ModelAvailability> {
  if (!api) return 'unavailable';
  try {
    const answer = await api.availability(MODEL_LANGUAGES);
    return (MODEL_AVAILABILITIES as readonly string[]).includes(answer)
      ? (answer as ModelAvailability)
      : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

export interface OnDeviceRun {
  api: LanguageModelApi;
  system: string;
  request: string;
  signal: AbortSignal;
  /** The model's download, 0 → 1, when create() has to fetch it. */
  onDownload?: (loaded: number) => void;
  /** The text so far, after each chunk. */
  onText?: (text: string) => void;
  /** Stop reading once the text is this long (a model running far past the limit). */
  maxChars?: number;
}

/**
 * Writes one answer on the device: a session with the system prompt, the request streamed, the
 * session destroyed whatever happens. Rejects with the signal's reason when cancelled.
 */
export async function promptOnDevice(run: OnDeviceRun): Promise<string> {
  const session = await run.api.create({
    initialPrompts: [{ role: 'system', content: run.system }],
    monitor(monitor) {
      monitor.addEventListener('downloadprogress', (event) => {
        const loaded = Number(event?.loaded);
        if (Number.isFinite(loaded)) run.onDownload?.(Math.min(1, Math.max(0, loaded)));
      });
    },
    signal: run.signal,
    ...MODEL_LANGUAGES,
  });
  try {
    run.signal.throwIfAborted();
    let text = '';
    for await (const chunk of chunksOf(
      session.promptStreaming(run.request, { signal: run.signal }),
    )) {
      run.signal.throwIfAborted();
      text += typeof chunk === 'string' ? chunk : '';
      run.onText?.(text);
      if (run.maxChars !== undefined && text.length > run.maxChars) break;
    }
    run.signal.throwIfAborted();
    return text;
  } finally {
    try {
      session.destroy();
    } catch {
      // Already gone.
    }
  }
}

async function* chunksOf(
  stream: ReadableStream<string> | AsyncIterable<string>,
): AsyncGenerator<string> {
  if (typeof (stream as ReadableStream<string>).getReader === 'function') {
    const reader = (stream as ReadableStream<string>).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      void reader.cancel().catch(() => undefined);
    }
  }
  yield* stream as AsyncIterable<string>;
}
