// Everything Fifth Touch knows about Gmail's page and payloads, in one place. When Gmail changes,
// this file and its companion expectations (selectors.dom.test.ts) are where the fix goes.
//
// Each entry lists fallbacks from most to least stable: ARIA roles and names, `name=` attributes,
// data attributes, then Gmail's obfuscated class names (which change without notice).
// `lastSeen` is the capture date of the fixture the selector was seen working in, or
// "hand-made from <source>, 2026-11" when no real capture shows it. Notes on an entry are comments,
// not fields: this table rides in every Gmail tab, and nothing reads a note at run time.

export interface SelectorEntry {
  readonly selectors: readonly string[];
  readonly lastSeen: string;
}

const COMPOSE_2020 = 'dom/compose-new-2020.html, captured about 2020';
const THREAD_2025 = 'dom/thread-view-2025.html, captured 2025-04';
const INBOXSDK = 'hand-made from InboxSDK compose page-parser (a8a6fe2), 2026-11';
const INBOXSDK_LIST =
  'hand-made from InboxSDK thread-row-parser and gmail-element-getter (a8a6fe2), 2026-11';

export const GMAIL_SELECTORS = {
  /** Elements only a compose has; each compose is found by climbing from one of them. */
  composeAnchor: {
    selectors: [
      'input[name="draft"]',
      'input[name="subjectbox"]',
      'textarea[name="to"]',
      'div[name="to"]',
    ],
    lastSeen: COMPOSE_2020,
  },
  /** The compose's own root, tried with closest() in this order from an anchor. */
  composeRoot: {
    selectors: ['[role="dialog"]', '.M9', '[role="region"]', 'form'],
    lastSeen: COMPOSE_2020,
    // Popup and pop-out composes are dialogs; an inline reply is a .M9 inside the message
    // (InboxSDK).
  },
  /** A compose in a window of its own: popups and pop-outs are dialogs, an inline reply is not. */
  composeDialog: { selectors: ['[role="dialog"]'], lastSeen: COMPOSE_2020 },
  /**
   * What an inline reply sits in (any of them, nearest first): a message of the thread, by its list
   * item or its id, or the reply area under it.
   */
  inlineReplyHost: {
    selectors: ['[role="listitem"], [data-message-id], .ip'],
    lastSeen: THREAD_2025,
  },
  /** Hidden draft id, `#msg-a:r-…`: the same id the send request carries. */
  draftInput: { selectors: ['input[name="draft"]'], lastSeen: COMPOSE_2020 },
  /** Hidden thread reference, `#thread-a:r-…` or `#thread-f:…`. */
  threadRefInput: { selectors: ['input[name="rt"]'], lastSeen: COMPOSE_2020 },
  subjectInput: {
    selectors: ['input[name="subjectbox"]', 'input[name="subject"]', 'input.aoT'],
    lastSeen: COMPOSE_2020,
  },
  /** Recipient chips: the 2021+ chip, then the classic chip parts. */
  recipientChip: {
    selectors: ['[role="option"][data-hovercard-id]', '[data-hovercard-id]', 'span[email]'],
    lastSeen: INBOXSDK,
    // The 2021 chip is div[role=option][data-hovercard-id][data-name] inside div.anm[name=to]
    // [role=listbox].
  },
  /** Classic chips keep "Name <a@b.com>" in a hidden input named after the field. */
  recipientChipHiddenValue: {
    selectors: ['.vR input[type="hidden"]', 'input[type="hidden"]'],
    lastSeen: INBOXSDK,
  },
  /** The classic recipient field's table row, where its chips live. */
  recipientFieldRow: { selectors: ['tr'], lastSeen: COMPOSE_2020 },
  /** Where the rep types recipients that Gmail has not turned into chips yet. */
  recipientTyping: { selectors: ['textarea, input'], lastSeen: COMPOSE_2020 },
  /** Every button of a compose; isSendButton() picks Send by its ARIA name. */
  composeButton: { selectors: ['[role="button"]', 'button'], lastSeen: COMPOSE_2020 },
  /** Last resort when no localised name matches: Gmail's blue Send button classes. */
  sendButtonByClass: {
    selectors: ['div.T-I.aoO'],
    lastSeen: COMPOSE_2020,
    // Legacy class fallback; remove once the ARIA name lists cover every locale in use (2026-11).
  },
  scheduleSendMenuItem: {
    selectors: ['[selector="scheduledSend"]', '.J-N.yr'],
    lastSeen: COMPOSE_2020,
  },
  /** The compose's editable body (read in the page for the lazy-line coach, never stored). */
  composeBody: {
    selectors: [
      'div[role="textbox"][contenteditable="true"]',
      'div[g_editable="true"][role="textbox"]',
      'div[aria-label="Message Body"][contenteditable]',
      'div.Am.editable',
    ],
    lastSeen: COMPOSE_2020,
  },
  /**
   * Where popup composes live (Gmail's compose "mole" dock, created lazily), then the dock itself.
   * The compose coach watches these instead of the whole page once they exist.
   */
  composeDock: {
    selectors: ['div.dw .nH > .nH > .no', 'div.dw'],
    lastSeen: THREAD_2025,
    // Empty in the capture (only its two spacer moles); InboxSDK MOLE_PARENT_SELECTOR.
  },
  /** The full-screen compose's container. */
  fullscreenComposeContainer: { selectors: ['.aSs .aSt'], lastSeen: INBOXSDK_LIST },
  /** One row of the thread list. */
  listRow: {
    selectors: ['tr.zA', 'tr[role="row"]'],
    lastSeen: INBOXSDK_LIST,
  },
  /** The people named in a row (their addresses in `email`), then any address in the row. */
  listRowPeople: {
    selectors: ['td.yX div.yW [email]', 'div.yW [email]', '[email]'],
    lastSeen: INBOXSDK_LIST,
  },
  threadSubject: {
    selectors: ['h2[data-thread-perm-id]', 'h2[data-legacy-thread-id]', 'h2.hP'],
    lastSeen: THREAD_2025,
  },
  mainRegion: { selectors: ['[role="main"]'], lastSeen: THREAD_2025 },
  /** One per message of the open thread (the empty `data-message-id=""` belongs to a summary button). */
  threadMessage: {
    selectors: ['[data-message-id^="#msg-"]', '[data-legacy-message-id]', 'div.adn'],
    lastSeen: THREAD_2025,
  },
  /**
   * Everyone an open thread names: each sender and To/Cc recipient carries their address in an
   * `email` attribute (read inside the main region).
   */
  threadPeople: { selectors: ['[email]'], lastSeen: THREAD_2025 },
  /** The sender inside a message header. */
  messageSender: {
    selectors: ['h3 [email]', 'span.gD[email]', '[email]'],
    lastSeen: THREAD_2025,
  },
  /**
   * Whom a message went to, in its header's "to …" line: each carries `email` and `name` (the rep
   * is named "me" there). Collapsed messages show none.
   */
  messageRecipient: {
    selectors: ['span.hb [email]', 'span.g2[email]'],
    lastSeen: THREAD_2025,
  },
  /**
   * The shown body of an expanded message (read in the page to find which address a bounce names,
   * never stored). Collapsed messages have none.
   */
  messageBody: { selectors: ['.a3s', '.ii.gt'], lastSeen: THREAD_2025 },
  /** Quoted earlier mail inside a body (a bounce quotes the whole original, every recipient). */
  quotedText: { selectors: ['.gmail_quote', 'blockquote'], lastSeen: THREAD_2025 },
  /**
   * A message's Reply button (the header's, by its English tooltip), then the thread's bottom
   * "Reply" link by class. Only a draft the rep asked for opens a reply with it; never Send.
   */
  replyButton: {
    selectors: ['[role="button"][data-tooltip="Reply"]', 'span.ams.bkH[role="link"]'],
    lastSeen: THREAD_2025,
    // The class fallback covers other locales; replace it with localised names when one is seen
    // (2026-12).
  },
  /** The reply area under a message; gains class adB when an inline reply is open (InboxSDK). */
  inlineReplyContainer: { selectors: ['.ip'], lastSeen: THREAD_2025 },
  /** Gmail's notice ("butter") bar: "Message sent · Undo · View message". */
  /**
   * Google's account button in Gmail's header; its label names the signed-in address in
   * parentheses ("Google Account: Dana Reyes (dana@acme.example)", localised before the address).
   */
  accountMenu: {
    selectors: [
      'header a[role="button"][aria-label*="@"]',
      'a[href*="accounts.google.com/SignOutOptions"][aria-label*="@"]',
      'header [role="button"][aria-label*="@"]',
    ],
    lastSeen: THREAD_2025,
  },
  noticeBar: {
    selectors: ['[role="alert"][aria-live]', 'div.b8[role="alert"]', 'div.b8'],
    lastSeen: THREAD_2025,
    // Empty in the capture; its filled state (span.bAq text, span.bAo links) is hand-made from
    // InboxSDK butter-bar driver.
  },
  /** The message part of a notice, without its buttons. */
  noticeText: {
    selectors: ['.bAq'],
    lastSeen: 'hand-made from InboxSDK butter-bar driver (a8a6fe2), 2026-11',
  },
  undoLink: {
    selectors: ['#link_undo', '[role="link"]', '[role="button"]'],
    lastSeen: 'hand-made from InboxSDK butter-bar driver and widely used #link_undo, 2026-11',
  },
} as const satisfies Record<string, SelectorEntry>;

