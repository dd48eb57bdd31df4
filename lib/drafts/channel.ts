// The channels a draft is written for, on their own so the model's types can name them without
// importing the facts a prompt is built from (which import the model).

/** The channels a draft is written for: the ones the rep writes in. */
export const DRAFT_CHANNELS = ['email', 'linkedin'] as const;
export type DraftChannel = (typeof DRAFT_CHANNELS)[number];
