// Is an incoming message a person's reply, an auto-reply (out of office, vacation responder) or a
// bounce (delivery failure)? Only a reply pauses a cadence; a bounce marks the address
// undeliverable. Pure, on what a page shows: the sender and the subject, plus optionally the first
// line the page displays (used to classify, never stored). Matches are whole prefixes or phrases
// in several languages, so "Re: Automatic reply systems" from a person stays a reply.

export type InboundKind = 'reply' | 'auto-reply' | 'bounce';

export interface InboundMessage {
  fromEmail: string | null;
  fromName?: string | null;
  subject?: string | null;
  /** The message's first visible line (a snippet), if the page shows one. */
  firstLine?: string | null;
}

/** Local parts of mail systems that report delivery failures. */
const BOUNCE_SENDERS =
  /^(?:mailer-daemon|mail-daemon|maildaemon|postmaster|mail\.delivery|bounces?|nobody)(?:[+._-].*)?@/i;
const BOUNCE_NAMES = [
  'mail delivery subsystem',
  'mail delivery system',
  'mailer-daemon',
  'microsoft outlook',
  'postmaster',
  'mail delivery service',
];

/** Subject starts of delivery-failure reports. */
const BOUNCE_SUBJECTS = [
  'undeliverable',
  'undelivered mail returned to sender',
  'delivery status notification (failure)',
  'delivery status notification (delay)',
  'delivery failure',
  'delivery has failed',
  'mail delivery failed',
  'mail delivery failure',
  'returned mail',
  'failure notice',
  'message not delivered',
  'address not found',
  'unzustellbar', // de
  'nicht zustellbar', // de
  'non remis', // fr
  'échec de la remise', // fr
  'no se puede entregar', // es
  'no entregado', // es
  'non recapitabile', // it
  'impossibile recapitare', // it
  'onbestelbaar', // nl
  'não é possível entregar', // pt
  'não entregue', // pt
  'niedostarczalne', // pl
  'kan inte levereras', // sv
  'ej levererat', // sv
  'не доставлено', // ru
  '配信不能', // ja
  '无法投递', // zh
];

/** Subject starts of automatic replies. */
const AUTO_REPLY_SUBJECTS = [
  'automatic reply',
  'auto reply',
  'auto-reply',
  'autoreply',
  'auto response',
  'auto-response',
  'automatic response',
  'out of office',
  'out of the office',
  'ooo',
  'away from the office',
  'vacation reply',
  'on vacation',
  'on leave',
  'abwesenheitsnotiz', // de
  'automatische antwort', // de
  'abwesend', // de
  'nicht im büro', // de
  'réponse automatique', // fr
  'absent(e) du bureau', // fr
  'absence du bureau', // fr
  'message d’absence', // fr
  "message d'absence", // fr
  'respuesta automática', // es
  'respuesta automatica', // es
  'fuera de la oficina', // es
  'risposta automatica', // it
  'fuori sede', // it
  "fuori dall'ufficio", // it
  'automatisch antwoord', // nl
  'afwezigheidsbericht', // nl
  'resposta automática', // pt
  'ausente do escritório', // pt
  'automatyczna odpowiedź', // pl
  'poza biurem', // pl
  'autosvar', // sv, da, no
  'frånvaro', // sv
  'automaattinen vastaus', // fi
  'автоматический ответ', // ru
  'нет на месте', // ru
  'otomatik yanıt', // tr
  'ofis dışında', // tr
  '自動応答', // ja
  '不在', // ja
  '自动回复', // zh-CN
  '自動回覆', // zh-TW
  '자동 응답', // ko
];

/** First lines auto-responders open with. */
const AUTO_REPLY_LINES = [
  'i am out of the office',
  "i'm out of the office",
  'i am currently out of the office',
  "i'm currently out of the office",
  'i will be out of the office',
  'i am currently away',
  "i'm currently away",
  'i am away from the office',
  'i am on vacation',
  "i'm on vacation",
  'i am on leave',
  'thank you for your email. i am',
  'this is an automatic reply',
  'this is an automated response',
  'ich bin bis',
  'ich bin derzeit nicht',
  'ich bin zurzeit nicht',
  'vielen dank für ihre nachricht. ich bin',
  'je suis absent',
  'je suis absente',
  'je suis actuellement absente',
  'je suis actuellement absent',
  'estoy fuera de la oficina',
  'actualmente estoy fuera',
  'sono fuori ufficio',
  'sono attualmente assente',
  'ik ben afwezig',
  'ik ben momenteel afwezig',
  'estou fora do escritório',
  'jestem poza biurem',
];

const REPLY_PREFIX =
  /^(?:\s*(?:re|fwd?|aw|wg|sv|vs|tr|rv|enc|odp|antw|ynt|回复|答复)\s*(?:\[\d+\])?\s*[:：]\s*)+/i;

function normalise(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFC')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function startsWithPhrase(text: string, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => {
    if (!text.startsWith(phrase)) return false;
    // Scripts written without spaces have no word end to check.
    if (/[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(phrase)) return true;
    const next = text.charAt(phrase.length);
    // A whole phrase: followed by the end, punctuation or a space, never by more letters.
    return next === '' || !/[\p{L}\p{N}]/u.test(next);
  });
}

export function classifyInbound(message: InboundMessage): InboundKind {
  const email = normalise(message.fromEmail);
  const name = normalise(message.fromName);
  const subject = normalise(message.subject);
  // "Re: Undeliverable: …" is a person answering a bounce they got, not a bounce.
  const hasReplyPrefix = REPLY_PREFIX.test(subject);
  if (BOUNCE_SENDERS.test(email) || BOUNCE_NAMES.includes(name)) return 'bounce';
  if (!hasReplyPrefix && startsWithPhrase(subject, BOUNCE_SUBJECTS)) return 'bounce';
  if (!hasReplyPrefix && startsWithPhrase(subject, AUTO_REPLY_SUBJECTS)) return 'auto-reply';
  // Some responders keep "Re: <subject>": then only the first line can tell.
  if (startsWithPhrase(normalise(message.firstLine), AUTO_REPLY_LINES)) return 'auto-reply';
  return 'reply';
}