export type GmailSelectorName = keyof typeof GMAIL_SELECTORS;

/** Any button of a compose, the nearest one a click or key landed in (pure: see UNDO_CONTROL). */
export const COMPOSE_BUTTON = /* @__PURE__ */ GMAIL_SELECTORS.composeButton.selectors.join(', ');

/**
 * Any control in the notice bar a click on Undo lands in: the undo link's shapes, or a button.
 * Marked pure so that the page-world observer, which needs no DOM selector, does not carry them.
 */
export const UNDO_CONTROL = /* @__PURE__ */ [...GMAIL_SELECTORS.undoLink.selectors, 'button'].join(
  ', ',
);

/**
 * The companion list: how many elements each selector finds in each saved page (with queryAll:
 * the first fallback that matches), and which fallback found them (0 = the preferred one). When
 * Gmail changes, the test of the entry that broke names the selector and the page.
 * `shared:` pages are real captures in ../shared/fixtures/gmail; `hand-made:` pages are in
 * tests/fixtures/gmail and say how they were made.
 */
export interface SelectorExpectation {
  selector: GmailSelectorName;
  fixture: string;
  matches: number;
  via?: number;
}

export const SELECTOR_EXPECTATIONS: readonly SelectorExpectation[] = [
  { selector: 'composeAnchor', fixture: 'shared:dom/compose-new-2020.html', matches: 1, via: 0 },
  { selector: 'draftInput', fixture: 'shared:dom/compose-new-2020.html', matches: 1, via: 0 },
  { selector: 'composeDialog', fixture: 'shared:dom/compose-new-2020.html', matches: 1, via: 0 },
  { selector: 'composeDialog', fixture: 'hand-made:compose-chips.html', matches: 2, via: 0 },
  { selector: 'composeDialog', fixture: 'hand-made:compose-popout.html', matches: 1, via: 0 },
  { selector: 'composeDialog', fixture: 'shared:dom/thread-view-2025.html', matches: 0 },
  { selector: 'inlineReplyHost', fixture: 'shared:dom/thread-view-2025.html', matches: 7, via: 0 },
  {
    selector: 'inlineReplyHost',
    fixture: 'hand-made:thread-inline-reply.html',
    matches: 5,
    via: 0,
  },
  { selector: 'inlineReplyHost', fixture: 'shared:dom/compose-new-2020.html', matches: 0 },
  {
    selector: 'recipientFieldRow',
    fixture: 'shared:dom/compose-new-2020.html',
    matches: 11,
    via: 0,
  },
  { selector: 'recipientTyping', fixture: 'shared:dom/compose-new-2020.html', matches: 32, via: 0 },
  { selector: 'recipientTyping', fixture: 'hand-made:compose-popout.html', matches: 5, via: 0 },
  { selector: 'threadRefInput', fixture: 'shared:dom/compose-new-2020.html', matches: 1, via: 0 },
  { selector: 'subjectInput', fixture: 'shared:dom/compose-new-2020.html', matches: 1, via: 0 },
  {
    selector: 'sendButtonByClass',
    fixture: 'shared:dom/compose-new-2020.html',
    matches: 1,
    via: 0,
  },
  {
    selector: 'scheduleSendMenuItem',
    fixture: 'shared:dom/compose-new-2020.html',
    matches: 1,
    via: 0,
  },
  { selector: 'composeBody', fixture: 'shared:dom/compose-new-2020.html', matches: 1, via: 0 },
  { selector: 'composeBody', fixture: 'hand-made:thread-inline-reply.html', matches: 1, via: 0 },
  { selector: 'threadSubject', fixture: 'shared:dom/compose-new-2020.html', matches: 0 },
  { selector: 'composeAnchor', fixture: 'shared:dom/thread-view-2025.html', matches: 0 },
  { selector: 'threadSubject', fixture: 'shared:dom/thread-view-2025.html', matches: 1, via: 0 },
  { selector: 'mainRegion', fixture: 'shared:dom/thread-view-2025.html', matches: 1, via: 0 },
  { selector: 'threadMessage', fixture: 'shared:dom/thread-view-2025.html', matches: 2, via: 0 },
  { selector: 'messageSender', fixture: 'shared:dom/thread-view-2025.html', matches: 2, via: 0 },
  {
    selector: 'messageRecipient',
    fixture: 'shared:dom/thread-view-2025.html',
    matches: 2,
    via: 0,
  },
  {
    selector: 'messageRecipient',
    fixture: 'hand-made:thread-inline-reply.html',
    matches: 2,
    via: 0,
  },
  { selector: 'threadPeople', fixture: 'shared:dom/thread-view-2025.html', matches: 38, via: 0 },
  { selector: 'threadPeople', fixture: 'hand-made:thread-inline-reply.html', matches: 4, via: 0 },
  { selector: 'threadPeople', fixture: 'shared:dom/compose-new-2020.html', matches: 0 },
  { selector: 'messageBody', fixture: 'shared:dom/thread-view-2025.html', matches: 2, via: 0 },
  { selector: 'quotedText', fixture: 'shared:dom/thread-view-2025.html', matches: 2, via: 0 },
  { selector: 'messageBody', fixture: 'hand-made:thread-inline-reply.html', matches: 2, via: 0 },
  {
    selector: 'inlineReplyContainer',
    fixture: 'shared:dom/thread-view-2025.html',
    matches: 2,
    via: 0,
  },
  { selector: 'noticeBar', fixture: 'shared:dom/thread-view-2025.html', matches: 1, via: 0 },
  { selector: 'noticeText', fixture: 'shared:dom/thread-view-2025.html', matches: 0 },
  { selector: 'composeAnchor', fixture: 'hand-made:compose-chips.html', matches: 2, via: 0 },
  { selector: 'recipientChip', fixture: 'hand-made:compose-chips.html', matches: 3, via: 0 },
  {
    selector: 'recipientChipHiddenValue',
    fixture: 'hand-made:compose-chips.html',
    matches: 2,
    via: 0,
  },
  { selector: 'sendButtonByClass', fixture: 'hand-made:compose-chips.html', matches: 2, via: 0 },
  { selector: 'composeAnchor', fixture: 'hand-made:thread-inline-reply.html', matches: 1, via: 0 },
  { selector: 'recipientChip', fixture: 'hand-made:thread-inline-reply.html', matches: 1, via: 0 },
  { selector: 'threadMessage', fixture: 'hand-made:thread-inline-reply.html', matches: 2, via: 0 },
  {
    selector: 'inlineReplyContainer',
    fixture: 'hand-made:thread-inline-reply.html',
    matches: 1,
    via: 0,
  },
  { selector: 'noticeBar', fixture: 'hand-made:message-sent-bar.html', matches: 1, via: 0 },
  { selector: 'noticeText', fixture: 'hand-made:message-sent-bar.html', matches: 1, via: 0 },
  { selector: 'undoLink', fixture: 'hand-made:message-sent-bar.html', matches: 1, via: 0 },
  { selector: 'composeAnchor', fixture: 'hand-made:compose-popout.html', matches: 1, via: 0 },
  { selector: 'recipientChip', fixture: 'hand-made:compose-popout.html', matches: 1, via: 0 },
  {
    selector: 'scheduleSendMenuItem',
    fixture: 'hand-made:compose-popout.html',
    matches: 1,
    via: 0,
  },
  { selector: 'composeDock', fixture: 'hand-made:inbox-list-rows.html', matches: 1, via: 0 },
  { selector: 'composeDock', fixture: 'shared:dom/compose-new-2020.html', matches: 0 },
  { selector: 'composeDock', fixture: 'shared:dom/thread-view-2025.html', matches: 1, via: 0 },
  {
    selector: 'fullscreenComposeContainer',
    fixture: 'hand-made:inbox-list-rows.html',
    matches: 1,
    via: 0,
  },
  { selector: 'listRow', fixture: 'hand-made:inbox-list-rows.html', matches: 4, via: 0 },
  { selector: 'listRowPeople', fixture: 'hand-made:inbox-list-rows.html', matches: 7, via: 0 },
  { selector: 'mainRegion', fixture: 'hand-made:inbox-list-rows.html', matches: 1, via: 0 },
  { selector: 'composeAnchor', fixture: 'hand-made:inbox-list-rows.html', matches: 1, via: 0 },
  { selector: 'listRow', fixture: 'shared:dom/thread-view-2025.html', matches: 15, via: 0 },
  { selector: 'listRow', fixture: 'shared:dom/compose-new-2020.html', matches: 0 },
  { selector: 'accountMenu', fixture: 'shared:dom/thread-view-2025.html', matches: 1, via: 0 },
  { selector: 'accountMenu', fixture: 'shared:dom/compose-new-2020.html', matches: 0 },
  { selector: 'replyButton', fixture: 'shared:dom/thread-view-2025.html', matches: 2, via: 0 },
  { selector: 'replyButton', fixture: 'hand-made:thread-inline-reply.html', matches: 1, via: 0 },
  { selector: 'replyButton', fixture: 'shared:dom/compose-new-2020.html', matches: 0 },
];

