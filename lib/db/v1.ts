// The store as the first release wrote it. Kept forever: version(1) of the schema is declared from
// these strings, and the migration test builds a real v1 database from these types.
import type { Channel, OutcomeKind, ProspectStatus, Settings, TouchSource } from '../model';

export const V1_STORES = {
  prospects: 'id, *emails, *linkedinIds, status, nextDueAt',
  touches: 'id, &dedupeKey, prospectId, at',
  outcomes: 'id, prospectId',
  settings: 'id',
} as const;

export interface ProspectV1 {
  id: string;
  name: string;
  company: string;
  emails: string[];
  linkedinIds: string[];
  status: ProspectStatus;
  tags: string[];
  createdAt: number;
  /** Epoch ms: an instant, so a time-zone change could move the due day. Version 2 stores a day. */
  nextDueAt?: number;
}

export interface TouchV1 {
  id: string;
  prospectId: string;
  channel: Channel;
  direction: 'out' | 'in';
  at: number;
  summary: string;
  link?: string;
  threadId?: string;
  source: TouchSource;
  confirmed: boolean;
  dedupeKey: string;
  angleId?: string;
}

export interface OutcomeV1 {
  id: string;
  prospectId: string;
  kind: OutcomeKind;
  at: number;
  /** Epoch ms when a snooze ends. */
  until?: number;
  note?: string;
}

/** Version 1 wrote whatever settings existed then; fields added later are absent. */
export type SettingsRowV1 = Partial<Settings> & { id: 'user' };
