// Everything Fifth Touch knows about LinkedIn's pages and API, in one place, each entry dated.
// When LinkedIn changes, one entry here and one test in selectors.dom.test.ts change; nothing else
// should hold a LinkedIn class name, label or endpoint.
//
// Two UI generations are live at once:
// - "ember": the 2025 Ember UI with `msg-…` / `artdeco-…` classes (real captures in
//   ../shared/fixtures/linkedin/dom, 2025-04).
// - "sdui": the 2026 server-driven UI with hashed class names: screens named in `data-sdui-screen`,
//   cards keyed by `componentkey`, the message overlay and the invitation modal inside an open
//   shadow root hosted by `#interop-outlet` (beside a hidden same-origin `/preload/` frame). No
//   capture is available here; its entries come from public captures and automation code of
//   2026-02 to 2026-10 (issue 15) and are marked "hand-made from …".
// Attributes, roles and link patterns are preferred over classes; a class is used only where the
// Ember UI offers nothing else, and such entries say so.

export type UiGeneration = 'ember' | 'sdui' | 'both';

export interface SelectorEntry {
  readonly css: string;
  readonly generation: UiGeneration;
  /** Capture date (yyyy-MM) of the fixture that shows it, or "hand-made from <source>, <date>". */
  readonly lastSeen: string;
}

const CAPTURE_2025 = '2025-04';
const PUBLIC_CODE_2026 = 'hand-made from public automation code (2026), 2026-11';
const HAND_MADE = 'hand-made from the Ember markup pattern, 2026-11';
const SDUI_2026 = 'hand-made from public 2026 captures and code (2026-02 to 2026-10), 2026-11';