export type RecipientRole = 'to' | 'cc' | 'bcc';
export const RECIPIENT_ROLES: readonly RecipientRole[] = ['to', 'cc', 'bcc'];

/** Where a field's recipients live: the 2021+ container div, or the classic textarea's table row. */
export function recipientFieldSelectors(role: RecipientRole): SelectorEntry {
  return {
    selectors: [`div[name="${role}"]`, `textarea[name="${role}"]`, `input[name="${role}"]`],
    lastSeen: `${COMPOSE_2020} (textarea); div.anm[name] ${INBOXSDK}`,
  };
}

/** Classic chips' hidden inputs named after their field ("Name <a@b.com>" each). */
export function recipientHiddenInputSelectors(role: RecipientRole): SelectorEntry {
  return { selectors: [`input[type="hidden"][name="${role}"]`], lastSeen: INBOXSDK };
}

/** The first fallback that matches anything wins; an empty list when none does. */
export function queryAll(root: ParentNode, entry: SelectorEntry): Element[] {
  for (const selector of entry.selectors) {
    const found = safeQueryAll(root, selector);
    if (found.length > 0) return found;
  }
  return [];
}

export function queryFirst(root: ParentNode, entry: SelectorEntry): Element | null {
  return queryAll(root, entry)[0] ?? null;
}

