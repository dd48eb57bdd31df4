// The background trusts no caller, and answers every message. Its one runtime.onMessage listener
// takes @webext-core/messaging's envelope (`{ id, type, data, timestamp }`, what `sendMessage` of
// lib/messages.ts sends) and answers in the same wire format (`{ res }` or `{ err }`), so senders
// keep the library. A message whose envelope is not that, or whose type is not in the protocol
// (looked up as an own key: `__proto__` or `constructor` is no type), is answered with an error,
// never with silence. A known one is answered by its handler after two checks: who sent it (each
// type names who may: lib/messages.ts MESSAGE_SENDERS, checked against the sender's id, URL and
// tab) and what it carries (its schema), so a refused message writes nothing.
import { browser, type Browser } from 'wxt/browser';
import {
  authorizeSender,
  authorizeSite,
  classifySender,
  isProtocolMessage,
  parseMessage,
  UnknownMessageError,
  type ProtocolMap,
  type SenderKind,
} from '../../lib/messages';

type Payload<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
type Answer<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;

export interface Caller {
  kind: SenderKind;
  sender: Browser.runtime.MessageSender;
}

type Handler<K extends keyof ProtocolMap> = (
  data: Payload<K>,
  caller: Caller,
) => Answer<K> | Promise<Answer<K>>;

const handlers: { [K in keyof ProtocolMap]?: Handler<K> } = Object.create(null) as object;
let listening = false;

/** The error on the wire: what @webext-core/messaging's sendMessage turns back into an Error. */
function errorReply(error: unknown) {
  const known = error instanceof Error;
  return {
    err: {
      name: known ? error.name : 'Error',
      message: known ? error.message : String(error),
      stack: '',
    },
  };
}

function self() {
  return { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
}

function receive(message: unknown, sender: Browser.runtime.MessageSender) {
  if (typeof message !== 'object' || message === null) {
    return Promise.resolve(errorReply(new UnknownMessageError('Not a Fifth Touch message')));
  }
  const { type, data, timestamp } = message as {
    type?: unknown;
    data?: unknown;
    timestamp?: unknown;
  };
  if (typeof type !== 'string' || typeof timestamp !== 'number') {
    return Promise.resolve(
      errorReply(new UnknownMessageError('Not a Fifth Touch message: no type or timestamp')),
    );
  }
  const handler = isProtocolMessage(type) ? handlers[type] : undefined;
  if (!isProtocolMessage(type) || !handler) {
    return Promise.resolve(
      errorReply(new UnknownMessageError(`Unknown message type "${type.slice(0, 60)}"`)),
    );
  }
  try {
    const kind = classifySender(sender, self());
    authorizeSender(type, kind);
    const parsed = parseMessage(type, data);
    authorizeSite(type, kind, parsed as never);
    // Called in this turn: a handler that needs the user's gesture (sidePanel.open) still has it.
    const result = (handler as Handler<typeof type>)(parsed as never, { kind, sender });
    return Promise.resolve(result).then(
      (res) => ({ res }),
      (error: unknown) => errorReply(error),
    );
  } catch (error) {
    return Promise.resolve(errorReply(error));
  }
}

/**
 * Registers the handler of `type`: called with the parsed payload once its sender was allowed.
 * The listener is added with the first handler, in the worker's first turn.
 */
export function handle<K extends keyof ProtocolMap>(type: K, run: Handler<K>): void {
  (handlers as Record<string, unknown>)[type] = run;
  if (listening) return;
  listening = true;
  browser.runtime.onMessage.addListener(
    receive as Parameters<typeof browser.runtime.onMessage.addListener>[0],
  );
}

/** For tests: forget every handler and the listener (the fake browser is reset between tests). */
export function resetHandlers(): void {
  for (const type of Object.keys(handlers)) delete (handlers as Record<string, unknown>)[type];
  listening = false;
}