export const SELECTORS = {
  // ---- Shadow root host (2026) ----
  /** Hosts an open shadow root with the 2026 overlay and invitation modal. */
  interopOutlet: {
    css: '#interop-outlet, [data-testid="interop-shadowdom"]',
    generation: 'sdui',
    lastSeen: PUBLIC_CODE_2026,
  },

  // ---- Conversations: thread page and overlay bubbles ----
  /** A whole conversation (thread pane or bubble); class-only in the Ember UI. */
  conversationWrapper: { css: '.msg-convo-wrapper', generation: 'ember', lastSeen: CAPTURE_2025 },
  /** An overlay bubble, open or minimised. */
  overlayBubble: {
    css: '[data-view-name="message-overlay-conversation-bubble-item"], [data-msg-overlay-conversation-bubble-open]',
    generation: 'ember',
    lastSeen: CAPTURE_2025,
  },
  /** A minimised bubble: header only, no composer. */
  minimizedBubble: {
    css: '[data-msg-overlay-conversation-bubble-is-minimized="true"]',
    generation: 'ember',
    lastSeen: CAPTURE_2025,
  },
  /** 2026 conversation containers: keyed components and dialogs; readers confirm by content. */
  conversationComponent: {
    css: '[componentkey*="onversation" i], [data-testid*="conversation" i], [role="dialog"]',
    generation: 'sdui',
    lastSeen: PUBLIC_CODE_2026,
  },
  /** The thread header's link to the other person's profile. */
  threadHeaderProfileLink: {
    css: 'a.msg-thread__link-to-profile',
    generation: 'ember',
    lastSeen: CAPTURE_2025,
  },
  /** A bubble header's title (the other person's name) when no link is shown. */
  bubbleHeaderTitle: {
    css: '.msg-overlay-bubble-header__title',
    generation: 'ember',
    lastSeen: CAPTURE_2025,
  },
  /** One message in a conversation. */
  messageItem: {
    css: '[data-view-name="message-list-item"], [data-event-urn]',
    generation: 'both',
    lastSeen: CAPTURE_2025,
  },
  /** A message carrying its URN: `urn:li:msg_message:(urn:li:fsd_profile:<mailbox>,2-…)`. */
  messageEventUrn: { css: '[data-event-urn]', generation: 'ember', lastSeen: CAPTURE_2025 },
  /** The messaging overlay (bubbles at the bottom of any page), by id or view name. */
  messagingOverlay: {
    css: '#msg-overlay, [data-view-name*="overlay" i]',
    generation: 'ember',
    lastSeen: CAPTURE_2025,
  },
  /** A message from the other side; class-only in the Ember UI. */
  messageFromOther: {
    css: '.msg-s-event-listitem--other',
    generation: 'ember',
    lastSeen: CAPTURE_2025,
  },
  /** Sender name shown at the top of a message group. */
  messageSenderName: {
    css: '.msg-s-message-group__name',
    generation: 'ember',
    lastSeen: CAPTURE_2025,
  },
  messageTimestamp: { css: 'time', generation: 'both', lastSeen: CAPTURE_2025 },
  /** An editor; feed comment boxes match too, so readers confirm it sits in a conversation. */
  composer: {
    css: '[contenteditable="true"][role="textbox"]',
    generation: 'both',
    lastSeen: CAPTURE_2025,
  },
  /** The composer's form (composer, buttons, attachments): the conversation bar goes before it. */
  composerForm: { css: 'form', generation: 'both', lastSeen: CAPTURE_2025 },
  /** The Send button when the account uses "Click Send". */
  sendButton: {
    css: 'button.msg-form__send-button, form button[type="submit"]',
    generation: 'both',
    lastSeen: HAND_MADE,
  },
  /** The send-mode toggle, present in both modes. */
  sendModeToggle: {
    css: '[data-test-msg-ui-send-mode-toggle-presenter__button]',
    generation: 'ember',
    lastSeen: CAPTURE_2025,
  },
  /** Any button-like element (readers match labels on these). */
  buttonLike: { css: 'button, [role="button"]', generation: 'both', lastSeen: CAPTURE_2025 },

  // ---- Links ----
  profileLink: { css: 'a[href*="/in/"]', generation: 'both', lastSeen: CAPTURE_2025 },
  threadLink: {
    css: 'a[href*="/messaging/thread/"]',
    generation: 'both',
    lastSeen: 'hand-made from public automation code, 2026-11',
  },
  customInviteLink: {
    css: 'a[href*="/preload/custom-invite/"], a[href*="/preload/search-custom-invite"]',
    generation: 'sdui',
    lastSeen: PUBLIC_CODE_2026,
  },

  // ---- Any page ----
  /** The page's main region: where a notice about the page goes (the body when there is none). */
  mainRegion: { css: '[role="main"], main', generation: 'both', lastSeen: CAPTURE_2025 },

  // ---- Profile page ----
  /** The 2026 profile screen: the page's main region names the screen it shows. */
  profileScreen: {
    css: '[data-sdui-screen="com.linkedin.sdui.flagshipnav.profile.Profile"]',
    generation: 'sdui',
    lastSeen: SDUI_2026,
  },
  /** Any 2026 screen (only to say which UI a page it could not read was in). */
  sduiScreen: { css: '[data-sdui-screen]', generation: 'sdui', lastSeen: SDUI_2026 },
  /**
   * The 2026 top card, `componentkey` (or `id`) `com.linkedin.sdui.profile.card.ref<ACoAA…>Topcard`;
   * readers confirm the whole key with TOP_CARD_KEY, which also yields the owner's member id.
   */
  sduiTopCard: {
    css: '[componentkey*="Topcard"], [id*="Topcard"]',
    generation: 'sdui',
    lastSeen: SDUI_2026,
  },
  /** What a profile card is: an Ember section or a 2026 keyed component. */
  profileCard: { css: 'section, [componentkey]', generation: 'both', lastSeen: CAPTURE_2025 },
  /** The page's own regions, where the search for a card around a name stops climbing. */
  pageRegion: {
    css: 'body, main, [role="main"], [data-sdui-screen]',
    generation: 'both',
    lastSeen: CAPTURE_2025,
  },
  /** Where other people are named (side bars, menus, lists, pop-ups): never the profile's owner. */
  otherPeopleRegion: {
    css: 'aside, [role="complementary"], nav, [role="banner"], li, [role="menu"], [role="tooltip"], [data-floating-ui-portal]',
    generation: 'both',
    lastSeen: CAPTURE_2025,
  },
  /** The Ember name heading (`h1`); the 2026 name is the top card's `h2`, found from the card. */
  profileName: { css: 'main h1, h1', generation: 'both', lastSeen: CAPTURE_2025 },
  /** The 2026 name: an `h2` inside the top card's link to `/in/<vanity>/`. */
  profileNameInLink: {
    css: 'a[href*="/in/"] h2, a[href*="/in/"] h1',
    generation: 'sdui',
    lastSeen: SDUI_2026,
  },
  /** The Ember top card carries the numeric member id (`urn:li:member:<n>`) on its section. */
  topCardMemberNumber: {
    css: 'section[data-member-id]',
    generation: 'ember',
    lastSeen: CAPTURE_2025,
  },
  /** Links that carry `urn:li:member:<n>` (the 2026 More menu's report link). */
  memberNumberLink: {
    css: 'a[href*="urn%3Ali%3Amember%3A"], a[href*="urn:li:member:"]',
    generation: 'sdui',
    lastSeen: SDUI_2026,
  },
  /** The top card's Message link: `/messaging/compose/?profileUrn=…&recipient=<ACoAA…>`. */
  composeLink: {
    css: 'a[href*="/messaging/compose/"]',
    generation: 'sdui',
    lastSeen: SDUI_2026,
  },
  /** The hidden copy of the degree ("· 2nd") beside the visible one. */
  hiddenCopy: {
    css: 'div[data-display-contents="true"]',
    generation: 'sdui',
    lastSeen: SDUI_2026,
  },
  /** Connect: `a[aria-label="Invite <Name> to connect"]` (a link to the invitation) or a button. */
  connectControl: {
    css: '[aria-label^="Invite "][aria-label$=" to connect"], a[href*="/preload/custom-invite/"]',
    generation: 'sdui',
    lastSeen: SDUI_2026,
  },
  /** Pending: a link that withdraws the invitation (never a send). */
  pendingControl: {
    css: '[aria-label^="Pending, click to withdraw invitation sent to"]',
    generation: 'sdui',
    lastSeen: SDUI_2026,
  },
  followButton: {
    css: 'button[aria-label^="Follow "]',
    generation: 'sdui',
    lastSeen: SDUI_2026,
  },
  /** The More button (text "More", `aria-expanded`); its menu renders in a floating-ui portal. */
  moreButton: { css: 'button[aria-expanded]', generation: 'both', lastSeen: SDUI_2026 },
  floatingMenu: {
    css: '[data-floating-ui-portal] [role="menu"]',
    generation: 'sdui',
    lastSeen: SDUI_2026,
  },
  /** The hidden same-origin frame LinkedIn's 2026 overlays run in; its requests are sends too. */
  interopFrame: {
    css: 'iframe[data-testid="interop-iframe"]',
    generation: 'sdui',
    lastSeen: SDUI_2026,
  },
  /** Links that carry the profile's member URN in their query string. */
  profileUrnLink: {
    css: 'a[href*="profileUrn="], a[href*="miniProfileUrn="]',
    generation: 'ember',
    lastSeen: CAPTURE_2025,
  },
  /** "1st" / "2nd" next to the name. */
  distanceBadge: {
    css: '.distance-badge, .dist-value',
    generation: 'ember',
    lastSeen: CAPTURE_2025,
  },
  headline: { css: '.text-body-medium', generation: 'ember', lastSeen: CAPTURE_2025 },
  currentCompanyButton: {
    css: 'button[aria-label^="Current company:"]',
    generation: 'ember',
    lastSeen: CAPTURE_2025,
  },

  // ---- Invitation modal ----
  dialog: {
    css: '[role="dialog"], [role="alertdialog"], .artdeco-modal, .send-invite',
    generation: 'both',
    lastSeen: 'hand-made from public automation code (artdeco-modal, role=dialog), 2026-11',
  },
  /** The 2026 invitation modal in #interop-outlet's shadow root. */
  invitationModal: {
    css: '[role="dialog"][aria-labelledby="send-invite-modal"]',
    generation: 'sdui',
    lastSeen: SDUI_2026,
  },
  /** The note field only an invitation dialog has (a bare textarea is not enough to say so). */
  invitationMarker: {
    css: 'textarea#custom-message, textarea[name="message"]',
    generation: 'both',
    lastSeen: 'hand-made from public automation code (textarea#custom-message), 2026-11',
  },
  /** The invitation's own note field, by its id: an invitation dialog even before its buttons show. */
  customInviteNote: {
    css: 'textarea#custom-message',
    generation: 'both',
    lastSeen: 'hand-made from public automation code (textarea#custom-message), 2026-11',
  },
  invitationNote: {
    css: 'textarea#custom-message, textarea[name="message"], textarea',
    generation: 'both',
    lastSeen: 'hand-made from public automation code (textarea#custom-message), 2026-11',
  },
} as const satisfies Record<string, SelectorEntry>;