/** Every fallback's matches together, each element once, in the order found. */
export function queryUnion(root: ParentNode, entry: SelectorEntry): Element[] {
  const seen = new Set<Element>();
  for (const selector of entry.selectors) {
    for (const element of safeQueryAll(root, selector)) seen.add(element);
  }
  return [...seen];
}

/** closest() with each fallback in order. */
export function closestOf(element: Element, entry: SelectorEntry): Element | null {
  for (const selector of entry.selectors) {
    try {
      const found = element.closest(selector);
      if (found) return found;
    } catch {
      // A selector the engine does not support must not break the page.
    }
  }
  return null;
}

function safeQueryAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

// ---- Localised names (best effort; English verified in captures, others from Gmail's UI strings) ----

/** Gmail's Send button name, before the "(Ctrl-Enter)" hint. Compared whole, so "Send feedback" is not Send. */
export const SEND_BUTTON_NAMES: readonly string[] = [
  'send', // en (captured: "Send ‪(Ctrl-Enter)‬")
  'senden', // de
  'envoyer', // fr
  'enviar', // es, pt
  'invia', // it
  'verzenden', // nl
  'skicka', // sv
  'lähetä', // fi
  'wyślij', // pl
  'odeslat', // cs
  'küldés', // hu
  'trimite', // ro
  'отправить', // ru
  'надіслати', // uk
  'gönder', // tr
  'αποστολή', // el
  'שליחה', // he
  'إرسال', // ar
  'भेजें', // hi
  'kirim', // id
  'gửi', // vi
  'ส่ง', // th
  '送信', // ja
  '发送', // zh-CN
  '傳送', // zh-TW
  '보내기', // ko
];

