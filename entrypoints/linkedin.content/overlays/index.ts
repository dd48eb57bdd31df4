// Placeholder replaced below.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SendDetection } from '../send-detection';

export function startOverlays(_ctx: ContentScriptContext, _detection: SendDetection): void {}
