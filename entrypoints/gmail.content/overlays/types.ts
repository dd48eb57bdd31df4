// What every Gmail overlay is given, beside the content script's ctx (the contract itself is
// components/overlay/types.ts).
import type { Overlay } from '../../../components/overlay/types';
import type { OverlaySettings } from '../../../lib/messages';
import type { SendDetection } from '../../../lib/sites/gmail/send-detection';

export interface GmailOverlayEnv {
  detection: SendDetection;
  /** The user's overlay settings (angles…), asked of the background once per Gmail view. */
  settings(): Promise<OverlaySettings>;
}

export type GmailOverlay = Overlay<GmailOverlayEnv>;