/** "Send and archive" is also a send; only the English name is known. */
export const SEND_AND_ARCHIVE_NAMES: readonly string[] = ['send and archive', 'send & archive'];

export const UNDO_NAMES: readonly string[] = [
  'undo',
  'rückgängig',
  'rückgängig machen',
  'annuler',
  'deshacer',
  'desfazer',
  'annulla',
  'ongedaan maken',
  'ångra',
  'cofnij',
  'отменить',
  '元に戻す',
  '撤消',
  '실행취소',
];

/** Notice-bar texts, matched case-insensitively at the start of the bar's text. */
export const NOTICE_TEXTS = {
  sent: [
    'message sent',
    'your message has been sent',
    'nachricht gesendet',
    'message envoyé',
    'mensaje enviado',
    'mensagem enviada',
    'messaggio inviato',
    'bericht verzonden',
    'сообщение отправлено',
    'メッセージを送信しました',
  ],
  sending: [
    'sending',
    'wird gesendet',
    'envoi en cours',
    'enviando',
    'invio in corso',
    'verzenden',
  ],
  scheduled: [
    'send scheduled',
    'senden geplant',
    'envoi programmé',
    'envío programado',
    'envio programado',
    'invio programmato',
  ],
  undone: [
    'sending undone',
    'send cancelled',
    'sending cancelled',
    'send canceled',
    'sending canceled',
    'sending has been undone',
    'senden rückgängig gemacht',
    'envoi annulé',
    'envío deshecho',
    'se ha cancelado el envío',
    'envio desfeito',
    'invio annullato',
    'verzenden ongedaan gemaakt',
  ],
} as const;

