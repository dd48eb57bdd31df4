import fc from 'fast-check';
import { classifyInbound, type InboundKind } from './classify';

// Subjects and senders as real responders write them (Exchange/Outlook, Gmail's vacation
// responder, Postfix, Google's and Microsoft's bounce reports), in several languages.
const TABLE: [string, string, string | null, InboundKind][] = [
  // [from, subject, first line, expected]
  ['jane@acme.example', 'Automatic reply: Renewal numbers for Acme', null, 'auto-reply'],
  ['jane@acme.example', 'Auto-Reply: Pricing', null, 'auto-reply'],
  ['jane@acme.example', 'AutoReply: Pricing', null, 'auto-reply'],
  ['jane@acme.example', 'Out of Office: Pricing for the Acme rollout', null, 'auto-reply'],
  ['jane@acme.example', 'Out of office', null, 'auto-reply'],
  ['jane@acme.example', 'OOO until Monday', null, 'auto-reply'],
  ['hans@firma.example', 'Abwesenheitsnotiz: Ihre Anfrage', null, 'auto-reply'],
  ['hans@firma.example', 'Automatische Antwort: Angebot', null, 'auto-reply'],
  ['marie@societe.example', 'Réponse automatique : Proposition', null, 'auto-reply'],
  ['marie@societe.example', 'Absence du bureau', null, 'auto-reply'],
  ['lucia@empresa.example', 'Respuesta automática: Propuesta', null, 'auto-reply'],
  ['giulia@azienda.example', 'Risposta automatica: Offerta', null, 'auto-reply'],
  ['daan@bedrijf.example', 'Automatisch antwoord: Offerte', null, 'auto-reply'],
  ['joao@empresa.example', 'Resposta automática: Proposta', null, 'auto-reply'],
  ['anna@firma.example', 'Automatyczna odpowiedź: Oferta', null, 'auto-reply'],
  ['erik@foretag.example', 'Autosvar: Offert', null, 'auto-reply'],
  ['ivan@kompania.example', 'Автоматический ответ: Предложение', null, 'auto-reply'],
  ['taro@kaisha.example', '自動応答: ご提案', null, 'auto-reply'],
  ['taro@kaisha.example', '不在のお知らせ', null, 'auto-reply'],
  ['li@gongsi.example', '自动回复: 报价', null, 'auto-reply'],
  // Gmail's vacation responder keeps "Re:"; the first line gives it away.
  [
    'jane@acme.example',
    'Re: Pricing',
    "I'm currently out of the office until May 3.",
    'auto-reply',
  ],
  ['hans@firma.example', 'AW: Angebot', 'Ich bin bis zum 12.05. nicht im Büro.', 'auto-reply'],
  ['marie@societe.example', 'RE: Proposition', 'Je suis absente jusqu’au 3 mai.', 'auto-reply'],
  // Bounces.
  ['mailer-daemon@googlemail.com', 'Delivery Status Notification (Failure)', null, 'bounce'],
  ['MAILER-DAEMON@mx.acme.example', 'Undelivered Mail Returned to Sender', null, 'bounce'],
  ['postmaster@acme.onmicrosoft.com', 'Undeliverable: Pricing', null, 'bounce'],
  ['postmaster@firma.example', 'Unzustellbar: Angebot', null, 'bounce'],
  ['postmaster@societe.example', 'Non remis : Proposition', null, 'bounce'],
  ['alerts@mx.example', 'Mail delivery failed: returning message to sender', null, 'bounce'],
  ['alerts@mx.example', 'Returned mail: see transcript for details', null, 'bounce'],
  ['postmaster@azienda.example', 'Non recapitabile: Offerta', null, 'bounce'],
  ['postmaster@bedrijf.example', 'Onbestelbaar: Offerte', null, 'bounce'],
  // Real replies, including ones whose words look like the above.
  ['jane@acme.example', 'Re: Renewal numbers for Acme', 'Thanks, Thursday works.', 'reply'],
  ['jane@acme.example', 'Re: Automatic reply systems for support', 'Interesting!', 'reply'],
  [
    'jane@acme.example',
    'RE: Undeliverable: Pricing',
    'Your first mail bounced, here I am.',
    'reply',
  ],
  ['jane@acme.example', 'Outofoffice integrations', null, 'reply'],
  ['jane@acme.example', 'Automatic replying is what we sell', null, 'reply'],
  ['hans@firma.example', 'AW: Angebot', 'Danke, passt.', 'reply'],
  ['jane@acme.example', '', null, 'reply'],
];

describe('classifyInbound', () => {
  it.each(TABLE)('%s "%s" → %s', (fromEmail, subject, firstLine, expected) => {
    expect(classifyInbound({ fromEmail, subject, firstLine })).toBe(expected);
  });

  it('knows bounce senders by their display name too', () => {
    expect(
      classifyInbound({ fromEmail: 'x@google.com', fromName: 'Mail Delivery Subsystem' }),
    ).toBe('bounce');
  });

  it('never throws and always answers one of the three kinds', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string()),
        fc.option(fc.string()),
        fc.option(fc.string()),
        fc.option(fc.string()),
        (fromEmail, fromName, subject, firstLine) => {
          const kind = classifyInbound({ fromEmail, fromName, subject, firstLine });
          expect(['reply', 'auto-reply', 'bounce']).toContain(kind);
        },
      ),
    );
  });
});