export type SelectorKey = keyof typeof SELECTORS;

/**
 * The whole 2026 top-card key (`componentkey` or `id`); group 1 is the owner's member id. The other
 * cards follow the same pattern with another suffix (`…About`, `…Featured`), which never match.
 */
export const TOP_CARD_KEY = {
  pattern: /^com\.linkedin\.sdui\.profile\.card\.ref(ACoA[A-Za-z0-9_-]{10,200})Topcard$/,
  lastSeen: SDUI_2026,
} as const;

/** `<title>`: "Name | LinkedIn", the Ember UI may prefix a count ("(3) Name | LinkedIn"). */
export const PROFILE_TITLE = {
  pattern: /^(?:\(\d+\+?\)\s*)?(.+?)\s*\|\s*LinkedIn\s*$/,
  lastSeen: `${CAPTURE_2025} ("(99+) Rowan Chase | LinkedIn"); ${SDUI_2026}`,
} as const;

/** Fixtures each selector is checked against, with the number of matches it must find. */
export interface SelectorExpectation {
  key: SelectorKey;
  /**
   * `shared:` = ../shared/fixtures/linkedin/dom/<file>; `hand:` = tests/fixtures/linkedin/dom/<file>;
   * a `#id` suffix = the content of that page's `<template id>` (a menu or modal rendered later).
   */
  fixture: string;
  count: number;
}