// ---- The sync protocol: `POST /sync/u/N/i/s` ----

export const SYNC = {
  /** The only host sync requests go to: matched whole, over https (lib/page-world/request-url.ts). */
  host: 'mail.google.com',
  /**
   * The request that saves drafts and sends mail (gmail.js and InboxSDK watch the same path),
   * matched from the path's first character.
   */
  sendPath: /\/sync(?:\/u\/(\d+))?\/i\/s(?:$|[?#])/,
  lastSeen: 'sync/2022-09-09-*.json (InboxSDK test data, captured 2022-09-09)',
} as const;

/** Labels a message carries in the request (gmail.js and InboxSDK constants, 2022-09-09 captures). */
export const SYNC_LABELS = {
  /** Sent now: `^pfg` is on every send, immediate or undoable. */
  send: '^pfg',
  /** Scheduled send: `^scheduled` replaces `^pfg` (gmail.js send_scheduled_message). */
  scheduled: '^scheduled',
  /** A draft save or update: `^r` with `^r_bt`. */
  draft: '^r',
  lastSeen: 'sync/2022-09-09-*.json',
} as const;

/**
 * Positions inside a message array; the 2018 object form uses the same positions as 1-based keys.
 * Messages themselves are found by shape (a `msg-a:`/`msg-f:` id first and a label array), never
 * by the path to them, so only these in-message positions are fixed.
 */
export const SYNC_MESSAGE_INDEX = {
  id: 0,
  from: 1,
  to: 2,
  cc: 3,
  bcc: 4,
  timestamp: 6,
  subject: 7,
  /** A second copy of the message's date (equal to `timestamp` on every captured send). */
  timestampAgain: 17,
  /** The message's own dates, where a scheduled send's time is looked for first (unverified). */
  dates: [6, 17],
  /** The body: never read. */
  body: 8,
  labels: 10,
  /** The legacy hex message id, in responses only (InboxSDK `oldMessageId`). */
  legacyMessageId: 55,
  lastSeen: 'sync/2022-09-09-*.json; same in InboxSDK 2018-01-25 object-form captures',
} as const;

/** Inside a contact `[1, "a@b.com", "Name"]`. */
export const SYNC_CONTACT_INDEX = {
  email: 1,
  name: 2,
  lastSeen: 'sync/2022-09-09-*.json',
} as const;

/** Inside a response's thread array: the legacy hex thread id (InboxSDK `oldThreadId`). */
export const SYNC_THREAD_INDEX = {
  legacyThreadId: 19,
  lastSeen: 'sync/2022-09-09-*.json',
} as const;

export const SYNC_ID_PATTERNS = {
  message: /^msg-[af]:(?!bump-)[\w-]{1,64}$/,
  thread: /^thread-[af]:[\w-]{1,64}$/,
  legacyHex: /^[0-9a-f]{12,16}$/,
} as const;

/**
 * Gmail's own follow-up nudge ("Sent 3 days ago. Follow up?", "Received 5 days ago. Reply?"),
 * matched in the thread's text. Hand-made from Gmail's help text on nudges, 2026-11; not in a capture.
 */
export const NUDGE_PATTERNS: readonly RegExp[] = [
  /\b(?:sent|received) \d{1,3} days? ago\. ?(?:follow up|reply)\?/i,
  /\bvor \d{1,3} tagen? (?:gesendet|empfangen)\. ?(?:nachfassen|antworten)\?/i,
  /\b(?:envoyé|reçu) il y a \d{1,3} jours?\. ?(?:relancer|répondre) ?\?/i,
  /\b(?:enviado|recibido) hace \d{1,3} días?\. ?¿?(?:hacer seguimiento|responder)\?/i,
];
