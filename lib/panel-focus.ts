// Which prospect the side panel should show when something opened it on one: a notification, a
// click in Gmail or LinkedIn. The background writes it to extension storage (session) right after
// opening the panel; the panel reads it on load and watches it while open.
import * as v from 'valibot';

export const PANEL_FOCUS_KEY = 'panelFocus';

export interface PanelFocus {
  prospectId: string | null;
  at: number;
}

/** A focus older than this was meant for an earlier opening, not this one. */
export const PANEL_FOCUS_FRESH_MS = 30_000;

const panelFocusSchema = v.object({
  prospectId: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  at: v.pipe(v.number(), v.finite()),
});

/**
 * The prospect to show for a stored focus value, or null: nothing stored, a focus on no one, a
 * malformed value, or one written more than PANEL_FOCUS_FRESH_MS before `now`.
 */
export function prospectToFocus(value: unknown, now: number): string | null {
  const parsed = v.safeParse(panelFocusSchema, value);
  if (!parsed.success) return null;
  const { prospectId, at } = parsed.output;
  if (!prospectId || now - at > PANEL_FOCUS_FRESH_MS || at - now > PANEL_FOCUS_FRESH_MS)
    return null;
  return prospectId;
}