export const SELECTOR_EXPECTATIONS: readonly SelectorExpectation[] = [
  { key: 'conversationWrapper', fixture: 'shared:messaging-thread-2025.html', count: 1 },
  { key: 'conversationWrapper', fixture: 'shared:profile-2025.html', count: 1 },
  { key: 'overlayBubble', fixture: 'shared:messaging-thread-2025.html', count: 0 },
  { key: 'overlayBubble', fixture: 'shared:profile-2025.html', count: 1 },
  { key: 'minimizedBubble', fixture: 'shared:profile-2025.html', count: 1 },
  { key: 'threadHeaderProfileLink', fixture: 'shared:messaging-thread-2025.html', count: 1 },
  { key: 'bubbleHeaderTitle', fixture: 'shared:profile-2025.html', count: 1 },
  { key: 'messageItem', fixture: 'shared:messaging-thread-2025.html', count: 4 },
  { key: 'messageItem', fixture: 'shared:profile-2025.html', count: 1 },
  { key: 'messageFromOther', fixture: 'shared:messaging-thread-2025.html', count: 3 },
  { key: 'messageSenderName', fixture: 'shared:messaging-thread-2025.html', count: 4 },
  { key: 'composer', fixture: 'shared:messaging-thread-2025.html', count: 1 },
  { key: 'sendButton', fixture: 'shared:messaging-thread-2025.html', count: 0 },
  { key: 'sendModeToggle', fixture: 'shared:messaging-thread-2025.html', count: 1 },
  { key: 'profileName', fixture: 'shared:profile-2025.html', count: 1 },
  { key: 'distanceBadge', fixture: 'shared:profile-2025.html', count: 2 },
  { key: 'currentCompanyButton', fixture: 'shared:profile-2025.html', count: 1 },
  { key: 'threadLink', fixture: 'hand:thread-page-send-button.html', count: 1 },
  { key: 'sendButton', fixture: 'hand:thread-page-send-button.html', count: 1 },
  { key: 'composer', fixture: 'hand:thread-page-send-button.html', count: 1 },
  { key: 'overlayBubble', fixture: 'hand:two-bubbles.html', count: 2 },
  { key: 'sendButton', fixture: 'hand:two-bubbles.html', count: 2 },
  { key: 'interopOutlet', fixture: 'hand:sdui-page.html', count: 1 },
  { key: 'conversationComponent', fixture: 'hand:sdui-overlay.html', count: 1 },
  { key: 'conversationComponent', fixture: 'hand:sdui-hashed-thread.html', count: 0 },
  { key: 'composer', fixture: 'hand:sdui-hashed-thread.html', count: 1 },
  { key: 'messageItem', fixture: 'hand:sdui-hashed-thread.html', count: 2 },
  { key: 'dialog', fixture: 'hand:sdui-invitation.html', count: 1 },
  { key: 'invitationNote', fixture: 'hand:sdui-invitation.html', count: 0 },
  { key: 'invitationNote', fixture: 'hand:sdui-invitation-note.html', count: 1 },
  { key: 'customInviteLink', fixture: 'hand:sdui-page.html', count: 1 },
  // 2026 profiles (hand-made from the facts of issue 15).
  { key: 'profileScreen', fixture: 'hand:sdui-profile-connect.html', count: 1 },
  { key: 'profileScreen', fixture: 'hand:sdui-profile-unreadable.html', count: 1 },
  { key: 'profileScreen', fixture: 'shared:profile-2025.html', count: 0 },
  { key: 'sduiScreen', fixture: 'hand:sdui-thread-unreadable.html', count: 1 },
  { key: 'sduiScreen', fixture: 'shared:profile-2025.html', count: 0 },
  { key: 'sduiTopCard', fixture: 'hand:sdui-profile-connect.html', count: 1 },
  { key: 'sduiTopCard', fixture: 'hand:sdui-profile-more.html', count: 1 },
  // The owner's card and another person's hover card, keyed alike: readers pick by the URL's id.
  { key: 'sduiTopCard', fixture: 'hand:sdui-profile-crowded.html', count: 2 },
  { key: 'sduiTopCard', fixture: 'hand:sdui-profile-unreadable.html', count: 0 },
  { key: 'profileName', fixture: 'hand:sdui-profile-connect.html', count: 0 },
  { key: 'profileNameInLink', fixture: 'hand:sdui-profile-connect.html', count: 1 },
  { key: 'profileNameInLink', fixture: 'hand:sdui-profile-crowded.html', count: 6 },
  { key: 'profileNameInLink', fixture: 'shared:profile-2025.html', count: 1 },
  { key: 'topCardMemberNumber', fixture: 'shared:profile-2025.html', count: 1 },
  { key: 'memberNumberLink', fixture: 'hand:sdui-profile-more.html#more-menu', count: 1 },
  { key: 'memberNumberLink', fixture: 'hand:sdui-profile-crowded.html', count: 1 },
  { key: 'composeLink', fixture: 'hand:sdui-profile-first.html', count: 4 },
  { key: 'composeLink', fixture: 'hand:sdui-profile-pending.html', count: 1 },
  { key: 'hiddenCopy', fixture: 'hand:sdui-profile-connect.html', count: 1 },
  { key: 'connectControl', fixture: 'hand:sdui-profile-connect.html', count: 2 },
  { key: 'connectControl', fixture: 'hand:sdui-profile-more.html', count: 1 },
  { key: 'connectControl', fixture: 'hand:sdui-profile-more.html#more-menu', count: 1 },
  { key: 'connectControl', fixture: 'hand:sdui-profile-pending.html', count: 2 },
  { key: 'connectControl', fixture: 'hand:sdui-profile-first.html', count: 0 },
  { key: 'pendingControl', fixture: 'hand:sdui-profile-pending.html', count: 1 },
  { key: 'pendingControl', fixture: 'hand:sdui-profile-connect.html', count: 0 },
  { key: 'followButton', fixture: 'hand:sdui-profile-more.html', count: 1 },
  { key: 'moreButton', fixture: 'hand:sdui-profile-connect.html', count: 1 },
  { key: 'moreButton', fixture: 'hand:sdui-profile-crowded.html', count: 2 },
  { key: 'floatingMenu', fixture: 'hand:sdui-profile-crowded.html', count: 1 },
  { key: 'floatingMenu', fixture: 'hand:sdui-profile-more.html', count: 0 },
  { key: 'interopFrame', fixture: 'hand:sdui-profile-connect.html', count: 1 },
  { key: 'interopOutlet', fixture: 'hand:sdui-profile-first.html', count: 1 },
  { key: 'invitationModal', fixture: 'hand:sdui-profile-connect.html#invite-modal', count: 1 },
  { key: 'invitationModal', fixture: 'hand:sdui-profile-connect.html#invite-note', count: 1 },
  { key: 'invitationModal', fixture: 'hand:sdui-invitation.html', count: 0 },
  { key: 'composerForm', fixture: 'shared:messaging-thread-2025.html', count: 1 },
  { key: 'composerForm', fixture: 'hand:two-bubbles.html', count: 2 },
  { key: 'composerForm', fixture: 'hand:sdui-overlay.html', count: 1 },
  { key: 'composerForm', fixture: 'shared:profile-2025.html', count: 0 },
  { key: 'messageEventUrn', fixture: 'shared:messaging-thread-2025.html', count: 4 },
  { key: 'messageEventUrn', fixture: 'hand:two-bubbles.html', count: 1 },
  { key: 'messagingOverlay', fixture: 'shared:profile-2025.html', count: 2 },
  { key: 'messagingOverlay', fixture: 'hand:two-bubbles.html', count: 3 },
  { key: 'messagingOverlay', fixture: 'hand:sdui-profile-connect.html', count: 0 },
  { key: 'invitationMarker', fixture: 'hand:sdui-invitation-note.html', count: 1 },
  { key: 'invitationMarker', fixture: 'shared:profile-2025.html', count: 0 },
  { key: 'customInviteNote', fixture: 'hand:sdui-invitation-note.html', count: 1 },
  { key: 'customInviteNote', fixture: 'hand:sdui-profile-connect.html#invite-note', count: 1 },
  { key: 'customInviteNote', fixture: 'shared:profile-2025.html', count: 0 },
  { key: 'profileCard', fixture: 'shared:profile-2025.html', count: 16 },
  { key: 'profileCard', fixture: 'hand:sdui-profile-connect.html', count: 3 },
  { key: 'pageRegion', fixture: 'shared:profile-2025.html', count: 2 },
  { key: 'pageRegion', fixture: 'hand:sdui-profile-crowded.html', count: 2 },
  { key: 'otherPeopleRegion', fixture: 'shared:profile-2025.html', count: 140 },
  { key: 'otherPeopleRegion', fixture: 'hand:sdui-profile-crowded.html', count: 10 },
  { key: 'mainRegion', fixture: 'shared:profile-2025.html', count: 1 },
  { key: 'mainRegion', fixture: 'shared:messaging-thread-2025.html', count: 1 },
  { key: 'mainRegion', fixture: 'hand:sdui-profile-unreadable.html', count: 1 },
  { key: 'mainRegion', fixture: 'hand:sdui-thread-unreadable.html', count: 1 },
  { key: 'mainRegion', fixture: 'hand:sdui-overlay.html', count: 0 },
];

