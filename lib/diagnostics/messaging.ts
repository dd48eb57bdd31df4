// The reportDiagnostic message. It travels on the same wire as lib/messages' protocol (the same
// @webext-core/messaging format) but has its own small map until lib/messages' ProtocolMap lists
// the verb; the payload schema is lib/messages' diagnosticSchema either way.
import { defineExtensionMessaging } from '@webext-core/messaging';
import * as v from 'valibot';
import { diagnosticSchema, InvalidMessageError, type Diagnostic } from '../messages';

export interface DiagnosticsProtocolMap {
  reportDiagnostic(diagnostic: Diagnostic): { recorded: boolean };
}

export const { sendMessage: sendDiagnosticMessage, onMessage: onDiagnosticMessage } =
  defineExtensionMessaging<DiagnosticsProtocolMap>();

/** For a content script's reporter: `createDiagnosticReporter('gmail', sendDiagnostic)`. */
export const sendDiagnostic = (diagnostic: Diagnostic) =>
  sendDiagnosticMessage('reportDiagnostic', diagnostic);

/** Parses a reportDiagnostic payload, or throws InvalidMessageError naming the field. */
export function parseDiagnosticMessage(data: unknown): Diagnostic {
  const result = v.safeParse(diagnosticSchema, data);
  if (!result.success) {
    const detail = result.issues
      .slice(0, 3)
      .map((issue) => `${v.getDotPath(issue) ?? 'payload'}: ${issue.message}`)
      .join('; ');
    throw new InvalidMessageError(`Invalid reportDiagnostic message: ${detail}`);
  }
  return result.output;
}
