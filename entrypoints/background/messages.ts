// The background's side of the protocol: parse every payload at the boundary, then act.
import { onMessage, parseMessage } from '../../lib/messages';

export function setUpMessages(): void {
  onMessage('ping', ({ data }) => {
    parseMessage('ping', data);
    return { version: browser.runtime.getManifest().version };
  });
}