// ---- Labels (aria-label or visible text), matched after normalising case and white space ----

export type Locale = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'it' | 'nl';

export interface LabelEntry {
  readonly byLocale: Readonly<Record<Locale, readonly string[]>>;
  readonly lastSeen: string;
}

const LABELS_EN_SEEN = 'en seen in captures 2025-04';
const LABELS_OTHER =
  'other locales hand-made from LinkedIn locale wording in public automation code and translations, 2026-11; unverified ones marked';

export const LABELS = {
  /** The message Send button. Matched exactly, so "Send profile in a message" never counts. */
  send: {
    byLocale: {
      en: ['Send'],
      de: ['Senden'],
      fr: ['Envoyer'],
      es: ['Enviar'],
      pt: ['Enviar'],
      it: ['Invia'],
      nl: ['Verzenden', 'Versturen'],
    },
    lastSeen: `en from public automation code (aria-label="Send"); ${LABELS_OTHER}`,
  },
  /** The invitation modal's send with a note. */
  sendInvitation: {
    byLocale: {
      en: ['Send invitation', 'Send now'],
      de: ['Einladung senden', 'Jetzt senden'],
      fr: ['Envoyer l’invitation', "Envoyer l'invitation", 'Envoyer maintenant'],
      es: ['Enviar invitación', 'Enviar ahora'],
      pt: ['Enviar convite', 'Enviar agora'],
      it: ['Invia invito', 'Invia ora'],
      nl: ['Uitnodiging verzenden', 'Nu verzenden'],
    },
    lastSeen: `en "Send invitation"/"Send now" from public automation code 2025-2026; ${LABELS_OTHER}`,
  },
  /** The invitation modal's send without a note. */
  sendWithoutNote: {
    byLocale: {
      en: ['Send without a note'],
      de: ['Ohne Notiz senden'],
      fr: ['Envoyer sans note'],
      es: ['Enviar sin nota'],
      pt: ['Enviar sem nota'],
      it: ['Invia senza nota'],
      nl: ['Zonder notitie verzenden'],
    },
    lastSeen:
      'en, de, fr, es, pt, it from public automation code (2026); nl hand-made, unverified, 2026-11',
  },
  addNote: {
    byLocale: {
      en: ['Add a note'],
      de: ['Notiz hinzufügen'],
      fr: ['Ajouter une note'],
      es: ['Añadir una nota', 'Agregar una nota'],
      pt: ['Adicionar nota', 'Adicionar uma nota'],
      it: ['Aggiungi una nota', 'Aggiungi nota'],
      nl: ['Notitie toevoegen', 'Een notitie toevoegen'],
    },
    lastSeen: `en from public automation code (aria-label="Add a note"); ${LABELS_OTHER}`,
  },
  /** The profile's Message button ("Message Rowan"); matched as a prefix. */
  /** The composer's placeholder ("Write a message…"); matched as a contained word. */
  writeMessage: {
    byLocale: {
      en: ['message'],
      de: ['nachricht'],
      fr: ['message'],
      es: ['mensaje'],
      pt: ['mensagem'],
      it: ['messaggio'],
      nl: ['bericht'],
    },
    lastSeen: `${LABELS_EN_SEEN} (aria-label="Write a message…"); ${LABELS_OTHER}`,
  },
  /** The profile's More button (its menu holds Connect when the card does not). */
  more: {
    byLocale: {
      en: ['More', 'More actions'],
      de: ['Mehr', 'Weitere Aktionen'],
      fr: ['Plus', 'Plus d’actions'],
      es: ['Más', 'Más acciones'],
      pt: ['Mais', 'Mais ações'],
      it: ['Altro', 'Altre azioni'],
      nl: ['Meer', 'Meer acties'],
    },
    lastSeen: `en "More" (2026), "More actions" (${CAPTURE_2025}); ${LABELS_OTHER}`,
  },
  /** A Connect button's visible text (its aria-label, in English, is "Invite <Name> to connect"). */
  connect: {
    byLocale: {
      en: ['Connect'],
      de: ['Vernetzen'],
      fr: ['Se connecter'],
      es: ['Conectar'],
      pt: ['Conectar'],
      it: ['Collegati'],
      nl: ['Connectie maken'],
    },
    lastSeen: `en from public 2026 captures; ${LABELS_OTHER}`,
  },
  message: {
    byLocale: {
      en: ['Message'],
      de: ['Nachricht'],
      fr: ['Message', 'Envoyer un message'],
      es: ['Mensaje', 'Enviar mensaje'],
      pt: ['Mensagem', 'Enviar mensagem'],
      it: ['Messaggio', 'Invia messaggio'],
      nl: ['Bericht', 'Bericht sturen'],
    },
    lastSeen: `${LABELS_EN_SEEN} (aria-label="Message Rowan"); ${LABELS_OTHER}`,
  },
} as const satisfies Record<string, LabelEntry>;

