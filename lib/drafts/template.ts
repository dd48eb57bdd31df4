// The draft when no on-device model can write it: the angle's template filled with the same facts,
// signed as the rep signs, within the same limits.
import { fillDraft } from '../angles/fill';
import type { DraftFacts } from './facts';
import { enforceLimits, type Draft } from './limits';
import { signatureName, type StyleNote } from './style';

export interface TemplateAngle {
  label: string;
  template: string;
}

/** The subject of an email draft: the thread's own, else the angle's for the company. */
export function draftSubjectOf(facts: DraftFacts, angleLabel: string): string {
  if (facts.lastSubject) {
    return /^re:/i.test(facts.lastSubject) ? facts.lastSubject : `Re: ${facts.lastSubject}`;
  }
  const who = facts.company || facts.name;
  return who ? `${angleLabel} for ${who}` : angleLabel;
}

/**
 * `myName` is the rep's name from Settings, used when no learnt closing names them. A draft goes
 * into the composer as text, so a name still unknown leaves its line empty rather than "{myName}".
 */
export function templateDraft(
  angle: TemplateAngle,
  facts: DraftFacts,
  style: StyleNote | null,
  myName = '',
): { draft: Draft; trimmed: boolean } {
  const filled = fillDraft(angle.template, {
    name: facts.name,
    company: facts.company,
    lastSubject: facts.lastSubject,
    myName: signatureName(style) || myName,
  });
  let body = filled.parts
    .filter((part) => part.unfilled !== 'missing-value')
    .map((part) => part.text)
    .join('')
    .trim();
  // The rep's own closing replaces the template's bare name line when they have taught one.
  if (style && style.signOff.length > 0 && !body.endsWith(style.signOff.join('\n'))) {
    const name = signatureName(style);
    if (name && body.endsWith(name)) body = body.slice(0, -name.length).trimEnd();
    body = `${body}\n\n${style.signOff.join('\n')}`;
  }
  return enforceLimits(
    { body, ...(facts.channel === 'email' ? { subject: draftSubjectOf(facts, angle.label) } : {}) },
    facts.channel,
  );
}