export type LabelKey = keyof typeof LABELS;

/** Case, white space and apostrophe variants folded, so localised labels compare reliably. */
export function normalizeLabel(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase();
}

const normalizedLabels = new Map<LabelKey, ReadonlySet<string>>();

/** Every locale's variants of a label, normalised. */
export function labelVariants(key: LabelKey): ReadonlySet<string> {
  let set = normalizedLabels.get(key);
  if (!set) {
    set = new Set(Object.values(LABELS[key].byLocale).flat().map(normalizeLabel));
    normalizedLabels.set(key, set);
  }
  return set;
}

/** True when `value` is exactly one of the label's variants (any locale). */
export function matchesLabel(value: string | null | undefined, key: LabelKey): boolean {
  if (!value || value.length > 200) return false;
  return labelVariants(key).has(normalizeLabel(value));
}

/** True when `value` starts with one of the label's variants followed by a space or its end. */
export function startsWithLabel(value: string | null | undefined, key: LabelKey): boolean {
  if (!value || value.length > 200) return false;
  const text = normalizeLabel(value);
  for (const label of labelVariants(key)) {
    if (text === label || text.startsWith(`${label} `)) return true;
  }
  return false;
}

/** True when `value` contains one of the label's variants as a whole word. */
export function containsLabel(value: string | null | undefined, key: LabelKey): boolean {
  if (!value || value.length > 300) return false;
  const words = new Set(normalizeLabel(value).split(/[^\p{L}\p{N}']+/u));
  for (const label of labelVariants(key)) if (words.has(label)) return true;
  return false;
}

// ---- Endpoints (matched against request URLs by the page-world observer) ----

export interface EndpointEntry {
  readonly pattern: RegExp;
  readonly lastSeen: string;
}

export const ENDPOINTS = {
  /** A message send, to an existing conversation or a new one. */
  createMessage: {
    pattern:
      /\/voyager\/api\/voyagerMessagingDashMessengerMessages\?(?:[^#]*&)?action=createMessage(?:[&#]|$)/,
    lastSeen: 'hand-made from public automation code (2025-2026), 2026-11',
  },
  /** A connection invitation (dash endpoint, with and without the V2 suffix). */
  invitation: {
    pattern:
      /\/voyager\/api\/voyagerRelationshipsDashMemberRelationships\?(?:[^#]*&)?action=verifyQuotaAndCreate(?:V2)?(?:[&#]|$)/,
    lastSeen: 'hand-made from public automation code (2025-2026), 2026-11',
  },
  /**
   * An invitation from a 2026 (SDUI) Connect button: a generic server-request POST that names the
   * action only in `sduiid`; body `requestedArguments.payload.inviteeUrn.memberId`,
   * `nonIterableProfileId`, sometimes `profileCanonicalUrl`; the answer is a React Server
   * Components stream. Matched on the whole URL.
   */
  sduiAddConnection: {
    pattern:
      /^https:\/\/www\.linkedin\.com\/flagship-web\/rsc-action\/actions\/server-request\?(?:[^#]*&)?sduiid=com\.linkedin\.sdui\.requests\.mynetwork\.addaAddConnection(?:[&#]|$)/,
    lastSeen: SDUI_2026,
  },
  /** Withdrawing an invitation ("Pending"): never a send. Matched on the whole URL. */
  sduiWithdrawInvitation: {
    pattern:
      /^https:\/\/www\.linkedin\.com\/flagship-web\/rsc-action\/actions\/server-request\?(?:[^#]*&)?sduiid=com\.linkedin\.sdui\.requests\.mynetwork\.addaWithdrawInvitation(?:[&#]|$)/,
    lastSeen: SDUI_2026,
  },
  /** The pre-dash invitation endpoint; legacy, remove once no 2026 traffic shows it (check 2027-06). */
  invitationLegacy: {
    pattern: /\/voyager\/api\/growth\/normInvitations(?:\?|$)/,
    lastSeen: 'hand-made from public automation code (≤2023), 2026-11',
  },
} as const satisfies Record<string, EndpointEntry>;

// ---- URL patterns (pathnames, after any locale prefix is removed) ----

export const URL_PATTERNS = {
  hosts: {
    pattern: /^(?:www\.|[a-z]{2}\.)?linkedin\.com$/i,
    lastSeen:
      'www seen in captures 2025-04; country hosts (de.linkedin.com) from public code, 2026-11',
  },
  /** `/messaging/thread/2-<base64>/`; `==` may arrive percent-encoded. */
  messagingThread: {
    pattern: /^\/messaging\/thread\/(2-[A-Za-z0-9+_%=-]{4,300})\/?$/,
    lastSeen: 'hand-made from public code with real thread URLs, 2026-11',
  },
  /** `/in/<vanity or ACoAA… id>/` and its sub-pages (also under the lite `/mwlite`, `/m` prefixes). */
  profile: {
    pattern: /^(?:\/(?:mwlite|m))?\/in\/([^/?#]{1,200})(?:\/.*)?$/i,
    lastSeen: CAPTURE_2025,
  },
  /**
   * A profile's own page, where a top card must be readable: `/in/<id>/`, a locale suffix
   * (`/in/<id>/de/`) or an overlay above it (`/in/<id>/overlay/contact-info/`); not the
   * `details/…` or `recent-activity/…` sub-pages, which show no top card.
   */
  profileMain: {
    pattern: /^(?:\/(?:mwlite|m))?\/in\/[^/?#]{1,200}(?:\/(?:[a-z]{2}\/?)?|\/overlay\/.*)?$/i,
    lastSeen: `${CAPTURE_2025}; ${SDUI_2026}`,
  },
  /** The hidden interop frame (`/preload/`), which sends invitations and messages in 2026. */
  preloadFrame: {
    pattern: /^\/preload(?:\/|$)/,
    lastSeen: SDUI_2026,
  },
  /** `/preload/custom-invite/?vanityName=<vanity>` opens the invitation modal directly. */
  customInvite: {
    pattern: /^\/preload\/(?:search-)?custom-invite\/?$/,
    lastSeen: PUBLIC_CODE_2026,
  },
  /**
   * A message to someone not yet written to: `/messaging/thread/new?recipients=List(urn:li:…)` (the
   * profile's Message buttons) and the older `/messaging/compose/?recipient=<id>`.
   */
  newConversation: {
    pattern: /^\/messaging\/(?:thread\/new|compose)\/?$/,
    lastSeen: 'thread/new in the 2025 profile capture; compose from public code, 2026-11',
  },
  /** The `/messaging/` area: inbox, a thread, compose. */
  messaging: {
    pattern: /^\/messaging(?:\/|$)/,
    lastSeen: CAPTURE_2025,
  },
} as const satisfies Record<string, EndpointEntry>;
